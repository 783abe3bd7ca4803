"""The server-side session of this request (see ``services.sessions``)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request

from models import User, UserSession
from services import sessions


def _max_age() -> timedelta:
    return timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])


def open_session(user: User) -> str:
    """Record a session for ``user`` signing in with this request; returns the cookie key."""
    row, key = sessions.open_session(user, address=request.remote_addr or "",
                                     user_agent=request.user_agent.string or "",
                                     max_age=_max_age())
    user.session_key = key
    g.user_session = row
    return key


def find_session(key: str) -> UserSession | None:
    return sessions.find_session(key, max_age=_max_age())


def current_session() -> UserSession | None:
    return g.get("user_session")


def end_other_sessions(user: User) -> int:
    """End every session of ``user`` but this request's."""
    return sessions.end_sessions(user, keep=current_session())
