"""Running a compiled-report job in this app: the worker's task and ``flask report build``.

The steps are ``services.reports``; this module owns their transactions. It commits after each
step so that the page polling the job sees its progress, and a failure rolls back the step that
failed before it is recorded on the job.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select, update

from models import JobStatus, ReportJob, db, utcnow
from services import reports
from web.jobs import part_dispatch, report_cache

log = logging.getLogger(__name__)


def instance_path() -> Path:
    return Path(current_app.config["INSTANCE_PATH"])


HEARTBEAT_SECONDS = 20


class JobCancelled(RuntimeError):
    """An operator cancelled the job while it was being built."""


def beat_until(stop: threading.Event, app: Flask, job_id: int) -> None:
    """The build's lease: a sign of life every few seconds, from its own session."""
    while not stop.wait(HEARTBEAT_SECONDS):
        with app.app_context():
            try:
                db.session.execute(update(ReportJob).where(
                    ReportJob.id == job_id, ReportJob.status == JobStatus.RUNNING)
                    .values(heartbeat_at=utcnow()))
                db.session.commit()
            except Exception:
                log.warning("heartbeat of report job %s not recorded", job_id, exc_info=True)
                db.session.rollback()


@contextmanager
def running_with_heartbeat(job_id: int, name: str) -> Iterator[ReportJob]:
    """Start ``job_id`` (committed, so a lost worker's lease can be seen) and keep its
    heartbeat going from a thread of its own until the block ends."""
    job = reports.start_run(job_id)
    job.heartbeat_at = utcnow()
    db.session.commit()
    stop = threading.Event()
    threading.Thread(target=beat_until, args=(stop, current_app._get_current_object(), job_id),
                     name=f"{name}-{job_id}-heartbeat", daemon=True).start()
    try:
        yield job
    finally:
        stop.set()


def fail_lost_jobs(now: datetime | None = None) -> list[int]:
    """Mark failed, with the reason, the running jobs whose worker stopped (the lease ran
    out); they may be retried at once. The worker runs this every minute."""
    now = now or utcnow()
    lost = [job for job in db.session.scalars(
        select(ReportJob).where(ReportJob.status == JobStatus.RUNNING)) if job.lease_expired(now)]
    for job in lost:
        last = job.heartbeat_at or job.started_at
        job.status, job.finished_at = JobStatus.FAILED, now
        job.error = (f"The worker stopped during the build (no sign of life since "
                     f"{last:%Y-%m-%d %H:%M} UTC). Retry it.")
        log.warning("report job %s lost its worker; marked failed", job.id)
    db.session.commit()
    return [job.id for job in lost]


def run_job(job_id: int, workers: int | None = None,
            echo: Callable[[int, int], None] | None = None) -> ReportJob:
    """Build the report of ``job_id``; a failure is recorded on the job, never raised.
    ``workers`` render processes (default: every CPU available to this process)."""
    with running_with_heartbeat(job_id, "report") as job:
        log.info("report job %s started (%s)", job_id, job.options.get("lang"))
        return _build(job, job_id, workers, echo)


def _build(job: ReportJob, job_id: int, workers: int | None,
           echo: Callable[[int, int], None] | None) -> ReportJob:
    try:
        model, digest, count = reports.report_model(job)
        job.snapshots_hash, job.respondents = digest, count
        db.session.commit()

        def progress(done: int, total: int) -> None:
            if db.session.scalar(select(ReportJob.status).where(ReportJob.id == job_id)) \
                    is JobStatus.FAILED:
                raise JobCancelled("cancelled by an operator")
            reports.record_progress(job, done, total)
            job.heartbeat_at = utcnow()
            db.session.commit()
            if echo:
                echo(done, total)

        app = current_app._get_current_object()
        reports.build_file(job, model, instance_path(), cache=report_cache(app),
                           workers=workers, progress=progress, dispatch=part_dispatch(app))
        db.session.commit()
        log.info("report job %s done: %s pages", job_id, job.pages)
    except Exception as error:  # recorded for the requester; the job can be retried
        log.exception("report job %s failed", job_id)
        db.session.rollback()
        job = reports.record_failure(job_id, error)
        db.session.commit()
    return job


def report_file(job: ReportJob) -> Path | None:
    return reports.report_path(job, instance_path())
