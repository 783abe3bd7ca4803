"""History of answer changes, and differences between snapshots and the draft."""

from __future__ import annotations

from flask import abort, render_template, request
from sqlalchemy import select

from models import AnswerChange, Submission, db
from questionnaire import access
from questionnaire.diff import diff_answers
from web.guard import guarded
from web.pagination import paginate
from web.workspace import bp
from web.workspace.answers import load_answers, valid_values
from web.workspace.context import load_workspace


@bp.route("/history")
@guarded(access.has_any_state_or_secretariat)
def history(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    stmt = select(AnswerChange).where(AnswerChange.response_id == ws.response.id)
    key = request.args.get("question")
    if key:
        stmt = stmt.where(AnswerChange.question_key == key)
    page = paginate(stmt.order_by(AnswerChange.id.desc()), per_page=50)
    return render_template("workspace/history.html", ws=ws, page=page, question_key=key)


def _snapshot_values(ws, number: str) -> tuple[dict, str]:
    if number == "draft":
        return valid_values(ws.definition, load_answers(ws.response)), "draft"
    try:
        n = int(number)
    except ValueError:
        abort(404)
    submission = db.session.scalar(select(Submission).where(
        Submission.response_id == ws.response.id, Submission.number == n))
    if submission is None:
        abort(404)
    return dict(submission.answers), str(n)


@bp.route("/diff")
@guarded(access.has_any_state_or_secretariat)
def diff(iso3: str, cycle_id: int):
    """``?from=N&to=M`` (snapshot numbers, or ``draft``); default: last snapshot to draft."""
    ws = load_workspace(iso3, cycle_id)
    numbers = list(db.session.scalars(select(Submission.number).where(
        Submission.response_id == ws.response.id).order_by(Submission.number)))
    default_from = str(numbers[-1]) if numbers else "draft"
    before, from_label = _snapshot_values(ws, request.args.get("from", default_from))
    after, to_label = _snapshot_values(ws, request.args.get("to", "draft"))
    differences = diff_answers(ws.definition, before, after)
    return render_template("workspace/diff.html", ws=ws, differences=differences,
                           from_label=from_label, to_label=to_label, numbers=numbers)
