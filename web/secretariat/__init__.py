"""The secretariat: monitoring, aggregation, gap analysis, exports, compiled reports, API
tokens."""

from flask import Blueprint

bp = Blueprint("secretariat", __name__, url_prefix="/secretariat")

from web.secretariat import export_views, report_views, token_views, views  # noqa: E402,F401


def register_secretariat_blueprints(app) -> None:
    """The secretariat pages and the read-only API (one call from the app factory)."""
    from web.api import bp as api_bp

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
