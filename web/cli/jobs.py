"""``flask jobs list|retry ID|cancel ID``: the job worker's builds (compiled reports and
submission PDFs), for operators."""

from __future__ import annotations

import click
from sqlalchemy import select

from models import JobStatus, ReportJob, db, utcnow
from services import audit


def _job(job_id: int) -> ReportJob:
    job = db.session.get(ReportJob, job_id)
    if job is None:
        raise click.ClickException(f"no report job {job_id}")
    return job


@click.group("jobs")
def jobs_group() -> None:
    """Report build jobs: list them, start one again, cancel one."""


@jobs_group.command("list")
@click.option("--limit", default=20, show_default=True)
def list_command(limit: int) -> None:
    """The newest jobs, with their state, progress and last sign of life."""
    now = utcnow()
    for job in db.session.scalars(select(ReportJob).order_by(ReportJob.id.desc()).limit(limit)):
        beat = job.heartbeat_at or job.started_at
        life = f"{int((now - beat).total_seconds())} s ago" if beat else "-"
        state = "running (worker lost)" if job.lease_expired(now) else job.status.value
        click.echo(f"{job.id}\t{job.kind}\t{state}\t{job.options.get('lang', 'en')}\t"
                   f"{job.parts_done}/{job.parts_total}\tcreated {job.created_at:%Y-%m-%d %H:%M}"
                   f"\tlife {life}\t{job.error or ''}")


@jobs_group.command("retry")
@click.argument("job_id", type=int)
def retry_command(job_id: int) -> None:
    """Queue a failed or stalled job again (a running one only after its lease ran out)."""
    from web.jobs import enqueue_job

    job = _job(job_id)
    refusal = job.retry_refusal(utcnow())
    if refusal:
        raise click.ClickException(refusal)
    job.status, job.error, job.parts_done = JobStatus.QUEUED, None, 0
    audit.record("report.retried", actor_email="cli", object_type="report_job", object_id=job.id)
    db.session.commit()
    try:
        enqueue_job(job.id, job.kind)
    except Exception as error:
        job.status, job.error = JobStatus.FAILED, "the job queue could not be reached"
        db.session.commit()
        raise click.ClickException(f"the job queue could not be reached: {error}") from error
    click.echo(f"job {job.id} queued again")


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
def cancel_command(job_id: int) -> None:
    """Mark a queued or running job failed; a worker building it stops at its next part."""
    job = _job(job_id)
    if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
        raise click.ClickException(f"job {job.id} is {job.status.value}; nothing to cancel")
    job.status, job.finished_at = JobStatus.FAILED, utcnow()
    job.error = "cancelled by an operator"
    audit.record("report.cancelled", actor_email="cli", object_type="report_job",
                 object_id=job.id)
    db.session.commit()
    click.echo(f"job {job.id} cancelled")


@jobs_group.command("prune-cache")
@click.option("--days", default=30, show_default=True,
              help="Remove cached report parts not written for this many days.")
def prune_cache_command(days: int) -> None:
    """Remove old entries of the report part cache (instance/report-cache) and of the
    submission PDF cache (instance/pdf-cache). A later build renders again what it needs;
    finished reports (instance/reports) are kept."""
    import time
    from pathlib import Path

    from flask import current_app

    from services import pdf_jobs
    from services.reports import cache_dir

    instance = Path(current_app.config["INSTANCE_PATH"])
    cutoff = time.time() - days * 86400
    for folder, what in ((cache_dir(instance), "cached parts"),
                         (pdf_jobs.cache_dir(instance), "cached submission PDFs")):
        removed = freed = 0
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file() and path.stat().st_mtime < cutoff:
                freed += path.stat().st_size
                path.unlink()
                removed += 1
        click.echo(f"{removed} {what} removed ({freed // 1024} KiB) from {folder}")
