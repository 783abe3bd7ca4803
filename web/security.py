"""Security headers, session lifetime and the user loader."""

from __future__ import annotations

import time

from flask import Flask, Response, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from models import User, db
from services.sessions import end_session, touch
from web.accounts.sessions import current_session, find_session, open_session
from web.extensions import login_manager
from web.navigation import wants_json

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if not request.path.startswith("/static/") and request.endpoint != "home.favicon":
        # Overrides send_file's "no-cache": private pages and downloads (reports included)
        # are kept in no browser or proxy cache.
        headers["Cache-Control"] = "no-store"
    from flask import current_app

    if current_app.config["ENVSAQ_ENV"] == "production":
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return response


@login_manager.user_loader
def load_user(session_key: str) -> User | None:
    """The user of the server-side session named in the cookie, if it still exists."""
    row = find_session(session_key)
    if row is None:
        return None
    user = db.session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    user.session_key = session_key
    g.user_session = row
    if request.headers.get("X-EnvSAQ-Background") != "1":
        touch(row)
    return user


def start_session(user: User) -> None:
    """Begin a fresh session for ``user`` (a new session id: no fixation)."""
    from flask_login import login_user

    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    open_session(user)
    login_user(user)
    now = int(time.time())
    session["signed_in_at"] = now
    session["last_seen"] = now
    session.permanent = True


def enforce_session_lifetime() -> Response | None:
    """End sessions that were idle too long or are too old; the next page asks to sign in."""
    if not current_user.is_authenticated:
        return None
    from flask import current_app

    now = int(time.time())
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    absolute = current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600
    started = session.get("signed_in_at", 0)
    last_seen = session.get("last_seen", 0)
    if now - last_seen > idle or now - started > absolute:
        end_session(current_session())
        logout_user()
        session.pop("signed_in_at", None)
        session.pop("last_seen", None)
        g.session_expired = True
        if wants_json():
            return None  # the view's guard answers 401 through the login manager
        flash(_("Your session has ended. Sign in again to continue."), "info")
        return redirect(url_for("auth.sign_in", next=request.full_path))
    # Only refresh on real navigation, so that a page left open does not keep itself alive
    # through background polling.
    if request.headers.get("X-EnvSAQ-Background") != "1":
        session["last_seen"] = now
    return None


MFA_ENROLMENT_ENDPOINTS = frozenset({"auth.mfa_setup", "auth.sign_out", "auth.switch_language",
                                     "static"})


def enforce_mfa_enrolment() -> Response | None:
    """Where two-factor sign-in is mandatory for staff, nothing else opens until it is set up."""
    from flask import current_app

    if (current_user.is_authenticated and current_app.config["MFA_REQUIRED_FOR_SECRETARIAT"]
            and current_user.is_secretariat and not current_user.mfa_enabled
            and request.endpoint not in MFA_ENROLMENT_ENDPOINTS):
        return redirect(url_for("auth.mfa_setup"))
    return None


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.before_request(enforce_session_lifetime)
    app.before_request(enforce_mfa_enrolment)
