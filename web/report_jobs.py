"""Running a compiled-report job in this app: the worker's task and ``flask report build``.

The steps are ``services.reports``; this module owns their transactions. It commits after each
step so that the page polling the job sees its progress, and a failure rolls back the step that
failed before it is recorded on the job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from flask import current_app

from models import ReportJob, db
from services import reports

log = logging.getLogger(__name__)


def instance_path() -> Path:
    return Path(current_app.config["INSTANCE_PATH"])


def run_job(job_id: int, workers: int = 2,
            echo: Callable[[int, int], None] | None = None) -> ReportJob:
    """Build the report of ``job_id``; a failure is recorded on the job, never raised."""
    job = reports.start_run(job_id)
    db.session.commit()
    try:
        model, digest, count = reports.report_model(job)
        job.snapshots_hash, job.respondents = digest, count
        db.session.commit()

        def progress(done: int, total: int) -> None:
            reports.record_progress(job, done, total)
            db.session.commit()
            if echo:
                echo(done, total)

        reports.build_file(job, model, instance_path(), workers=workers, progress=progress)
        db.session.commit()
    except Exception as error:  # recorded for the requester; the job can be retried
        log.exception("report job %s failed", job_id)
        db.session.rollback()
        job = reports.record_failure(job_id, error)
        db.session.commit()
    return job


def report_file(job: ReportJob) -> Path | None:
    return reports.report_path(job, instance_path())
