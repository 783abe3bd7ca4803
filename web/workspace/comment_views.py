"""Comment threads per question: post, reply, resolve."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from models import Comment, CommentThread, db, utcnow
from questionnaire import access
from services import audit
from web.guard import ensure, guarded
from web.workspace import bp
from web.workspace.context import load_workspace

MAX_COMMENT = 5000


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
    threads = db.session.scalars(select(CommentThread).where(
        CommentThread.response_id == ws.response.id).order_by(CommentThread.created_at.desc()))
    return render_template("workspace/comments.html", ws=ws, threads=list(threads),
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
    thread = CommentThread(response_id=ws.response.id, question_key=key)
    thread.comments.append(Comment(author_id=ws.user.id, body=body))
    db.session.add(thread)
    db.session.flush()
    audit.record("comment.posted", state=ws.iso3, object_type="comment_thread",
                 object_id=thread.id, question=key)
    flash(_("Your comment has been posted."), "success")
    return _back(ws, key)


def _thread(ws, thread_id: int) -> CommentThread:
    thread = db.session.get(CommentThread, thread_id)
    if thread is None or thread.response_id != ws.response.id:
        abort(404)
    return thread


@bp.route("/comments/<int:thread_id>/reply", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def reply_comment(iso3: str, cycle_id: int, thread_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_comment(ws.user, ws.iso3))
    thread = _thread(ws, thread_id)
    body = _body()
    if body is not None:
        thread.comments.append(Comment(author_id=ws.user.id, body=body))
        thread.resolved_at = None
        audit.record("comment.replied", state=ws.iso3, object_type="comment_thread",
                     object_id=thread.id)
        flash(_("Your reply has been posted."), "success")
    return _back(ws, thread.question_key)


@bp.route("/comments/<int:thread_id>/resolve", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def resolve_comment(iso3: str, cycle_id: int, thread_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_comment(ws.user, ws.iso3))
    thread = _thread(ws, thread_id)
    if thread.resolved_at is None:
        thread.resolved_at = utcnow()
        thread.resolved_by_id = ws.user.id
        audit.record("comment.resolved", state=ws.iso3, object_type="comment_thread",
                     object_id=thread.id)
        flash(_("The thread is marked as resolved."), "success")
    return _back(ws, thread.question_key)
