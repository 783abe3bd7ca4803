"""Overview, section pages, autosave and the submission: load -> check -> act -> render."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _

from models import db
from questionnaire import access
from questionnaire.definition import Section
from questionnaire.expression_json import to_json
from questionnaire.fields.base import field_name, field_type_for
from questionnaire.workflow import Action, Capacity, TransitionRefused, allowed_actions
from services.answers import SaveResult, answer_values, load_answers, save_answers
from services.attachments import prune_unreferenced
from services.carry_forward import carry_offer, left_behind_for
from services.comments import latest_return_thread, open_thread_counts
from services.progress import (
    missing_for_submission,
    overall_counts,
    relevant_keys,
    section_progress,
)
from services.workflow import apply_transition, record_edit, submissions_of
from web.database import skip_commit
from web.guard import ensure, guarded
from web.labels import workflow_label
from web.links import response_link
from web.navigation import wants_json
from web.templating import current_language, message_text
from web.workspace import bp
from web.workspace.attachments import apply_uploads, storage_dir, upload_errors
from web.workspace.context import (
    Workspace,
    load_workspace,
    others_present,
    touch_presence,
)
from web.workspace.forms import (
    HASH_PREFIX,
    VERSION_PREFIX,
    by_field_name,
    form_from_post,
    form_from_values,
    part_errors,
    part_errors_by_question,
    read_values,
    value_hash,
)

#: The value of a "row" button: ``add:<field name>``.
ROW_ACTION = re.compile(r"add:[A-Za-z0-9_]+")


@bp.route("/")
@guarded(access.has_any_state_or_secretariat)
def overview(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    answers = load_answers(ws.response)
    progress = section_progress(ws.definition, answers)
    threads = open_thread_counts(ws.response.id)
    section_threads = {
        s.key: sum(threads.get(q.key, 0) for q in s.questions) for s in ws.definition.sections}
    submissions = submissions_of(ws.response)
    return render_template(
        "workspace/overview.html", ws=ws, progress=progress, totals=overall_counts(progress),
        carry=carry_offer(ws.response, ws.user, answers),
        left=left_behind_for(ws.response, ws.user, current_language(), _),
        can_manage_team=access.can_invite_contributors(ws.user, ws.iso3),
        section_threads=section_threads, open_threads=sum(threads.values()),
        actions=allowed_actions(ws.response.workflow_state, ws.capacities),
        submissions=submissions, return_thread=latest_return_thread(ws.response))


def _relevance_data(ws: Workspace, section: Section) -> dict[str, Any]:
    return {
        field_name(q.key): to_json(q.relevant_expr)
        for q in section.questions if q.relevant_expr is not None
    }


def _stored_errors(section: Section, answers, values) -> dict[str, list[str]]:
    """The messages about the section's stored answers that are not valid."""
    errors = {}
    for q in section.questions:
        answer = answers.get(q.key)
        if answer is not None and not answer.is_valid:
            errors[q.key] = field_type_for(q).validate(answer.value, values)
    return errors


def _render_section(ws: Workspace, section: Section, form, answers, *, errors=None,
                    conflicts=None, status: int = 200):
    values = answer_values(answers)
    relevant = relevant_keys(ws.definition, answers)
    if errors is None:
        errors = _stored_errors(section, answers, values)
    by_question = part_errors_by_question(section, values)
    threads = open_thread_counts(ws.response.id)
    index = [s.key for s in ws.definition.sections].index(section.key)
    sections = ws.definition.sections
    return render_template(
        "workspace/section.html", ws=ws, section=section, form=form, answers=answers,
        relevant=relevant, errors=errors, part_errors=by_field_name(by_question),
        # The error summary leads to the first wrong cell of a table, not to its caption.
        error_targets={key: next(iter(parts)) for key, parts in by_question.items()},
        conflicts=conflicts or [],
        threads=threads, editable=ws.can_edit(section),
        others=others_present(ws, section.key),
        relevance_json=json.dumps(_relevance_data(ws, section)),
        value_hashes={q.key: value_hash(values.get(q.key)) for q in section.questions},
        previous_section=sections[index - 1] if index > 0 else None,
        next_section=sections[index + 1] if index + 1 < len(sections) else None,
        field_name=field_name, field_type_for=field_type_for,
    ), status


