"""The mail outbox: messages recorded with the change they report, sent by the job worker."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, enum_type, utcnow


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    #: A worker has claimed it until ``claimed_until``; past that, the worker died mid-send.
    SENDING = "sending"
    SENT = "sent"
    #: Given up after the last attempt; ``last_error`` says why.
    FAILED = "failed"
    #: Recorded but deliberately not sent (``last_error`` says why), e.g. a password reset
    #: asked for an address without an account: the request does the same work either way.
    SUPPRESSED = "suppressed"


class OutboxMessage(db.Model):
    """One message to one recipient. The template is rendered when it is sent; the context
    (which may hold a single-use link) is cleared once the message is sent."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    template: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(10))
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_type(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING, index=True)
    #: Set for messages that must go at most once (a reminder per State and day).
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Not sent before this moment (the back-off after a failed attempt).
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a receiving server can drop a repeat."""
        return f"<outbox-{self.id}.{int(self.created_at.timestamp())}@envsaq>"
