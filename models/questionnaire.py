"""Published questionnaire versions: immutable once stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow


class QuestionnaireVersion(db.Model):
    __tablename__ = "questionnaire_version"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    #: The definition file as published (YAML); the single source of its content.
    source: Mapped[str] = mapped_column(Text)
    #: SHA-256 of ``source``.
    content_hash: Mapped[str] = mapped_column(String(64))
    title_en: Mapped[str] = mapped_column(String(500))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def label(self) -> str:
        return f"{self.questionnaire_id} v{self.version}"


@event.listens_for(QuestionnaireVersion, "before_update")
def _immutable(mapper, connection, target) -> None:
    raise RuntimeError("a published questionnaire version is immutable")
