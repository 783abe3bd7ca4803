"""Server-side sessions: a row per sign-in, a random key in the cookie.

Signing out, changing the password or two-factor settings, deactivation and role removal
delete rows; a cookie whose row is gone signs nobody in, even a copy taken earlier.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import CursorResult, delete, select

from models import User, UserSession, db, utcnow

#: How often ``last_seen_at`` is written: often enough for the sessions page, rarely enough
#: that reading a page does not always write.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(user: User, *, address: str = "", user_agent: str = "",
                 max_age: timedelta) -> tuple[UserSession, str]:
    """Record a new session for ``user``; returns it with the key for the cookie."""
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                                 UserSession.created_at <= utcnow() - max_age))
    secret = secrets.token_urlsafe(32)
    row = UserSession(user_id=user.id, key_hash=_digest(secret), address=address[:64],
                      user_agent=user_agent[:200])
    db.session.add(row)
    db.session.flush()
    return row, f"{user.id}:{secret}"


def find_session(key: str, *, max_age: timedelta) -> UserSession | None:
    """The live session for the cookie's ``key``, or None (unknown, ended or too old)."""
    user_id, _, secret = (key or "").partition(":")
    if not user_id.isdigit() or not secret:
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.key_hash == _digest(secret)))
    if row is None or row.user_id != int(user_id):
        return None
    if row.created_at <= utcnow() - max_age:
        db.session.delete(row)
        return None
    return row


def touch(row: UserSession) -> None:
    now = utcnow()
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now


def end_session(row: UserSession | None) -> None:
    if row is not None:
        db.session.execute(delete(UserSession).where(UserSession.id == row.id))


def end_sessions(user: User, *, keep: UserSession | None = None) -> int:
    """End every session of ``user``, except ``keep``; returns how many ended."""
    stmt = delete(UserSession).where(UserSession.user_id == user.id)
    if keep is not None:
        stmt = stmt.where(UserSession.id != keep.id)
    result: CursorResult[Any] = db.session.execute(stmt)  # type: ignore[assignment]
    return result.rowcount or 0


def sessions_of(user: User) -> list[UserSession]:
    return list(db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                                   .order_by(UserSession.last_seen_at.desc())))


def session_of(user: User, session_id: int) -> UserSession | None:
    """One of ``user``'s own sessions (None for another person's or an unknown one)."""
    row = db.session.get(UserSession, session_id)
    return row if row is not None and row.user_id == user.id else None
