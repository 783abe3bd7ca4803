"""Which stored files a response still refers to: serving, pruning and counting them.

A file is kept, and downloadable, only while the draft or a submitted snapshot of its
response refers to it; replaced or removed files are deleted from disk.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from models import Answer, Attachment, Response, Submission, db
from services.errors import NotFound


def _ids_in(value) -> set[str]:
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return {value["id"]}
    return set()


def referenced_ids(response_id: int) -> set[str]:
    """Attachment ids the draft or any snapshot of the response refers to."""
    keys = set(db.session.scalars(select(Attachment.question_key)
                                  .where(Attachment.response_id == response_id)))
    ids: set[str] = set()
    for value in db.session.scalars(select(Answer.value).where(
            Answer.response_id == response_id, Answer.question_key.in_(keys))):
        ids |= _ids_in(value)
    for answers in db.session.scalars(select(Submission.answers)
                                      .where(Submission.response_id == response_id)):
        for key in keys:
            ids |= _ids_in((answers or {}).get(key))
    return ids


def is_referenced(attachment: Attachment) -> bool:
    return attachment.id in referenced_ids(attachment.response_id)


def served_attachment(response_id: int, attachment_id: str) -> Attachment:
    """The response's attachment that its draft or a snapshot still refers to;
    :class:`NotFound` for any other (a removed or replaced file is no longer served)."""
    attachment = db.session.get(Attachment, attachment_id)
    if (attachment is None or attachment.response_id != response_id
            or not is_referenced(attachment)):
        raise NotFound(f"no attachment {attachment_id} in response {response_id}")
    return attachment


def prune_unreferenced(response_id: int, storage: Path) -> int:
    """Delete the rows and files of this response's attachments nothing refers to any more."""
    keep = referenced_ids(response_id)
    gone = [a for a in db.session.scalars(select(Attachment)
                                          .where(Attachment.response_id == response_id))
            if a.id not in keep]
    for attachment in gone:
        (storage / attachment.id).unlink(missing_ok=True)
        db.session.delete(attachment)
    return len(gone)


def state_usage(iso3: str) -> int:
    """Bytes stored for all of a State's responses."""
    return db.session.scalar(select(func.coalesce(func.sum(Attachment.size), 0))
                             .join(Response, Attachment.response_id == Response.id)
                             .where(Response.state_iso3 == iso3)) or 0

