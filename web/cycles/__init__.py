"""Reporting cycles, opened and closed by secretariat administrators."""

from flask import Blueprint

bp = Blueprint("cycles", __name__, url_prefix="/secretariat/cycles")

from web.cycles import edit_views, report_settings, views  # noqa: E402,F401
