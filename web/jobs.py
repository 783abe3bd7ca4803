"""Background jobs (Huey): SQLite storage on the embedded default, Redis when configured.

``init_jobs(app)`` builds the queue from the app's configuration and registers the tasks;
``start_embedded_worker(app)`` runs a consumer thread inside the web process (the embedded
default). In production run a separate worker instead:
``huey_consumer web.jobs.huey -w 2`` with the same environment as the app.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey
from huey.consumer import Consumer

log = logging.getLogger(__name__)
EXTENSION_KEY = "envsaq_jobs"


class Jobs:
    """The app's queue and its tasks."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = make_huey(app)
        self.build_report = self.huey.task(retries=0, name="build_report")(self._build_report)
        # Retries of mail are kept in the outbox table (they survive a dead worker), not here.
        self.send_mail = self.huey.task(retries=0, name="send_mail")(self._send_mail)
        self.sweep_outbox = self.huey.periodic_task(crontab(minute="*"), name="sweep_outbox")(
            self._sweep_outbox)

    def _build_report(self, job_id: int) -> None:
        from web.secretariat.reports import run_job

        with self.app.app_context():
            run_job(job_id)

    def _send_mail(self, message_id: int) -> None:
        from web.mail_delivery import deliver

        with self.app.app_context():
            deliver(message_id)

    def _sweep_outbox(self) -> None:
        from web.mail_delivery import sweep

        with self.app.app_context():
            sweep()


def make_huey(app: Flask) -> Huey:
    immediate = bool(app.config.get("HUEY_IMMEDIATE"))
    if app.config.get("REDIS_URL"):
        return RedisHuey("envsaq", url=app.config["REDIS_URL"], immediate=immediate)
    path = Path(app.config["INSTANCE_PATH"]) / "jobs.db"
    return SqliteHuey("envsaq", filename=str(path), immediate=immediate)


def init_jobs(app: Flask) -> Jobs:
    jobs = Jobs(app)
    app.extensions[EXTENSION_KEY] = jobs
    return jobs


def jobs_of(app: Flask | None = None) -> Jobs:
    app = app or current_app._get_current_object()
    return app.extensions.get(EXTENSION_KEY) or init_jobs(app)


def enqueue_report(job_id: int) -> None:
    jobs_of().build_report(job_id)


class _ThreadConsumer(Consumer):
    """A consumer that may run outside the main thread (it installs no signal handlers)."""

    def _set_signal_handlers(self) -> None:
        return None


def start_embedded_worker(app: Flask) -> threading.Thread | None:
    """Run a job consumer inside this process (embedded default only; not with Redis)."""
    if app.config.get("REDIS_URL") or app.config.get("HUEY_IMMEDIATE"):
        return None
    jobs = jobs_of(app)
    consumer = _ThreadConsumer(jobs.huey, workers=1, worker_type="thread", periodic=True)
    thread = threading.Thread(target=consumer.start, name="envsaq-jobs", daemon=True)
    thread.start()
    log.info("embedded job worker started")
    return thread


def __getattr__(name: str) -> Huey:
    """``web.jobs.huey`` for ``huey_consumer``: the queue of an app built from the environment."""
    if name != "huey":
        raise AttributeError(name)
    from app import create_app

    return jobs_of(create_app()).huey
