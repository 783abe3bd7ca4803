"""Changing a password: everything that must die with the old one dies here."""

from __future__ import annotations

from models import TokenPurpose, User
from services import sessions
from services.tokens import revoke_tokens
from web.accounts import throttle
from web.accounts.passwords import hash_password


def set_password(user: User, password: str) -> None:
    """Set ``user``'s password, end all their sessions and spend every outstanding reset link."""
    user.password_hash = hash_password(password)
    sessions.end_sessions(user)
    revoke_tokens(TokenPurpose.PASSWORD_RESET, user.email)
    throttle.clear_account(user.email)
