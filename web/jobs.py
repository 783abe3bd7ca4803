"""Background jobs (Huey): SQLite storage on the embedded default, Redis when configured.

``init_jobs(app)`` builds the queue from the app's configuration and registers the tasks;
``start_embedded_worker(app)`` runs a consumer thread inside the web process (the embedded
default). In production run a separate worker instead: ``huey_consumer worker.huey -w 2``
(``worker.py``, beside ``app.py``, builds the app and hands Huey its queue).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey

log = logging.getLogger(__name__)
EXTENSION_KEY = "envsaq_jobs"
PRERENDER_AGAIN_SECONDS = 30
PART_TASK_EXPIRES_SECONDS = 3600
"""A report part waiting longer than this in the queue is dropped: its build has long
rendered it itself."""
_PART_RENDER_LOCK = threading.Lock()
"""One report part rendered at a time in this process (see ``Jobs._render_report_part``)."""


class Jobs:
    """The app's queue and its tasks."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = make_huey(app)
        self.build_report = self.huey.task(retries=0, name="build_report")(self._build_report)
        # No retries: a PDF that overran its time limit would overrun it again.
        self.build_pdf = self.huey.task(retries=0, name="build_pdf")(self._build_pdf)
        self.prerender_report = self.huey.task(retries=0, name="prerender_report")(
            self._prerender_report)
        # Any worker sharing the queue and the part cache renders parts of a build.
        self.render_report_part = self.huey.task(
            retries=0, name="render_report_part", expires=PART_TASK_EXPIRES_SECONDS)(
            self._render_report_part)
        self.part_renderer: Callable[[str, str], Any] | None = None
        """Renders one part (``exports.report.render.render_part`` unless a test says)."""
        # Retries of mail are kept in the outbox table (they survive a dead worker), not here.
        self.send_mail = self.huey.task(retries=0, name="send_mail")(self._send_mail)
        self.sweep_outbox = self.huey.periodic_task(crontab(minute="*"), name="sweep_outbox")(
            self._sweep_outbox)

    def _build_report(self, job_id: int) -> None:
        from web.logs import current_job
        from web.report_jobs import run_job

        token = current_job.set(f"report-{job_id}")
        try:
            with self.app.app_context():
                run_job(job_id)
        finally:
            current_job.reset(token)

    def _build_pdf(self, job_id: int) -> None:
        from web.logs import current_job
        from web.pdf_jobs import run_pdf_job

        token = current_job.set(f"pdf-{job_id}")
        try:
            with self.app.app_context():
                run_pdf_job(job_id)
        finally:
            current_job.reset(token)

    def _prerender_report(self, cycle_id: int) -> None:
        from huey.exceptions import TaskLockedException

        from web.logs import current_job
        from web.report_prerender import prerender

        token = current_job.set(f"prerender-{cycle_id}")
        try:
            with self.huey.lock_task(f"prerender-{cycle_id}"), self.app.app_context():
                prerender(cycle_id)
        except TaskLockedException:  # one is running: this one runs after it
            self.prerender_report.schedule((cycle_id,), delay=PRERENDER_AGAIN_SECONDS)
        except Exception:  # a build renders what it needs; nothing else depends on this
            log.warning("report parts of cycle %s not made ready", cycle_id, exc_info=True)
        finally:
            current_job.reset(token)

    def _render_report_part(self, key: str, html: str, lang: str) -> None:
        from exports.report.render import render_part
        from exports.report.shared import render_claimed
        from web.logs import current_job

        token = current_job.set(f"part-{key[:12]}")
        try:
            # The part renders in this thread, and WeasyPrint (Pango, fontconfig) is not
            # thread-safe: two threads of one consumer rendering at once hung for good.
            with _PART_RENDER_LOCK:
                render_claimed(self.part_renderer or render_part, report_cache(self.app), key,
                               html, lang)
        finally:
            current_job.reset(token)

    def _send_mail(self, message_id: int) -> None:
        from web.logs import current_job
        from web.mail_delivery import deliver

        token = current_job.set(f"mail-{message_id}")
        try:
            with self.app.app_context():
                deliver(message_id)
        finally:
            current_job.reset(token)

    def _sweep_outbox(self) -> None:
        from web.heartbeat import beat
        from web.mail_delivery import sweep
        from web.report_jobs import fail_lost_jobs

        beat(self.app.config["INSTANCE_PATH"])  # every minute: /ready sees a live worker
        with self.app.app_context():
            fail_lost_jobs()
            sweep()


