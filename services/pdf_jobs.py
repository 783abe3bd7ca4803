"""Submission PDFs built by the job worker: the content key, the PDF cache, the limits.

A submission PDF (a State's draft, or a snapshot) is drawn once per content: the key is the
SHA-256 of everything the PDF shows, so a second request for an unchanged draft gets the file
already made, and a request while it is being made follows that job. Requests that would
start a render are bounded per user and overall (security review finding 5). Each step only
flushes; ``web/pdf_jobs.py`` runs them as transactions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from models import JobKind, JobStatus, ReportJob, Response, Submission, User, db, utcnow
from models.report import LEASE
from services import audit
from services.definitions import definition_of
from services.submission_pdf_data import find_submission, submission_pdf_data

RENDERER_VERSION = "submission-pdf-1"
"""Bump when the PDF changes in a way its data does not show (templates, fonts, seal)."""
CHARS_PER_SECOND = 5_000
"""A pessimistic rendering speed (HTML characters per second, on a busy 2-core host): the
time limit of one PDF grows with its size, so that every valid draft renders (the largest
one is about 5.7 million characters; docs/benchmarks.md, "Largest valid draft")."""


class PdfLimitReached(Exception):
    """Too many PDFs are being prepared, for this user (``per_user``) or overall."""

    def __init__(self, per_user: bool, limit: int) -> None:
        super().__init__(f"{'per-user' if per_user else 'global'} limit of {limit} reached")
        self.per_user, self.limit = per_user, limit


@dataclass(frozen=True)
class PdfRequest:
    """One submission PDF as asked for: its data (plain), cache key and job options."""

    response: Response
    submission: Submission | None
    lang: str
    data: dict[str, Any]
    key: str

    @property
    def options(self) -> dict[str, Any]:
        return {"lang": self.lang,
                "snapshot": self.submission.number if self.submission else None}


def content_key(data: dict[str, Any]) -> str:
    """SHA-256 of everything the PDF shows (the moment it is drawn aside)."""
    shown = {key: value for key, value in data.items() if key != "generated_at"}
    text = json.dumps(shown, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{RENDERER_VERSION}\0{text}".encode()).hexdigest()


def pdf_request(response: Response, lang: str, submission: Submission | None) -> PdfRequest:
    definition = definition_of(response.cycle.questionnaire_version)
    data = submission_pdf_data(response, definition, lang, submission)
    return PdfRequest(response, submission, lang, data, content_key(data))


def job_request(job: ReportJob) -> PdfRequest:
    """The PDF a job builds, from the data as they are now (a draft may have changed)."""
    response = db.session.get(Response, job.response_id)
    if response is None:
        raise LookupError(f"job {job.id}: its response no longer exists")
    number = job.options.get("snapshot")
    submission = find_submission(response, number) if number else None
    if number and submission is None:
        raise LookupError(f"job {job.id}: snapshot {number} no longer exists")
    return pdf_request(response, job.options["lang"], submission)


def cache_dir(instance_path: Path) -> Path:
    path = instance_path / "pdf-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached_pdf(instance_path: Path, key: str) -> Path | None:
    path = cache_dir(instance_path) / f"{key}.pdf"
    return path if path.is_file() else None


def store_pdf(instance_path: Path, key: str, pdf: bytes) -> Path:
    """Write then rename, so a reader never sees half a file."""
    folder = cache_dir(instance_path)
    temporary = folder / f"{key}.{utcnow().timestamp()}.tmp"
    temporary.write_bytes(pdf)
    path = folder / f"{key}.pdf"
    temporary.replace(path)
    return path


def time_limit(html: str, floor: float) -> float:
    """Seconds one PDF may render: ``floor`` (``ENVSAQ_PDF_TIMEOUT_SECONDS``), more for a
    longer document (see ``CHARS_PER_SECOND``)."""
    return max(floor, len(html) / CHARS_PER_SECOND)


def _active():
    """Submission-PDF jobs that hold a place: queued, or running with a live worker."""
    alive_since = utcnow() - LEASE
    return select(ReportJob).where(
        ReportJob.kind == JobKind.SUBMISSION_PDF.value,
        (ReportJob.status == JobStatus.QUEUED) | (
            (ReportJob.status == JobStatus.RUNNING)
            & (func.coalesce(ReportJob.heartbeat_at, ReportJob.started_at) >= alive_since)))


def active_job(key: str) -> ReportJob | None:
    """A job making this very PDF now, if any."""
    return db.session.scalars(_active().where(ReportJob.content_key == key)
                              .order_by(ReportJob.id.desc()).limit(1)).first()


def last_failure(key: str) -> ReportJob | None:
    """The newest job for this PDF, if it failed (its reason is shown)."""
    job = db.session.scalars(select(ReportJob).where(
        ReportJob.kind == JobKind.SUBMISSION_PDF.value, ReportJob.content_key == key)
        .order_by(ReportJob.id.desc()).limit(1)).first()
    return job if job is not None and job.status is JobStatus.FAILED else None


def check_limits(user: User | None, per_user: int, overall: int) -> None:
    """Raise ``PdfLimitReached`` when starting one more render would pass a limit."""
    def count(query) -> int:
        return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0

    if user is not None and count(_active().where(ReportJob.created_by_id == user.id)) \
            >= per_user:
        raise PdfLimitReached(True, per_user)
    if count(_active()) >= overall:
        raise PdfLimitReached(False, overall)


def create_pdf_job(request: PdfRequest, user: User | None) -> ReportJob:
    job = ReportJob(kind=JobKind.SUBMISSION_PDF.value, cycle_id=request.response.cycle_id,
                    response_id=request.response.id, options=request.options,
                    content_key=request.key, created_by_id=user.id if user else None,
                    status=JobStatus.QUEUED)
    db.session.add(job)
    db.session.flush()
    audit.record("pdf.requested", actor=user, state=request.response.state_iso3,
                 object_type="report_job", object_id=job.id, **request.options)
    return job


def job_of(response: Response, job_id: int) -> ReportJob | None:
    """The submission-PDF job ``job_id`` of this response (None for any other job)."""
    job = db.session.get(ReportJob, job_id)
    if job is None or job.kind != JobKind.SUBMISSION_PDF.value or \
            job.response_id != response.id:
        return None
    return job


def record_done(job: ReportJob, key: str, pages: int | None = None) -> None:
    job.content_key, job.file_name, job.pages = key, f"{key}.pdf", pages
    job.parts_total = job.parts_done = 1
    job.status, job.finished_at = JobStatus.DONE, utcnow()
    db.session.flush()


def job_file(job: ReportJob, instance_path: Path) -> Path | None:
    """The finished PDF of a job, if it is there."""
    if job.status is not JobStatus.DONE or not job.content_key:
        return None
    return cached_pdf(instance_path, job.content_key)
