"""``notify``: record a message in the outbox, in the same transaction as the change it reports.

Nothing is sent here. Once the transaction commits, the job worker sends the message (see
``web/mail.py``); if the transaction rolls back, the message goes with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OutboxMessage, OutboxStatus, db

#: ``session.info`` key: ids of the messages recorded in the current transaction.
RECORDED_KEY = "envsaq_outbox_recorded"


def notify(to: str, template: str, locale: str, *, dedupe_key: str | None = None,
           suppress: str | None = None, **context: Any) -> OutboxMessage | None:
    """Record ``mail/<template>.txt`` for ``to`` in ``locale`` with ``context`` (plain JSON
    values only: it is rendered later, in the worker).

    ``dedupe_key``: a message with the same key is never recorded twice (returns ``None``).
    ``suppress``: record the message without sending it, with this reason; the caller then
    does the same work whether or not the message is really sent.
    """
    session = db.session
    if dedupe_key is not None and session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)):
        return None
    message = OutboxMessage(
        recipient=to, template=template, locale=locale,
        context={key: _plain(value) for key, value in context.items()},
        dedupe_key=dedupe_key,
        status=OutboxStatus.SUPPRESSED if suppress else OutboxStatus.PENDING,
        last_error=suppress)
    session.add(message)
    session.flush()
    if not suppress:
        session.info.setdefault(RECORDED_KEY, []).append(message.id)
    return message


def recorded_in_transaction(session: Session) -> list[int]:
    """Take the ids recorded since the last commit or rollback (they are forgotten here)."""
    return session.info.pop(RECORDED_KEY, [])


def _plain(value: Any) -> Any:
    """A JSON value for the stored context: dates as ISO strings (the mail templates' date
    filter reads them), lazy translations and other objects as their text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)