def _changes_from_form(ws: Workspace, section: Section, form, answers) -> dict[str, tuple]:
    """The questions the editor changed: (value, version they started from)."""
    changes = {}
    for key, value in read_values(form, section).items():
        name = field_name(key)
        base_hash = request.form.get(HASH_PREFIX + name)
        if base_hash is not None and value_hash(value) == base_hash:
            continue  # not touched by this editor; someone else's newer value must stand
        try:
            base_version = int(request.form.get(VERSION_PREFIX + name, "0"))
        except ValueError:
            base_version = 0
        changes[key] = (value, base_version)
    return changes


def _save_section(ws: Workspace, section: Section) -> tuple[SaveResult, Any, dict]:
    ensure(section.key in ws.editable)
    if not ws.is_open_for_edits:
        abort(409)
    answers = load_answers(ws.response)
    form = form_from_post(ws.definition, section, ws.user.locale, request.form)
    changes = _changes_from_form(ws, section, form, answers)
    changes.update(apply_uploads(ws, section, answers))
    result = save_answers(ws.response, ws.definition, changes, ws.user, existing=answers,
                          source="autosave" if wants_json() else "form")
    if not result.conflicts:  # (on a conflict the new file waits for the user's choice)
        db.session.flush()
        prune_unreferenced(ws.response.id, storage_dir())  # replaced or removed files go
    for key, message in upload_errors().items():
        result.errors.setdefault(key, []).append(message)
    if result.saved:
        record_edit(ws.response, ws.capacities, language=ws.user.locale)
    return result, form, answers


@bp.route("/sections/<section_key>", methods=["GET", "POST"])
@guarded(access.has_any_state_or_secretariat)
def section_page(iso3: str, cycle_id: int, section_key: str):
    ws = load_workspace(iso3, cycle_id)
    section = ws.section_or_404(section_key)
    if request.method == "GET":
        answers = load_answers(ws.response)
        form = form_from_values(ws.definition, section, ws.user.locale, answer_values(answers))
        _apply_row_requests(form, request.args)
        return _render_section(ws, section, form, answers)

    result, form, answers = _save_section(ws, section)
    if result.conflicts:
        db.session.flush()
        return _render_section(ws, section, form, answers, errors=result.errors,
                               conflicts=result.conflicts, status=409)
    row_request = request.form.get("row_action")
    if row_request and not ROW_ACTION.fullmatch(row_request):
        row_request = None  # not a button of this page (a crafted value): an ordinary save
    if upload_errors():
        # A refused file: the page again at once, the message at its field (the other answers
        # are saved; a redirect would lose the message).
        flash(_("The other answers were saved, but a file was not: see the message at its "
                "question."), "error")
        errors = {**_stored_errors(section, answers, answer_values(answers)), **result.errors}
        return _render_section(ws, section, form, answers, errors=errors, status=400)
    if result.errors:
        flash(_("Saved, but some answers need attention: see the messages below."), "warning")
    else:
        flash(_("Saved at %(time)s.", time=format_time(format="short")), "success")
    if row_request:
        return redirect(url_for(".section_page", iso3=ws.iso3, cycle_id=cycle_id,
                                section_key=section.key, row=row_request) + "#" +
                        row_request.split(":")[1])
    target = request.form.get("go")
    if target == "next":
        following = _next_section(ws, section)
        if following:
            return redirect(url_for(".section_page", iso3=ws.iso3, cycle_id=cycle_id,
                                    section_key=following.key))
        return redirect(url_for(".overview", iso3=ws.iso3, cycle_id=cycle_id))
    return redirect(url_for(".section_page", iso3=ws.iso3, cycle_id=cycle_id,
                            section_key=section.key))


