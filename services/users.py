"""Finding accounts (by id, by email address whatever its case, all of them) and creating one."""

from __future__ import annotations

from sqlalchemy import func, select

from models import User, db
from services.errors import NotFound


def user_by_email(email: str) -> User | None:
    """The account of this address (compared without case or surrounding spaces)."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def find_user(user_id: int | None) -> User | None:
    return db.session.get(User, user_id) if user_id is not None else None


def get_user(user_id: int) -> User:
    """The account with this id; :class:`NotFound` when there is none."""
    user = find_user(user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def all_users() -> list[User]:
    """Every account, by email address."""
    return list(db.session.scalars(select(User).order_by(User.email)))


def create_user(email: str, name: str, password_hash: str) -> User:
    """A new account (no role yet: ``services.team.grant_role`` gives one)."""
    user = User(email=email, name=name, password_hash=password_hash)
    db.session.add(user)
    db.session.flush()
    return user
