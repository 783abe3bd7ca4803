"""Compiled-report builds: queueing a job, the steps of running it, and where its files live.

Each step only flushes; ``web/report_jobs.py`` runs the steps as a series of transactions (the
progress of a long build must be visible to the page that polls it)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from models import Cycle, JobStatus, ReportJob, User, db, utcnow
from questionnaire import LANGUAGES
from questionnaire.report_model import ReportOptions, build_report_model
from services import audit
from services.secretariat import (
    cycle_definition,
    invited_codes,
    snapshots,
    snapshots_digest,
    state_entries,
)

log = logging.getLogger(__name__)
DEFAULT_SYMBOL = "CTOC/COP/WG.x/2026/n"


class ReportInputError(ValueError):
    """The report cannot be built from these inputs; the message says why."""


def reports_dir(instance_path: Path) -> Path:
    path = instance_path / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir(instance_path: Path) -> Path:
    return instance_path / "report-cache"


def clean_options(lang: str = "en", anonymous: bool = False, symbol: str = DEFAULT_SYMBOL,
                  accepted_only: bool = False) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise ReportInputError(f"unsupported language {lang!r}")
    symbol = " ".join((symbol or DEFAULT_SYMBOL).split())[:60]
    return {"lang": lang, "anonymous": bool(anonymous), "symbol": symbol,
            "accepted_only": bool(accepted_only)}


def create_job(cycle: Cycle, options: dict[str, Any], user: User | None,
               cutoff: datetime | None = None) -> ReportJob:
    job = ReportJob(cycle_id=cycle.id, options=options, cutoff_at=cutoff or utcnow(),
                    created_by_id=user.id if user else None, status=JobStatus.QUEUED)
    db.session.add(job)
    db.session.flush()
    audit.record("report.requested", actor=user, object_type="report_job", object_id=job.id,
                 cycle=cycle.id, **options)
    return job


def report_model(job: ReportJob) -> tuple[dict[str, Any], str, int]:
    """The report model for ``job``, the digest of the snapshots used and their number."""
    cycle = db.session.get(Cycle, job.cycle_id)
    if cycle is None:
        raise ReportInputError(f"the cycle {job.cycle_id} no longer exists")
    options = job.options
    chosen = snapshots(cycle, accepted_only=options.get("accepted_only", False),
                       cutoff=job.cutoff_at)
    if not chosen:
        raise ReportInputError("no State has a submission in this cycle before the cut-off "
                               "time; nothing to report on")
    definition = cycle_definition(cycle)
    model = build_report_model(
        definition, [s.entry() for s in chosen], state_entries(), invited_codes(cycle),
        ReportOptions(lang=options["lang"], anonymous=options.get("anonymous", False),
                      symbol=options.get("symbol") or DEFAULT_SYMBOL, issued=utcnow().date(),
                      cutoff=job.cutoff_at, cycle_name=cycle.name,
                      accepted_only=options.get("accepted_only", False)))
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


def build_file(job: ReportJob, model: dict[str, Any], instance_path: Path, *, workers: int,
               progress) -> None:
    """Render the report and store it; the job is done."""
    from exports.report.build import build_report

    result = build_report(model, cache_dir=cache_dir(instance_path), workers=workers,
                          progress=progress)
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
