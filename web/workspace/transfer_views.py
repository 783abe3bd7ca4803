"""Offline round trip: XLSX and JSON export and import of a State's answers.

An upload is previewed first: every change and every problem, nothing saved. The changes and
the answer versions they were based on wait in a short-lived file (they can be larger than a
form field may be); the confirm button applies exactly those, or shows the conflicts.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext

from questionnaire import access
from services.answers import load_answers
from services.carry_forward import carry_offer, left_behind_for
from services.import_mapping import VersionedImport, read_for
from services.transfer import (
    MAX_IMPORT_BYTES,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    ImportPlan,
    ParsedImport,
    UnknownFormat,
    apply_import,
    export_filename,
    export_json,
    export_xlsx,
    plan_import,
)
from web.database import skip_commit
from web.guard import ensure, guarded
from web.templating import current_language
from web.workspace import bp
from web.workspace.context import Workspace, load_workspace

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_SECONDS = 2 * 60 * 60
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")


@bp.route("/export.xlsx")
@guarded(access.has_any_state_or_secretariat)
def export_workbook(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    data = export_xlsx(ws.response, ws.definition, current_language())
    return _download(data, XLSX_TYPE, export_filename(ws.response, "xlsx"))


@bp.route("/export.json")
@guarded(access.has_any_state_or_secretariat)
def export_answers_json(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    data = export_json(ws.response, ws.definition)
    return _download(data, "application/json", export_filename(ws.response, "json"))


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/import", methods=["GET", "POST"])
@guarded(access.has_any_state_or_secretariat)
def import_answers(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(bool(ws.editable))
    if request.method == "GET":
        return _render(ws)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _render(ws, upload_error=_("Choose a file to import."), status=400)
    data = upload.stream.read(MAX_IMPORT_BYTES + 1)
    try:
        read = read_for(upload.filename, data, ws.definition, current_language())
    except UnknownFormat:
        return _render(ws, upload_error=_("The file must be an Excel workbook (.xlsx), a JSON "
                                          "file (.json) or a submission snapshot PDF (.pdf)."),
                       status=400)
    plan = plan_import(ws.response, ws.definition, read.parsed, editable=ws.editable)
    plan.problems += read.problems
    skip_commit()  # a preview never changes anything
    token = _store_preview(ws, plan, upload.filename) if plan.ok and plan.changes else None
    return _render(ws, plan=plan, token=token, filename=upload.filename,
                   status=200 if plan.ok else 422, mapped=read if read.carried else None)


@bp.route("/import/confirm", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def confirm_import(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(bool(ws.editable))
    preview = _load_preview(ws, request.form.get("token", ""))
    if preview is None:
        flash(_("This preview has expired or was already used: upload the file again."), "error")
        return redirect(url_for(".import_answers", iso3=ws.iso3, cycle_id=cycle_id))
    changes = {key: (value, int(base)) for key, (value, base) in preview["changes"].items()}
    # The draft may have moved on since the preview: check again before saving anything.
    recheck = plan_import(ws.response, ws.definition,
                          ParsedImport("stored", values={k: v for k, (v, _b) in changes.items()}),
                          editable=ws.editable)
    if not recheck.ok:
        skip_commit()
        return _render(ws, plan=recheck, filename=preview["filename"], status=422)
    result = apply_import(ws.response, ws.definition, changes, ws.user,
                          filename=preview["filename"])
    if result.conflicts:
        skip_commit()  # all or nothing: never a half-applied file
        return _render(ws, conflicts=result.conflicts, filename=preview["filename"],
                       status=409)
    _discard_preview(preview["token"])
    flash(ngettext("Imported %(num)d change.", "Imported %(num)d changes.", len(changes)),
          "success")
    return redirect(url_for(".overview", iso3=ws.iso3, cycle_id=cycle_id))


def _render(ws: Workspace, *, plan: ImportPlan | None = None, token: str | None = None,
            filename: str = "", upload_error: str | None = None, conflicts=None,
            status: int = 200, mapped: VersionedImport | None = None):
    answers = load_answers(ws.response)
    return render_template(
        "workspace/import.html", ws=ws, plan=plan, token=token, filename=filename,
        upload_error=upload_error, conflicts=conflicts or [],
        carry=carry_offer(ws.response, ws.user, answers),
        left=left_behind_for(ws.response, ws.user, current_language(), _),
        mapped=mapped,
        max_mb=MAX_IMPORT_BYTES // (1024 * 1024), max_rows=MAX_SHEET_ROWS,
        max_columns=MAX_SHEET_COLUMNS,
    ), status


# ------------------------------------------------------------------------ preview storage


def _preview_dir() -> Path:
    path = Path(current_app.instance_path) / "import-previews"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _store_preview(ws: Workspace, plan: ImportPlan, filename: str) -> str:
    folder = _preview_dir()
    now = time.time()
    for old in folder.glob("*.json"):
        if now - old.stat().st_mtime > PREVIEW_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    record = {"user": ws.user.id, "response": ws.response.id, "created": now,
              "filename": filename[:200],
              "changes": {key: [value, base] for key, (value, base) in plan.as_changes().items()}}
    (folder / f"{token}.json").write_text(json.dumps(record), encoding="utf-8")
    return token


def _load_preview(ws: Workspace, token: str) -> dict[str, Any] | None:
    if not _TOKEN_RE.fullmatch(token):
        return None
    path = _preview_dir() / f"{token}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if time.time() - record.get("created", 0) > PREVIEW_SECONDS:
        return None
    if record.get("user") != ws.user.id or record.get("response") != ws.response.id:
        abort(403)
    record["token"] = token
    return record


def _discard_preview(token: str) -> None:
    (_preview_dir() / f"{token}.json").unlink(missing_ok=True)