def make_huey(app: Flask) -> Huey:
    immediate = bool(app.config.get("HUEY_IMMEDIATE"))
    name = app.config.get("HUEY_NAME", "envsaq")  # tests sharing one Redis use their own
    if app.config.get("REDIS_URL"):
        return RedisHuey(name, url=app.config["REDIS_URL"], immediate=immediate)
    path = Path(app.config["INSTANCE_PATH"]) / "jobs.db"
    return SqliteHuey(name, filename=str(path), immediate=immediate)


def report_cache(app: Flask) -> Path:
    """The report part cache: ``ENVSAQ_REPORT_CACHE``, else the instance folder's."""
    from services.reports import cache_dir

    return cache_dir(Path(app.config["INSTANCE_PATH"]), app.config.get("REPORT_CACHE"))


class PartDispatch:
    """Queues each report part a build needs as a ``render_report_part`` task. Should the
    queue fail, the build goes on with its own processes, which render every part anyway."""

    def __init__(self, jobs: Jobs) -> None:
        self.jobs, self.broken = jobs, False

    def __call__(self, key: str, html: str, lang: str) -> None:
        if self.broken:
            return
        try:
            self.jobs.render_report_part(key, html, lang)
        except Exception as error:
            self.broken = True
            log.warning("report parts not queued for other workers: %s", error)


def part_dispatch(app: Flask) -> PartDispatch | None:
    """What hands a build's parts to the other workers: only with Redis, the queue that
    workers on other machines share (the embedded SQLite queue has one worker, which is
    busy with the build), and not when jobs run inside the request."""
    if not app.config.get("REDIS_URL") or app.config.get("HUEY_IMMEDIATE"):
        return None
    return PartDispatch(jobs_of(app))


def init_jobs(app: Flask) -> Jobs:
    jobs = Jobs(app)
    app.extensions[EXTENSION_KEY] = jobs
    return jobs


def jobs_of(app: Flask | None = None) -> Jobs:
    app = app or current_app._get_current_object()
    return app.extensions.get(EXTENSION_KEY) or init_jobs(app)


def enqueue_report(job_id: int) -> None:
    jobs_of().build_report(job_id)


def enqueue_pdf(job_id: int) -> None:
    jobs_of().build_pdf(job_id)


def enqueue_job(job_id: int, kind: str) -> None:
    """Queue a job of either kind (``models.JobKind``): ``flask jobs retry``."""
    from models import JobKind

    (enqueue_pdf if kind == JobKind.SUBMISSION_PDF else enqueue_report)(job_id)


def queue_committed_job(job: Any, kind: str) -> bool:
    """Commit ``job`` (the worker must see it) and queue it; when the queue cannot take it,
    withdraw the job, so none waits for a run that will never come. False: withdrawn."""
    from models import db

    db.session.commit()
    try:
        enqueue_job(job.id, kind)
    except Exception as error:
        log.warning("job queue unavailable; %s job %s withdrawn: %s", kind, job.id, error)
        db.session.delete(job)
        db.session.commit()
        return False
    return True


EMBEDDED_POLL_SECONDS = 0.5
EMBEDDED_SWEEP_SECONDS = 60


def _run_embedded(jobs: Jobs, stop: threading.Event) -> None:
    """Take tasks off the queue one at a time, and sweep the mail outbox every minute
    (through Huey's public API: no signal handlers, so it may run outside the main thread)."""
    next_sweep = 0.0
    while not stop.is_set():
        if time.monotonic() >= next_sweep:
            jobs.sweep_outbox()
            next_sweep = time.monotonic() + EMBEDDED_SWEEP_SECONDS
        task = jobs.huey.dequeue()
        if task is None:
            stop.wait(EMBEDDED_POLL_SECONDS)
            continue
        try:
            jobs.huey.execute(task)
        except Exception:
            log.exception("job %s failed", task.name)


def start_embedded_worker(app: Flask) -> threading.Event | None:
    """Run a job worker thread inside this process (embedded default only; not with Redis).
    Returns the event that stops it."""
    if app.config.get("REDIS_URL") or app.config.get("HUEY_IMMEDIATE"):
        return None
    stop = threading.Event()
    thread = threading.Thread(target=_run_embedded, args=(jobs_of(app), stop),
                              name="envsaq-jobs", daemon=True)
    thread.start()
    log.info("embedded job worker started")
    return stop
