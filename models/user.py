"""Accounts, their memberships and the secrets that guard them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_type, utcnow
from models.state import State
from questionnaire.roles import SECRETARIAT_ROLES, STATE_ROLES, Role

__all__ = ["SECRETARIAT_ROLES", "STATE_ROLES", "Membership", "RecoveryCode", "Role", "User"]


class User(db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: argon2id hash; empty until the invitee sets a password.
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    locale: Mapped[str] = mapped_column(String(5), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    mfa_secret: Mapped[str | None] = mapped_column(String(64))
    mfa_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The TOTP time step last accepted, so that a code is never accepted twice.
    mfa_last_step: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    # Flask-Login protocol
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    #: The cookie key of the session this object was loaded for (see web.accounts.sessions).
    session_key = None  # str | None; a plain attribute, not a column

    def get_id(self) -> str | None:
        return self.session_key

    @property
    def roles(self) -> set[Role]:
        return {m.role for m in self.memberships}

    def has_role(self, *roles: Role) -> bool:
        return any(m.role in roles for m in self.memberships)

    @property
    def is_secretariat(self) -> bool:
        return any(m.role in SECRETARIAT_ROLES for m in self.memberships)

    def state_memberships(self, iso3: str) -> list[Membership]:
        return [m for m in self.memberships if m.state_iso3 == iso3]

    @property
    def state_codes(self) -> list[str]:
        return sorted({m.state_iso3 for m in self.memberships if m.state_iso3})

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(db.Model):
    """A role held by a user, for one State (State roles) or for none (secretariat roles)."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("user_id", "role", "state_iso3"),
        CheckConstraint(
            "(role IN ('secretariat-admin', 'secretariat-reviewer') AND state_iso3 IS NULL)"
            " OR (role IN ('focal-point', 'contributor', 'observer') AND state_iso3 IS NOT NULL)",
            name="state_matches_role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    state_iso3: Mapped[str | None] = mapped_column(ForeignKey("state.iso3"), index=True)
    #: For contributors: the section keys they may edit; empty means all sections.
    sections: Mapped[list[str]] = mapped_column(db.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    state: Mapped[State | None] = relationship(lazy="joined")


class RecoveryCode(db.Model):
    """A one-time MFA recovery code, stored hashed."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
