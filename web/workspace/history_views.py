"""History of answer changes, and differences between snapshots and the draft."""

from __future__ import annotations

from flask import abort, render_template, request

from questionnaire import access
from questionnaire.diff import compare_versions, diff_answers
from questionnaire.fields.base import field_type_for, text_node
from questionnaire.version_map import VersionMap
from services.answers import answer_changes, load_answers, valid_values
from services.carry_forward import carry_source
from services.definitions import definition_of
from services.submission_pdf_data import find_submission
from services.workflow import submission_numbers
from web.guard import guarded
from web.pagination import paginate
from web.params import db_int
from web.workspace import bp
from web.workspace.context import load_workspace


def _as_typed(value: object) -> str:
    """An answer that was not valid, as the person typed it (never a Python repr)."""
    if isinstance(value, dict):
        return " · ".join(_as_typed(v) for v in value.values() if v not in (None, "", [], {}))
    if isinstance(value, list | tuple):
        return " · ".join(_as_typed(v) for v in value if v not in (None, "", [], {}))
    return str(value)


def history_node(question, value: object, lang: str) -> dict:
    """What the history shows for one old or new value: the answer as the section page shows
    it, or the text as typed (marked) when it was not valid."""
    field_type = field_type_for(question)
    if field_type.is_empty(value) or field_type.is_valid(value):
        return field_type.display(value, lang)
    return text_node(_as_typed(value)) | {"invalid": True}


@bp.route("/history")
@guarded(access.has_any_state_or_secretariat)
def history(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    key = request.args.get("question")
    page = paginate(answer_changes(ws.response, key), per_page=50)
    return render_template("workspace/history.html", ws=ws, page=page, question_key=key,
                           history_node=history_node)


def _snapshot_values(ws, number: str) -> tuple[dict, str]:
    if number == "draft":
        return valid_values(ws.definition, load_answers(ws.response)), "draft"
    try:
        n = db_int(number)
    except ValueError:
        abort(404)
    submission = find_submission(ws.response, n)
    if submission is None:
        abort(404)
    return dict(submission.answers), str(n)


@bp.route("/diff")
@guarded(access.has_any_state_or_secretariat)
def diff(iso3: str, cycle_id: int):
    """``?from=N&to=M`` (snapshot numbers, or ``draft``); default: last snapshot to draft."""
    ws = load_workspace(iso3, cycle_id)
    numbers = submission_numbers(ws.response)
    default_from = str(numbers[-1]) if numbers else "draft"
    before, from_label = _snapshot_values(ws, request.args.get("from", default_from))
    after, to_label = _snapshot_values(ws, request.args.get("to", "draft"))
    differences = diff_answers(ws.definition, before, after)
    source = carry_source(ws.response)
    return render_template("workspace/diff.html", ws=ws, differences=differences,
                           from_label=from_label, to_label=to_label, numbers=numbers,
                           earlier=source[1] if source else None)


@bp.route("/diff-earlier")
@guarded(access.has_any_state_or_secretariat)
def diff_earlier(iso3: str, cycle_id: int):
    """The State's accepted submission of an earlier cycle beside this draft, question by
    question through the newer version's mapping (versions may differ)."""
    ws = load_workspace(iso3, cycle_id)
    source = carry_source(ws.response)
    if source is None:
        abort(404)
    submission, earlier_cycle = source
    mapping = VersionMap(definition_of(earlier_cycle.questionnaire_version), ws.definition)
    rows = compare_versions(mapping, submission.answers or {},
                            valid_values(ws.definition, load_answers(ws.response)))
    return render_template("workspace/diff_earlier.html", ws=ws, rows=rows,
                           earlier_cycle=earlier_cycle, mapping=mapping)
