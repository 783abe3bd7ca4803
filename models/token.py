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
    used_at: Mapped[datetime | None]

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
