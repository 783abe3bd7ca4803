"""The secretariat's data exports in one place: all responses of a cycle (XLSX or CSV, long or
wide, any language, with the codebook), the findings by provision as JSON, the dashboard as CSV.
The same services as ``flask export responses`` and ``flask analysis export``."""

from __future__ import annotations

import json

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from models import Cycle
from questionnaire.access import is_secretariat
from questionnaire.analysis import export_document
from services.cycles import get_cycle
from services.exporting import SHAPES, export_responses
from services.secretariat import all_cycles, latest_cycle
from web.guard import guarded
from web.locale import LANGUAGES
from web.params import db_int
from web.secretariat import bp
from web.secretariat.findings import cycle_findings
from web.templating import current_language

#: The files of the responses export: the form's choice -> (format, part, suffix, mimetype).
FILES = {
    "xlsx": ("xlsx", "", "xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv", "", "csv", "text/csv"),
    "codebook": ("csv", ".codebook.csv", "codebook.csv", "text/csv"),
}


def _cycle() -> Cycle:
    if "cycle" not in request.args:
        return latest_cycle() or abort(404)
    cycle_id = request.args.get("cycle", type=db_int)
    return get_cycle(cycle_id) if cycle_id else abort(404)


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/exports")
@guarded(is_secretariat)
def exports():
    cycles = all_cycles()
    current = _cycle() if cycles else None
    return render_template("secretariat/exports.html", cycles=cycles, current=current,
                           lang=current_language(), shapes=list(SHAPES),
                           accepted_only=request.args.get("accepted") == "1")


@bp.get("/exports/responses")
@guarded(is_secretariat)
def export_all_responses():
    """Every responding State's latest (or accepted) snapshot of a cycle as one file."""
    cycle = _cycle()
    choice, shape = request.args.get("file", "xlsx"), request.args.get("shape", "long")
    lang = request.args.get("lang", current_language())
    if choice not in FILES or shape not in SHAPES or lang not in LANGUAGES:
        abort(400, description=_("Choose a file, a table shape and a language from the lists."))
    fmt, part, suffix, mimetype = FILES[choice]
    files = export_responses(cycle, fmt=fmt, shape=shape, lang=lang,
                             accepted_only=request.args.get("accepted") == "1")
    return _download(files[part], mimetype, f"responses-cycle-{cycle.id}-{shape}-{lang}.{suffix}"
                     if choice != "codebook" else f"codebook-cycle-{cycle.id}-{lang}.csv")


@bp.get("/exports/findings.json")
@guarded(is_secretariat)
def export_findings():
    """Counts per question and per provision for the responding parties; names no State."""
    cycle = _cycle()
    findings = cycle_findings(cycle, accepted_only=request.args.get("accepted") == "1")
    document = export_document(findings.measured, {"id": cycle.id, "name": cycle.name})
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return _download(data, "application/json", f"findings-cycle-{cycle.id}.json")
