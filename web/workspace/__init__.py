"""The State workspace: overview, section forms, autosave, submission, comments, history."""

from flask import Blueprint

bp = Blueprint("workspace", __name__, url_prefix="/states/<iso3>/cycles/<int:cycle_id>")

from web.workspace import (  # noqa: E402,F401
    attachment_views,
    carry_views,
    comment_views,
    history_views,
    pdf_views,
    team_views,
    transfer_views,
    views,
)
