"""Answers (one per question of a response) and the history of their changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow
from models.user import User


class Answer(db.Model):
    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("response_id", "question_key"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"),
                                             index=True)
    question_key: Mapped[str] = mapped_column(String(200))
    #: The JSON value; for an invalid draft value, exactly what was typed.
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    #: False while the value fails validation (drafts may hold invalid values).
    is_valid: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Optimistic concurrency: a save names the version it was based on.
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: Name of the cycle this answer was carried over from, until confirmed or changed.
    carried_from: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    updated_by: Mapped[User | None] = relationship(lazy="joined")

    # Compare-and-set: an UPDATE only applies if the row still has the version it was read
    # with (two editors saving from the same version cannot both win). The code sets the new
    # version itself.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class AnswerChange(db.Model):
    """Every change of an answer: who, when, the old and the new value. Append-only."""

    __tablename__ = "answer_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"),
                                             index=True)
    question_key: Mapped[str] = mapped_column(String(200))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: "form", "autosave", "import", "carry_forward", "conflict_resolution".
    source: Mapped[str] = mapped_column(String(32), default="form")

    changed_by: Mapped[User | None] = relationship(lazy="joined")