def _next_section(ws: Workspace, section: Section) -> Section | None:
    keys = [s.key for s in ws.definition.sections]
    index = keys.index(section.key)
    return ws.definition.sections[index + 1] if index + 1 < len(keys) else None


def _apply_row_requests(form, args) -> None:
    """Without JavaScript, rows are added, removed and moved by a button and a reload."""
    action = args.get("row", "")
    parts = action.split(":")
    if len(parts) < 2 or parts[1] not in form._fields:
        return
    field = form[parts[1]]
    if not hasattr(field, "append_entry"):
        return
    if parts[0] == "add":
        field.append_entry()


@bp.route("/sections/<section_key>/autosave", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def autosave(iso3: str, cycle_id: int, section_key: str):
    ws = load_workspace(iso3, cycle_id)
    section = ws.section_or_404(section_key)
    if not ws.is_open_for_edits:
        skip_commit()
        return jsonify(status="locked", message=_(
            "This response is locked for review; your changes were not saved.")), 409
    result, _form, answers = _save_section(ws, section)
    touch_presence(ws, section.key)
    values = answer_values(answers)
    relevant = sorted(field_name(k) for k in relevant_keys(ws.definition, answers))
    payload = {
        "status": "conflict" if result.conflicts else "saved",
        "saved_at": format_time(format="short"),
        "versions": {field_name(k): a.version for k, a in result.saved.items()},
        "hashes": {field_name(k): value_hash(values.get(k)) for k in result.saved},
        # Every stored problem of the section, not only those of the answers just saved.
        "errors": {field_name(k): [message_text(m) for m in v]
                   for k, v in {**_stored_errors(section, answers, values),
                                **result.errors}.items() if v},
        "part_errors": {name: [message_text(m) for m in v]
                        for name, v in part_errors(section, values).items()},
        "conflicts": [field_name(c.key) for c in result.conflicts],
        "upload_errors": {field_name(k): m for k, m in upload_errors().items()},
        "attachments": _attachment_blocks(ws, section, values),
        "relevant": relevant,
        "others": others_present(ws, section.key),
    }
    return jsonify(payload), 409 if result.conflicts else 200


def _attachment_blocks(ws: Workspace, section: Section, values) -> dict[str, str]:
    """The "Attached: name (size) / Remove" block of each attachment question, as stored now."""
    return {
        field_name(q.key): render_template("workspace/_attachment.html", ws=ws,
                                           name=field_name(q.key), value=values.get(q.key))
        for q in section.questions if field_type_for(q).stored_by_upload
    }


@bp.route("/sections/<section_key>/presence", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def presence(iso3: str, cycle_id: int, section_key: str):
    ws = load_workspace(iso3, cycle_id)
    section = ws.section_or_404(section_key)
    touch_presence(ws, section.key)
    return jsonify(others=others_present(ws, section.key))


@bp.route("/submit", methods=["GET", "POST"])
@guarded(access.has_any_state_or_secretariat)
def submit(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(Capacity.FOCAL_POINT in ws.capacities)
    answers = load_answers(ws.response)
    missing = missing_for_submission(ws.definition, answers)
    error, error_field = None, None
    if request.method == "POST":
        name = (request.form.get("certified_name") or "").strip()
        confirmed = request.form.get("certify") == "yes"
        try:
            expected = int(request.form.get("revision", "-1"))
        except ValueError:
            expected = -1
        if not name:
            error, error_field = _("Type your name and title to certify the submission."), \
                "certified_name"
        elif not confirmed:
            error, error_field = _("Tick the certification to submit the response."), "certify"
        else:
            try:
                result = apply_transition(ws.response, ws.definition, Action.SUBMIT, ws.user,
                                          expected_revision=expected, certified_name=name,
                                          link=response_link(ws.iso3, cycle_id))
            except TransitionRefused as refused:
                error, error_field = _refusal_message(refused), "certified_name"
            else:
                if result.already_done:
                    flash(_("This response had already been submitted; nothing more was done."),
                          "info")
                else:
                    flash(_("Submitted. Submission number %(n)s has been recorded.",
                            n=result.submission.number), "success")
                return redirect(url_for(".overview", iso3=ws.iso3, cycle_id=cycle_id))
    status = 400 if error else 200
    progress = section_progress(ws.definition, answers)
    return render_template("workspace/submit.html", ws=ws, missing=missing, error=error,
                           error_field=error_field, totals=overall_counts(progress),
                           open_threads=sum(open_thread_counts(ws.response.id).values()),
                           typed_name=request.form.get("certified_name", "")), status


@bp.route("/transition/<action>", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def transition(iso3: str, cycle_id: int, action: str):
    """Recall (focal point); start review, accept, return (secretariat)."""
    ws = load_workspace(iso3, cycle_id)
    try:
        chosen = Action(action)
    except ValueError:
        abort(404)
    if chosen in (Action.SUBMIT, Action.EDIT):
        abort(404)
    try:
        expected = int(request.form.get("revision", "-1"))
    except ValueError:
        expected = -1
    comment = request.form.get("comment")
    try:
        result = apply_transition(ws.response, ws.definition, chosen, ws.user,
                                  expected_revision=expected, comment=comment,
                                  link=response_link(ws.iso3, cycle_id))
    except TransitionRefused as refused:
        if refused.reason == "not_permitted":
            abort(403)
        flash(_refusal_message(refused), "error")
        return redirect(url_for(".overview", iso3=ws.iso3, cycle_id=cycle_id))
    if result.already_done:
        flash(_("Someone has already acted on this response; nothing more was done."), "info")
    else:
        flash(_("Done: the response is now “%(state)s”.",
                state=workflow_label(result.state)), "success")
    return redirect(url_for(".overview", iso3=ws.iso3, cycle_id=cycle_id))


def _refusal_message(refused: TransitionRefused) -> str:
    messages = {
        "comment_required": _("Returning a submission needs a comment that says what to change."),
        "incomplete": _("Some required answers are missing or invalid: see the list below."),
        "wrong_state": _("This action is not possible in the response's current state."),
        "certification_required": _("Type your name and title to certify the submission."),
        "not_permitted": _("You are not allowed to do this."),
    }
    return messages.get(refused.reason, str(refused))



@bp.route("/sections/<section_key>/conflicts", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def resolve_conflicts(iso3: str, cycle_id: int, section_key: str):
    """Apply the editor's choice per conflicting answer: keep theirs, or write mine."""
    ws = load_workspace(iso3, cycle_id)
    section = ws.section_or_404(section_key)
    ensure(section.key in ws.editable)
    if not ws.is_open_for_edits:
        abort(409)
    keys = {q.key for q in section.questions}
    changes: dict[str, tuple[Any, int]] = {}
    for key in request.form.getlist("key"):
        if key not in keys or request.form.get(f"choice__{key}") != "mine":
            continue
        try:
            mine = json.loads(request.form.get(f"mine__{key}", "null"))
            version = int(request.form.get(f"version__{key}", "0"))
        except (ValueError, TypeError, RecursionError):  # RecursionError: deeply nested JSON
            abort(400)
        changes[key] = (mine, version)
    answers = load_answers(ws.response)
    result = save_answers(ws.response, ws.definition, changes, ws.user, existing=answers,
                          source="conflict_resolution")
    if result.conflicts:
        form = form_from_values(ws.definition, section, ws.user.locale, answer_values(answers))
        return _render_section(ws, section, form, answers, conflicts=result.conflicts,
                               status=409)
    flash(_("Your choices have been applied."), "success")
    return redirect(url_for(".section_page", iso3=ws.iso3, cycle_id=cycle_id,
                            section_key=section.key))
