"""Comment threads per question: post, reply, resolve."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from questionnaire import access
from services import comments as comment_service
from services.comments import MAX_COMMENT
from web.guard import ensure, guarded
from web.workspace import bp
from web.workspace.context import load_workspace


def _back(ws, question_key: str | None):
    if question_key and ws.definition.has_question(question_key):
        section = ws.definition.section_of(question_key)
        return redirect(url_for(".section_page", iso3=ws.iso3, cycle_id=ws.response.cycle_id,
                                section_key=section.key) + f"#q-{question_key.replace('.', '-')}")
    return redirect(url_for(".comments", iso3=ws.iso3, cycle_id=ws.response.cycle_id))


def _body() -> str | None:
    body = (request.form.get("body") or "").strip()
    if not body:
        flash(_("Write a comment before sending it."), "error")
        return None
    if len(body) > MAX_COMMENT:
        flash(_("A comment can have at most 5,000 characters."), "error")
        return None
    return body


@bp.route("/comments")
@guarded(access.has_any_state_or_secretariat)
def comments(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    return render_template("workspace/comments.html", ws=ws,
                           threads=comment_service.threads_of(ws.response),
                           can_comment=access.can_comment(ws.user, ws.iso3))


@bp.route("/comments", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def post_comment(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_comment(ws.user, ws.iso3))
    key = request.form.get("question_key") or None
    if key is not None and not ws.definition.has_question(key):
        abort(400)
    body = _body()
    if body is None:
        return _back(ws, key)
    comment_service.post(ws.response, ws.user, key, body)
    flash(_("Your comment has been posted."), "success")
    return _back(ws, key)


@bp.route("/comments/<int:thread_id>/reply", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def reply_comment(iso3: str, cycle_id: int, thread_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_comment(ws.user, ws.iso3))
    thread = comment_service.thread_of(ws.response, thread_id)
    body = _body()
    if body is not None:
        comment_service.reply(thread, ws.user, body, ws.iso3)
        flash(_("Your reply has been posted."), "success")
    return _back(ws, thread.question_key)


@bp.route("/comments/<int:thread_id>/resolve", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def resolve_comment(iso3: str, cycle_id: int, thread_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_comment(ws.user, ws.iso3))
    thread = comment_service.thread_of(ws.response, thread_id)
    if comment_service.resolve(thread, ws.user, ws.iso3):
        flash(_("The thread is marked as resolved."), "success")
    return _back(ws, thread.question_key)
