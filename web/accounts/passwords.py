"""Password policy (length and a list of common passwords, no composition rules) and hashing."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import Flask, current_app, has_app_context
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 128
_COMMON_LIST = Path(__file__).resolve().parents[1] / "data" / "common-passwords.txt"

EXTENSION_KEY = "envsaq_password_hasher"
#: argon2id with the library's RFC 9106 "low memory" profile: 64 MiB, 3 passes.
PRODUCTION_HASHER = PasswordHasher()
#: Cheaper argon2id parameters, for apps built with ``TESTING`` only.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def init_passwords(app: Flask) -> PasswordHasher:
    """Give the app its hasher: its own configuration, not a process-wide switch."""
    hasher = TEST_HASHER if app.config.get("TESTING") else PRODUCTION_HASHER
    app.extensions[EXTENSION_KEY] = hasher
    return hasher


def password_hasher() -> PasswordHasher:
    """The current app's hasher (the production profile outside an app)."""
    if has_app_context():
        return current_app.extensions.get(EXTENSION_KEY, PRODUCTION_HASHER)
    return PRODUCTION_HASHER


@cache
def common_passwords() -> frozenset[str]:
    lines = _COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def password_problem(password: str, email: str | None = None) -> str | None:
    """Return why ``password`` is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least 12 characters.")
    if len(password) > MAX_LENGTH:
        return _("Use at most 128 characters.")
    lowered = password.lower()
    if lowered in common_passwords():
        return _("This password is too common. Choose another one.")
    if email and lowered == email.lower():
        return _("Do not use your email address as your password.")
    return None


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    if not stored_hash:
        # Spend the same time as a real check so that timing does not reveal the account.
        password_hasher().hash(password)
        return False
    try:
        return password_hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return password_hasher().check_needs_rehash(stored_hash)


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("not a real password, only for timing")


def dummy_verify(password: str) -> None:
    """Verify against a throwaway hash: an unknown email costs the same time as a known one."""
    verify_password(_dummy_hash(password_hasher()), password)
