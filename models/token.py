"""Single-use links: invitations and password resets."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_type, utcnow
from models.user import Role, User


class TokenPurpose(enum.StrEnum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"  # noqa: S105  (a purpose, not a secret)


class TokenEnd(enum.StrEnum):
    """Why a link stopped working before it was used."""

    WITHDRAWN = "withdrawn"  # by whoever may invite there, or the secretariat
    INVITER_LOST_RIGHT = "inviter_lost_right"  # the inviter was deactivated or lost the role
    INVITEE_DEACTIVATED = "invitee_deactivated"
    SUPERSEDED = "superseded"  # a reset link, after another was used or the password changed


class AccountToken(db.Model):
    """A link sent by mail. Only the SHA-256 of the secret is stored."""

    __tablename__ = "account_token"
    __table_args__ = (
        CheckConstraint("purpose <> 'invitation' OR role IS NOT NULL", name="invitation_has_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_type(TokenPurpose, "token_purpose"))
    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[Role | None] = mapped_column(enum_type(Role, "invited_role"))
    state_iso3: Mapped[str | None] = mapped_column(ForeignKey("state.iso3"))
    #: For contributors: the sections they will be limited to.
    sections: Mapped[list[str]] = mapped_column(db.JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    #: When the link stopped working: used, or ended (then ``ended_reason`` says why).
    used_at: Mapped[datetime | None]
    ended_reason: Mapped[TokenEnd | None] = mapped_column(enum_type(TokenEnd, "token_end"))
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    ended_by: Mapped[User | None] = relationship(foreign_keys=[ended_by_id])

    @property
    def is_pending(self) -> bool:
        """Neither used, ended nor expired."""
        return self.used_at is None and self.expires_at > utcnow()
