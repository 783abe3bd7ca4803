"""Report jobs survive a dead worker (issue #20, ops review F2): a build whose worker was killed
is detected by its lease and marked failed with the reason; operators list, retry and cancel
jobs from the command line, and a retry before the lease ends says why it is refused."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from models import JobStatus, ReportJob, Role, db, utcnow
from models.report import LEASE
from services.reports import clean_options, create_job
from web.cli.demo_states import ensure_cycle, ensure_version
from web.jobs import enqueue_report
from web.report_jobs import fail_lost_jobs

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def wait_for_status(job_id: int, status: JobStatus, ceiling: float = 180) -> ReportJob:
    """Wait for the job to reach ``status`` (a ceiling against hangs only)."""
    deadline = time.monotonic() + ceiling
    while time.monotonic() < deadline:
        db.session.expire_all()
        job = db.session.get(ReportJob, job_id)
        if job.status is status:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never became {status.value}")


def descendants(root: int) -> set[int]:
    """The living processes below ``root`` (from /proc; zombies count as gone)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            continue
        if fields[0] != "Z":
            parents[int(entry)] = int(fields[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, ceiling: float = 120) -> bool:
    """Poll ``condition`` (a ceiling against hangs only)."""
    deadline = time.monotonic() + ceiling
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_killed_workers_job_is_failed_by_its_lease_and_retried_by_the_cli(
        app, database_url, seed_states, runner):
    seed_states(["NOR", "KEN"])
    cycle = ensure_cycle(ensure_version(), None, only=["NOR", "KEN"])
    job = create_job(cycle, clean_options(lang="fr"), None)
    db.session.commit()
    env = {**os.environ, "DATABASE_URL": database_url, "ENVSAQ_AUTO_MIGRATE": "0",
           "ENVSAQ_INSTANCE_PATH": app.config["INSTANCE_PATH"], "SECRET_KEY": "k" * 40}
    for name in ("REDIS_URL", "MAIL_SERVER", "ENVSAQ_ENV"):
        env.pop(name, None)
    consumer = Path(sys.executable).with_name("huey_consumer")
    worker = subprocess.Popen([str(consumer), "worker.huey", "-w", "1"], cwd=ROOT, env=env,
                              start_new_session=True)
    children: set[int] = set()
    try:
        enqueue_report(job.id)
        wait_for_status(job.id, JobStatus.RUNNING)
        # The build's render processes (a fork server and its workers) are running.
        def started() -> bool:
            children.update(descendants(worker.pid))
            return len(children) >= 2

        assert wait_until(started)
        os.kill(worker.pid, signal.SIGKILL)  # the worker alone, as the OOM killer would
        worker.wait(60)
        # Its render processes die with it (parent-death signal), none lingers.
        assert wait_until(lambda: not any(alive(pid) for pid in children)), \
            [pid for pid in children if alive(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):  # whatever a failure above left behind
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(60)
    job = db.session.get(ReportJob, job.id)
    assert job.status is JobStatus.RUNNING and job.heartbeat_at is not None

    # Within the lease the job is left alone, and a retry says why it is refused.
    assert fail_lost_jobs() == []
    refused = runner.invoke(args=["jobs", "retry", str(job.id)])
    assert refused.exit_code != 0 and "showed life" in refused.output
    listed = runner.invoke(args=["jobs", "list"])
    assert listed.exit_code == 0 and f"{job.id}\treport\trunning" in listed.output

    # Once the lease has run out, the worker's minute task marks it failed with the reason.
    later = utcnow() + LEASE + timedelta(seconds=30)
    assert fail_lost_jobs(later) == [job.id]
    db.session.expire_all()
    job = db.session.get(ReportJob, job.id)
    assert job.status is JobStatus.FAILED and "worker stopped" in job.error
    retried = runner.invoke(args=["jobs", "retry", str(job.id)])
    assert retried.exit_code == 0, retried.output
    db.session.expire_all()
    assert db.session.get(ReportJob, job.id).status is JobStatus.QUEUED
    cancelled = runner.invoke(args=["jobs", "cancel", str(job.id)])
    assert cancelled.exit_code == 0, cancelled.output
    db.session.expire_all()
    job = db.session.get(ReportJob, job.id)
    assert job.status is JobStatus.FAILED and job.error == "cancelled by an operator"
    again = runner.invoke(args=["jobs", "cancel", str(job.id)])
    assert again.exit_code != 0 and "nothing to cancel" in again.output


def test_prune_cache_removes_only_old_cached_parts(app, runner):
    from services.reports import cache_dir

    folder = cache_dir(Path(app.config["INSTANCE_PATH"]))
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / "old-part.pdf", folder / "fresh-part.pdf"
    old.write_bytes(b"x" * 2048)
    fresh.write_bytes(b"y")
    month_ago = time.time() - 40 * 86400
    os.utime(old, (month_ago, month_ago))
    result = runner.invoke(args=["jobs", "prune-cache", "--days", "30"])
    assert result.exit_code == 0 and result.output.startswith("1 cached parts removed")
    assert not old.exists() and fresh.exists()


def test_the_status_says_when_a_silent_build_may_be_retried(app, client, signed_in):
    from tests.conftest import csrf_token

    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    job = create_job(cycle, clean_options(lang="en"), None)
    job.status, job.started_at = JobStatus.RUNNING, utcnow()
    job.heartbeat_at = utcnow()
    db.session.commit()
    signed_in(Role.SECRETARIAT_ADMIN)
    url = f"/secretariat/reports/{job.id}/status"
    assert client.get(url).get_json()["can_retry"] is False
    token = csrf_token(client, "/secretariat/reports")
    refused = client.post(f"/secretariat/reports/{job.id}/retry", data={"csrf_token": token},
                          follow_redirects=True)
    assert "It can be started again only once 120 seconds pass without a sign of life." in \
        " ".join(refused.get_data(as_text=True).split())
    db.session.refresh(job)
    assert job.status is JobStatus.RUNNING
    job.heartbeat_at = job.started_at = utcnow() - LEASE - timedelta(seconds=5)
    db.session.commit()
    assert client.get(url).get_json()["can_retry"] is True
