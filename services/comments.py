"""Comment threads on a response (per question, or on the response as a whole)."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Comment, CommentThread, Response, User, WorkflowState, db, utcnow
from services import audit
from services.errors import NotFound

MAX_COMMENT = 5000


def threads_of(response: Response) -> list[CommentThread]:
    return list(db.session.scalars(select(CommentThread).where(
        CommentThread.response_id == response.id).order_by(CommentThread.created_at.desc())))


def open_thread_counts(response_id: int) -> dict[str | None, int]:
    """Open threads per question key (``None``: on the response as a whole)."""
    rows = db.session.execute(
        select(CommentThread.question_key, func.count())
        .where(CommentThread.response_id == response_id, CommentThread.resolved_at.is_(None))
        .group_by(CommentThread.question_key))
    return {key: count for key, count in rows}


def latest_return_thread(response: Response) -> CommentThread | None:
    """The secretariat's reason for returning the response: the newest open comment thread on
    the response as a whole (a return always opens one)."""
    if response.workflow_state is not WorkflowState.RETURNED:
        return None
    return db.session.scalar(
        select(CommentThread)
        .where(CommentThread.response_id == response.id, CommentThread.question_key.is_(None),
               CommentThread.resolved_at.is_(None))
        .order_by(CommentThread.created_at.desc(), CommentThread.id.desc()).limit(1))


def thread_of(response: Response, thread_id: int) -> CommentThread:
    """One of the response's threads; :class:`NotFound` for another response's."""
    thread = db.session.get(CommentThread, thread_id)
    if thread is None or thread.response_id != response.id:
        raise NotFound(f"no comment thread {thread_id} on response {response.id}")
    return thread


def post(response: Response, author: User, question_key: str | None, body: str) -> CommentThread:
    """Open a thread on a question (or on the response) with its first comment."""
    thread = CommentThread(response_id=response.id, question_key=question_key)
    thread.comments.append(Comment(author_id=author.id, body=body))
    db.session.add(thread)
    db.session.flush()
    audit.record("comment.posted", state=response.state_iso3, object_type="comment_thread",
                 object_id=thread.id, question=question_key)
    return thread


def reply(thread: CommentThread, author: User, body: str, state_iso3: str) -> None:
    """Answer in a thread; a resolved thread opens again."""
    thread.comments.append(Comment(author_id=author.id, body=body))
    thread.resolved_at = None
    audit.record("comment.replied", state=state_iso3, object_type="comment_thread",
                 object_id=thread.id)


def resolve(thread: CommentThread, user: User, state_iso3: str) -> bool:
    """Mark the thread resolved; False when it already was."""
    if thread.resolved_at is not None:
        return False
    thread.resolved_at = utcnow()
    thread.resolved_by_id = user.id
    audit.record("comment.resolved", state=state_iso3, object_type="comment_thread",
                 object_id=thread.id)
    return True
