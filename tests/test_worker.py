"""The job worker: ``huey_consumer worker.huey`` (the composition root beside ``app.py``) and
the embedded worker of ``flask serve`` take jobs from the app's queue (issue #12 item 5)."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from models import OutboxMessage, OutboxStatus, db
from services.notify import notify
from web.jobs import start_embedded_worker

ROOT = Path(__file__).resolve().parents[1]


def wait_for_mail(app, ceiling: float = 120) -> list[Path]:
    """Wait (a ceiling against hangs only) until the worker wrote a mail."""
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    deadline = time.monotonic() + ceiling
    while time.monotonic() < deadline:
        found = sorted(folder.glob("*.eml"))
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("no mail was sent by the worker")


def record_a_reminder() -> int:
    message = notify("someone@example.org", "reminder", "fr", cycle="C",
                     deadline="2027-03-31", link="L", state="S")
    db.session.commit()
    return message.id


def test_only_the_composition_roots_import_the_app():
    """Nothing below ``app.py`` and ``worker.py`` imports them, not even inside a function."""
    offenders = []
    for package in ("web", "services", "models", "exports", "questionnaire"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(name.split(".")[0] in ("app", "worker") for name in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_huey_consumer_runs_the_queue_of_worker_py(app, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "ENVSAQ_AUTO_MIGRATE": "0",
           "ENVSAQ_INSTANCE_PATH": app.config["INSTANCE_PATH"], "SECRET_KEY": "x" * 40}
    env.pop("REDIS_URL", None)
    env.pop("MAIL_SERVER", None)
    consumer = Path(sys.executable).with_name("huey_consumer")
    worker = subprocess.Popen([str(consumer), "worker.huey", "-w", "1"], cwd=ROOT, env=env)
    try:
        message_id = record_a_reminder()  # queued after the commit, in the instance's queue
        [path] = wait_for_mail(app)
        assert "Rappel" in path.read_bytes().decode()
        deadline = time.monotonic() + 60  # the file is written just before the commit
        while time.monotonic() < deadline:
            db.session.expire_all()
            if db.session.get(OutboxMessage, message_id).status is OutboxStatus.SENT:
                break
            time.sleep(0.1)
        assert db.session.get(OutboxMessage, message_id).status is OutboxStatus.SENT
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(60)


def test_the_embedded_worker_sends_queued_mail(app):
    stop = start_embedded_worker(app)
    try:
        record_a_reminder()
        assert wait_for_mail(app)
    finally:
        stop.set()
