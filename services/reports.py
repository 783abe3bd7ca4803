"""Compiled-report builds: queueing a job, the steps of running it, and where its files live.

Each step only flushes; ``web/report_jobs.py`` runs the steps as a series of transactions (the
progress of a long build must be visible to the page that polls it)."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from models import Cycle, JobKind, JobStatus, ReportJob, User, db, utcnow
from questionnaire import LANGUAGES
from questionnaire.report_model import ReportOptions, build_report_model
from services import audit
from services.errors import Conflict, NotFound
from services.secretariat import (
    cycle_definition,
    invited_codes,
    snapshots,
    snapshots_digest,
    state_entries,
)

if TYPE_CHECKING:
    from exports.report.build import Dispatch

log = logging.getLogger(__name__)


class ReportInputError(ValueError):
    """The report cannot be built from these inputs; the message says why."""


def reports_dir(instance_path: Path) -> Path:
    path = instance_path / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir(instance_path: Path, configured: str | None = None) -> Path:
    """The report part cache: the configured directory (``ENVSAQ_REPORT_CACHE``, shared by
    the worker machines), else the instance folder's ``report-cache``."""
    return Path(configured) if configured else instance_path / "report-cache"


MASTHEAD_KEYS = ("symbol", "original_language", "meeting_place", "meeting_start", "meeting_end",
                 "agenda_item", "agenda_title")
"""Options that default to the cycle's report details (``Cycle.report_symbol``, ...)."""


def clean_options(lang: str = "en", anonymous: bool = False, accepted_only: bool = False,
                  **masthead: Any) -> dict[str, Any]:
    """The options of one build. Masthead values given here (``report build --symbol``...)
    override the cycle's for this build; None leaves the cycle's."""
    if lang not in LANGUAGES:
        raise ReportInputError(f"unsupported language {lang!r}")
    unknown = set(masthead) - set(MASTHEAD_KEYS)
    if unknown:
        raise ReportInputError(f"unknown report options: {', '.join(sorted(unknown))}")
    options: dict[str, Any] = {"lang": lang, "anonymous": bool(anonymous),
                               "accepted_only": bool(accepted_only)}
    for key, value in masthead.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, str):
            value = " ".join(value.split()) or None
        if value is not None:
            options[key] = value
    original = options.get("original_language")
    if original is not None and original not in LANGUAGES:
        raise ReportInputError(f"unsupported language of the original {original!r}")
    if "symbol" in options:
        options["symbol"] = options["symbol"][:60]
    return options


def _in_language(values: dict[str, str] | None, lang: str) -> str | None:
    """The text in ``lang``, else in English (the form says so)."""
    values = values or {}
    return values.get(lang) or values.get("en")


