"""Compiled-report builds: queueing a job, running it, and where its files live."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app

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


def reports_dir() -> Path:
    path = Path(current_app.config["INSTANCE_PATH"]) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / "report-cache"


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


def run_job(job_id: int, workers: int = 2, echo=None) -> ReportJob:
    """Build the report of ``job_id``; a failure is recorded on the job, never raised."""
    from exports.report.build import build_report

    job = db.session.get(ReportJob, job_id)
    if job is None:
        raise LookupError(f"no report job {job_id}")
    job.status, job.started_at, job.error = JobStatus.RUNNING, utcnow(), None
    job.parts_done = job.parts_total = 0
    job.attempts += 1
    db.session.commit()
    try:
        model, digest, count = report_model(job)
        job.snapshots_hash, job.respondents = digest, count
        db.session.commit()

        def progress(done: int, total: int) -> None:
            job.parts_total, job.parts_done = total, done
            db.session.commit()
            if echo:
                echo(done, total)

        result = build_report(model, cache_dir=cache_dir(), workers=workers, progress=progress)
        name = f"report-{job.id}-{job.options['lang']}.pdf"
        (reports_dir() / name).write_bytes(result.pdf)
        job.file_name, job.pages = name, result.pages
        job.status, job.finished_at = JobStatus.DONE, utcnow()
        db.session.commit()
    except Exception as error:  # recorded for the requester; the job can be retried
        log.exception("report job %s failed", job_id)
        db.session.rollback()
        job = db.session.get(ReportJob, job_id)
        job.status, job.finished_at = JobStatus.FAILED, utcnow()
        job.error = str(error) if isinstance(error, ReportInputError) else (
            f"{type(error).__name__}: {error}")
        job.parts_done = min(job.parts_done, job.parts_total)
        db.session.commit()
    return job


def report_file(job: ReportJob) -> Path | None:
    if job.status is not JobStatus.DONE or not job.file_name:
        return None
    path = reports_dir() / job.file_name
    return path if path.is_file() else None
