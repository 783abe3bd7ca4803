"""``flask jobs list|retry ID|cancel ID``: the job worker's builds (compiled reports and
submission PDFs), for operators."""

from __future__ import annotations

import click

from models import JobStatus, db, utcnow
from services.reports import any_job, cancel_job, newest_jobs, requeue_job
from web.cli.base import CommandError, OneLineErrors

jobs_group = OneLineErrors(
    "jobs", help="Report build jobs: list them, start one again, cancel one.")


@jobs_group.command("list")
@click.option("--limit", default=20, show_default=True)
def list_command(limit: int) -> None:
    """The newest jobs, with their state, progress and last sign of life."""
    now = utcnow()
    for job in newest_jobs(limit):
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

    job = any_job(job_id)
    requeue_job(job)  # a refusal (Conflict) says why, e.g. how long the lease still runs
    db.session.commit()
    try:
        enqueue_job(job.id, job.kind)
    except Exception as error:
        job.status, job.error = JobStatus.FAILED, "the job queue could not be reached"
        db.session.commit()
        raise CommandError(f"the job queue could not be reached: {error}") from error
    click.echo(f"job {job.id} queued again")


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
def cancel_command(job_id: int) -> None:
    """Mark a queued or running job failed; a worker building it stops at its next part."""
    job = any_job(job_id)
    cancel_job(job)
    db.session.commit()
    click.echo(f"job {job.id} cancelled")


@jobs_group.command("prune-cache")
@click.option("--days", default=30, show_default=True,
              help="Remove cached report parts not written for this many days.")
def prune_cache_command(days: int) -> None:
    """Remove old entries of the report part cache (ENVSAQ_REPORT_CACHE, by default
    instance/report-cache; with the claims and failure notes left beside them) and of the
    submission PDF cache (instance/pdf-cache). A later build renders again what it needs;
    finished reports (instance/reports) are kept."""
    import time
    from pathlib import Path

    from flask import current_app

    from services import pdf_jobs
    from web.jobs import report_cache

    instance = Path(current_app.config["INSTANCE_PATH"])
    cutoff = time.time() - days * 86400
    for folder, what in ((report_cache(current_app), "cached parts"),
                         (pdf_jobs.cache_dir(instance), "cached submission PDFs")):
        removed = freed = 0
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file() and path.stat().st_mtime < cutoff:
                freed += path.stat().st_size
                path.unlink()
                removed += 1
        click.echo(f"{removed} {what} removed ({freed // 1024} KiB) from {folder}")
