"""Compiled-report build jobs and the API tokens of the secretariat."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_type, utcnow
from models.cycle import Cycle
from models.user import User


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


STALLED_AFTER = timedelta(hours=1)
"""A queued build that no worker took for this long may be started again."""
LEASE = timedelta(minutes=2)
"""A running build's worker shows life every 20 seconds; silent for this long, it is gone."""


class JobKind(enum.StrEnum):
    REPORT = "report"
    """The compiled report of a cycle."""
    SUBMISSION_PDF = "submission_pdf"
    """One State's submission PDF: its draft or a snapshot (``options``: lang, snapshot)."""


class ReportJob(db.Model):
    """One job of the job worker, with the inputs it was built from: a build of the compiled
    report, or of a submission PDF (``kind``). Both share the lease, the retry rules and
    ``flask jobs``."""

    __tablename__ = "report_job"
    __table_args__ = (
        CheckConstraint("parts_done >= 0 AND parts_done <= parts_total", name="parts_in_range"),
        Index("ix_report_job_kind_status", "kind", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=JobKind.REPORT.value,
                                      server_default=JobKind.REPORT.value)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id"), index=True)
    #: The response whose PDF a submission-PDF job builds.
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"))
    #: SHA-256 of everything a submission PDF shows (its file in the PDF cache).
    content_key: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[JobStatus] = mapped_column(enum_type(JobStatus, "job_status"),
                                              default=JobStatus.QUEUED)
    #: Language, anonymous, symbol, accepted_only: what the requester chose.
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Submissions made after this moment are not used.
    cutoff_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: SHA-256 over the hashes of the snapshots used, in State order (set when built).
    snapshots_hash: Mapped[str | None] = mapped_column(String(64))
    respondents: Mapped[int | None] = mapped_column(Integer)
    parts_done: Mapped[int] = mapped_column(Integer, default=0)
    parts_total: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int | None] = mapped_column(Integer)
    #: File name of the PDF under the instance folder's reports directory.
    file_name: Mapped[str | None] = mapped_column(String(200))
    #: Why the build failed, in words the requester can act on.
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    #: The last sign of life of the worker building it (see ``LEASE``).
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    cycle: Mapped[Cycle] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def percent(self) -> int:
        return round(100 * self.parts_done / self.parts_total) if self.parts_total else 0

    def lease_expired(self, now: datetime) -> bool:
        """Running, but its worker has shown no life for longer than the lease."""
        last = self.heartbeat_at or self.started_at
        return self.status is JobStatus.RUNNING and last is not None and now - last > LEASE

    def retry_blocker(self, now: datetime) -> tuple[str, int] | None:
        """Why the job may not be started again now, as (reason, seconds): ``done``;
        ``running`` with the seconds since its worker last showed life; ``queued`` with the
        seconds it has waited. None: it may be retried."""
        if self.status is JobStatus.FAILED or self.lease_expired(now):
            return None
        if self.status is JobStatus.DONE:
            return "done", 0
        if self.status is JobStatus.RUNNING:
            last = self.heartbeat_at or self.started_at
            return "running", int((now - last).total_seconds()) if last else 0
        if self.created_at is not None and now - self.created_at > STALLED_AFTER:
            return None
        waited = int((now - self.created_at).total_seconds()) if self.created_at else 0
        return "queued", waited

    def retry_refusal(self, now: datetime) -> str | None:
        """Why the job may not be started again now, for operators (None: it may)."""
        blocker = self.retry_blocker(now)
        if blocker is None:
            return None
        reason, seconds = blocker
        if reason == "done":
            return f"job {self.id} is done"
        if reason == "running":
            return (f"job {self.id} is being built: its worker showed life {seconds} s ago; "
                    f"it may be retried once {int(LEASE.total_seconds())} s pass without one")
        return (f"job {self.id} is waiting for a worker; it may be retried after "
                f"{int(STALLED_AFTER.total_seconds() // 60)} minutes in the queue")

    def can_retry(self, now: datetime) -> bool:
        """Failed, or stalled: its worker stopped (lease expired), or it waited in the queue
        far longer than any build takes, so that it is not stuck for good."""
        return self.retry_refusal(now) is None


class ApiToken(db.Model):
    """A personal token for the read-only API. Only the SHA-256 of the secret is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The first characters of the token, shown so the owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def active(self) -> bool:
        return self.revoked_at is None
