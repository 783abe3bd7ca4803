"""The start page and service endpoints (health)."""

from flask import Blueprint

bp = Blueprint("home", __name__)

from web.home import views  # noqa: E402,F401
