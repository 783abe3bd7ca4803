"""``flask jobs`` asks ``services.reports`` (issue #12): the service's refusals reach the CLI as
its one-line errors, and the CLI's retries and cancellations are audited as the CLI's."""

from __future__ import annotations

from sqlalchemy import select

from models import AuditEvent, JobStatus, ReportJob, db, utcnow
from services.errors import Conflict
from services.reports import clean_options, create_job, requeue_job
from web.cli.demo_states import ensure_cycle, ensure_version


def test_the_cli_retries_and_cancels_through_the_service(app, seed_states, runner):
    seed_states(["NOR"])
    job = create_job(ensure_cycle(ensure_version(), None, only=["NOR"]), clean_options(), None)
    job.status, job.started_at, job.heartbeat_at = JobStatus.RUNNING, utcnow(), utcnow()
    db.session.commit()

    # Within the lease the service refuses, and its Conflict says why, word for word the CLI's.
    try:
        requeue_job(job)
    except Conflict as error:
        reason = str(error)
    else:
        raise AssertionError("a running job inside its lease was queued again")
    assert "showed life" in reason
    refused = runner.invoke(args=["jobs", "retry", str(job.id)])
    assert refused.exit_code == 1 and refused.output.strip() == f"Error: {reason}"

    cancelled = runner.invoke(args=["jobs", "cancel", str(job.id)])
    assert cancelled.exit_code == 0, cancelled.output
    again = runner.invoke(args=["jobs", "cancel", str(job.id)])
    assert again.exit_code == 1 and f"job {job.id} is failed; nothing to cancel" in again.output
    missing = runner.invoke(args=["jobs", "retry", "999999"])
    assert missing.exit_code == 1 and "no report job 999999" in missing.output

    actors = dict(db.session.execute(
        select(AuditEvent.action, AuditEvent.actor_email).where(
            AuditEvent.object_type == "report_job", AuditEvent.object_id == str(job.id),
            AuditEvent.action.in_(["report.cancelled", "report.retried"]))).all())
    assert actors == {"report.cancelled": "cli"}
    db.session.expire_all()
    assert db.session.get(ReportJob, job.id).error == "cancelled by an operator"
