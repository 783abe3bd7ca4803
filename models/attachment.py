"""Files attached to answers, stored on disk under generated names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow


class Attachment(db.Model):
    __tablename__ = "attachment"

    #: A random identifier, also the file's name on disk.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"),
                                             index=True)
    question_key: Mapped[str] = mapped_column(String(200))
    #: The name the user's file had (shown, never used as a path).
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
