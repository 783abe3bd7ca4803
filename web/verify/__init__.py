"""The public check of a submission PDF or SHA-256 (``/verify``)."""

from flask import Blueprint

bp = Blueprint("verify", __name__)

from web.verify import views  # noqa: E402,F401
