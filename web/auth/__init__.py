"""Signing in and out, invitations, password resets, two-factor codes, the user's profile."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from web.auth import session_views, views  # noqa: E402,F401
