"""Signed-in sessions, kept on the server: the cookie carries only a random key."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow

if TYPE_CHECKING:
    from models.user import User


class UserSession(db.Model):
    """One sign-in on one device. Deleting the row ends the session at its next request."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the random key in the cookie; the key itself is never stored.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    address: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    #: The TOTP secret while two-factor sign-in is being set up (kept here, not in the cookie).
    mfa_enrol_secret: Mapped[str | None] = mapped_column(String(64))

    user: Mapped[User] = relationship()
