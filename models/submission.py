"""Submissions: immutable, numbered, hashed snapshots of all answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow
from models.user import User


class Submission(db.Model):
    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("response_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    #: question key -> value, exactly as hashed.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: SHA-256 of the canonical JSON of the snapshot (see questionnaire.snapshot).
    sha256: Mapped[str] = mapped_column(String(64))
    answer_language: Mapped[str | None] = mapped_column(String(5))
    certified_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: The name and title the focal point typed when certifying.
    certified_name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Set when a later submission of the same response replaces this one.
    superseded_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]

    certified_by: Mapped[User] = relationship(lazy="joined")


_MUTABLE_AFTER_CREATION = frozenset({"superseded_at", "accepted_at"})


@event.listens_for(Submission, "before_update")
def _snapshot_is_immutable(mapper, connection, target) -> None:
    from sqlalchemy import inspect

    state = inspect(target)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if changed - _MUTABLE_AFTER_CREATION:
        raise RuntimeError(f"a submission snapshot is immutable (tried to change {changed})")
