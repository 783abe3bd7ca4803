"""Downloading attachments: served as attachments, with nosniff, to those who may read."""

from __future__ import annotations

from flask import abort, send_file

from questionnaire import access
from services.attachments import served_attachment
from web.guard import guarded
from web.workspace import bp
from web.workspace.attachment_files import download_name
from web.workspace.attachments import storage_dir
from web.workspace.context import load_workspace


@bp.route("/attachments/<attachment_id>")
@guarded(access.has_any_state_or_secretariat)
def download_attachment(iso3: str, cycle_id: int, attachment_id: str):
    ws = load_workspace(iso3, cycle_id)
    attachment = served_attachment(ws.response.id, attachment_id)  # NotFound: a 404
    path = storage_dir() / attachment.id
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=attachment.content_type, as_attachment=True,
                         download_name=download_name(attachment), max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"  # a State's file: kept in no cache
    return response
