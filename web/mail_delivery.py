"""Sending the outbox, in the job worker: one attempt per message at a time, retried with a
back-off, the failure reason recorded; a message whose sender died is sent again.

A message is claimed (status ``sending`` until ``claimed_until``) in its own transaction before
the SMTP conversation, so two workers never send it both. A worker killed between the claim
and the end of the conversation leaves the claim to expire; the sweep then sends it again with
the same Message-ID (a server that already took it can drop the repeat).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from models import OutboxMessage, OutboxStatus, db, utcnow
from services.notify import recorded_in_transaction

log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=5)
"""Longer than any SMTP conversation (its timeout is 30 s)."""
MAX_ATTEMPTS = 8
SWEEP_BATCH = 500


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes, at most an hour: about 2 hours in all before giving up."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def _claim(message_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING,
               OutboxMessage.next_attempt_at <= now)
        .values(status=OutboxStatus.SENDING, claimed_until=now + CLAIM,
                attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return claimed.rowcount == 1


def deliver(message_id: int, now: datetime | None = None) -> OutboxStatus | None:
    """Send one pending message that is due; ``None`` when there was nothing to send (not
    committed, already sent or being sent, or not due yet)."""
    from web.mail import send_template

    now = now or utcnow()
    if not _claim(message_id, now):
        return None
    message = db.session.get(OutboxMessage, message_id)
    try:
        send_template(message.recipient, message.template, message.locale,
                      message_id=message.message_id, **message.context)
    except Exception as error:  # any failure: record it, try again later
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.claimed_until = None
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
            log.error("mail %s to %s failed for good after %d attempts: %s", message.id,
                      message.recipient, message.attempts, message.last_error)
        else:
            message.status = OutboxStatus.PENDING
            message.next_attempt_at = now + retry_delay(message.attempts)
            log.warning("mail %s to %s failed (attempt %d), retried at %s: %s", message.id,
                        message.recipient, message.attempts, message.next_attempt_at,
                        message.last_error)
    else:
        message.status = OutboxStatus.SENT
        message.sent_at = utcnow()
        message.claimed_until = None
        message.context = {}  # it may hold a single-use link
        log.info("mail %s (%s) sent to %s", message.id, message.template, message.recipient)
    status = message.status
    db.session.commit()
    return status


def sweep(now: datetime | None = None) -> int:
    """Release the claims of senders that died, then send what is due; returns how many
    messages were sent. The worker runs this every minute."""
    now = now or utcnow()
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_until < now)
        .values(status=OutboxStatus.PENDING, claimed_until=None,
                last_error="the worker stopped while sending")
        .execution_options(synchronize_session=False))
    db.session.commit()
    due = list(db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id).limit(SWEEP_BATCH)))
    return sum(deliver(message_id, now) is OutboxStatus.SENT for message_id in due)


def backlog() -> int:
    """Messages waiting to be sent (pending or being sent)."""
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))) or 0


@event.listens_for(Session, "after_commit")
def _queue_after_commit(session: Session) -> None:
    message_ids = recorded_in_transaction(session)
    if not message_ids or not has_app_context():
        return
    try:
        from web.jobs import jobs_of

        jobs = jobs_of(current_app._get_current_object())
        for message_id in message_ids:
            jobs.send_mail(message_id)
    except Exception:  # the queue is down: the messages are safe, the sweep sends them
        log.warning("the job queue did not take %d mail(s); the outbox sweep will send them",
                    len(message_ids), exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    recorded_in_transaction(session)
