"""The read-only JSON API of the secretariat, authenticated by personal API tokens."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from web.api import views  # noqa: E402,F401