def masthead_options(cycle: Cycle, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with the cycle's report details filled in where the build gave none; the
    job keeps them, so a rebuild prints the same front page."""
    lang = options["lang"]
    from_cycle = {
        "symbol": cycle.report_symbol,
        "original_language": cycle.report_original_language or "en",
        "meeting_place": _in_language(cycle.meeting_place, lang),
        "meeting_start": cycle.meeting_start.isoformat() if cycle.meeting_start else None,
        "meeting_end": cycle.meeting_end.isoformat() if cycle.meeting_end else None,
        "agenda_item": cycle.agenda_item,
        "agenda_title": _in_language(cycle.agenda_title, lang),
    }
    return {**options, **{key: value for key, value in from_cycle.items()
                          if key not in options}}


def create_job(cycle: Cycle, options: dict[str, Any], user: User | None,
               cutoff: datetime | None = None) -> ReportJob:
    options = masthead_options(cycle, options)
    job = ReportJob(cycle_id=cycle.id, options=options, cutoff_at=cutoff or utcnow(),
                    created_by_id=user.id if user else None, status=JobStatus.QUEUED)
    db.session.add(job)
    db.session.flush()
    audit.record("report.requested", actor=user, object_type="report_job", object_id=job.id,
                 cycle=cycle.id, **{k: v for k, v in options.items() if k != "agenda_title"})
    return job


def get_job(job_id: int) -> ReportJob:
    """The report job with this id; :class:`NotFound` when there is none."""
    job = db.session.get(ReportJob, job_id)
    if job is None or job.kind != JobKind.REPORT:
        raise NotFound(f"no report job {job_id}")
    return job


def all_jobs() -> Select:
    """Every report job, newest first, to page through."""
    return select(ReportJob).where(ReportJob.kind == JobKind.REPORT.value).order_by(
        ReportJob.created_at.desc(), ReportJob.id.desc())


def any_job(job_id: int) -> ReportJob:
    """The job of any kind (report or submission PDF) with this id, for operators;
    :class:`NotFound` when there is none."""
    job = db.session.get(ReportJob, job_id)
    if job is None:
        raise NotFound(f"no report job {job_id}")
    return job


def newest_jobs(limit: int) -> list[ReportJob]:
    """The ``limit`` newest jobs of every kind, newest first."""
    return list(db.session.scalars(select(ReportJob).order_by(ReportJob.id.desc()).limit(limit)))


def requeue_job(job: ReportJob) -> None:
    """Queue a failed or stalled build again; :class:`Conflict` (saying why, e.g. how long
    the lease still runs) while it is done or may still finish (``ReportJob.retry_refusal``)."""
    refusal = job.retry_refusal(utcnow())
    if refusal:
        raise Conflict(refusal)
    job.status, job.error, job.parts_done = JobStatus.QUEUED, None, 0
    audit.record("report.retried", object_type="report_job", object_id=job.id)
    db.session.flush()


def cancel_job(job: ReportJob) -> None:
    """Mark a queued or running job failed (its worker stops at its next part);
    :class:`Conflict` when it is neither."""
    if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
        raise Conflict(f"job {job.id} is {job.status.value}; nothing to cancel")
    job.status, job.finished_at = JobStatus.FAILED, utcnow()
    job.error = "cancelled by an operator"
    audit.record("report.cancelled", object_type="report_job", object_id=job.id)
    db.session.flush()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def report_model(job: ReportJob) -> tuple[dict[str, Any], str, int]:
    """The report model for ``job``, the digest of the snapshots used and their number.
    A cycle with no submission before the cut-off gives a report that says so."""
    cycle = db.session.get(Cycle, job.cycle_id)
    if cycle is None:
        raise ReportInputError(f"the cycle {job.cycle_id} no longer exists")
    options = job.options
    chosen = snapshots(cycle, accepted_only=options.get("accepted_only", False),
                       cutoff=job.cutoff_at)
    definition = cycle_definition(cycle)
    model = build_report_model(
        definition, [s.entry() for s in chosen], state_entries(), invited_codes(cycle),
        ReportOptions(lang=options["lang"], anonymous=options.get("anonymous", False),
                      symbol=options.get("symbol"), issued=utcnow().date(),
                      cutoff=job.cutoff_at, cycle_name=cycle.name,
                      accepted_only=options.get("accepted_only", False),
                      original_language=options.get("original_language") or "en",
                      meeting_place=options.get("meeting_place") or "",
                      meeting_start=_date(options.get("meeting_start")),
                      meeting_end=_date(options.get("meeting_end")),
                      agenda_item=options.get("agenda_item") or "",
                      agenda_title=options.get("agenda_title") or ""))
    return model, snapshots_digest(chosen), len(chosen)


def start_run(job_id: int) -> ReportJob:
    """Mark the job running (another attempt)."""
    job = db.session.get(ReportJob, job_id)
    if job is None:
        raise LookupError(f"no report job {job_id}")
    job.status, job.started_at, job.error = JobStatus.RUNNING, utcnow(), None
    job.parts_done = job.parts_total = 0
    job.attempts += 1
    db.session.flush()
    return job


def record_progress(job: ReportJob, done: int, total: int) -> None:
    job.parts_total, job.parts_done = total, done
    db.session.flush()


def build_file(job: ReportJob, model: dict[str, Any], instance_path: Path, *,
               cache: Path, workers: int | None, progress,
               dispatch: Dispatch | None = None) -> None:
    """Render the report (its parts through ``cache``; with ``dispatch``, also by the
    other workers sharing it) and store it; the job is done."""
    from exports.report.build import build_report

    result = build_report(model, cache_dir=cache, workers=workers, progress=progress,
                          dispatch=dispatch)
    name = f"report-{job.id}-{job.options['lang']}.pdf"
    (reports_dir(instance_path) / name).write_bytes(result.pdf)
    job.file_name, job.pages = name, result.pages
    job.status, job.finished_at = JobStatus.DONE, utcnow()
    db.session.flush()


def record_failure(job_id: int, error: Exception) -> ReportJob:
    """Record why the build failed, for the requester; the job can be retried."""
    job = db.session.get(ReportJob, job_id)
    if job is None:
        raise LookupError(f"no report job {job_id}")
    job.status, job.finished_at = JobStatus.FAILED, utcnow()
    job.error = str(error) if isinstance(error, ReportInputError) else (
        f"{type(error).__name__}: {error}")
    job.parts_done = min(job.parts_done, job.parts_total)
    db.session.flush()
    return job


def report_path(job: ReportJob, instance_path: Path) -> Path | None:
    """The finished report's file, if it is there."""
    if job.status is not JobStatus.DONE or not job.file_name:
        return None
    path = reports_dir(instance_path) / job.file_name
    return path if path.is_file() else None
