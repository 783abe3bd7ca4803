"""The mail outbox (issue #12 item 1): mail is recorded with the change and sent by the worker
after the commit; failures are retried with a recorded reason; nothing is lost or sent twice."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from models import AccountToken, OutboxMessage, OutboxStatus, Role, User, db, utcnow
from services.notify import notify
from tests.conftest import csrf_token
from tests.mail_server import SmtpServer
from web.guard import public
from web.mail_delivery import MAX_ATTEMPTS, deliver, sweep

ROOT = Path(__file__).resolve().parents[1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mail_files(app) -> list[Path]:
    return sorted((Path(app.config["INSTANCE_PATH"]) / "mail").glob("*.eml"))


def outbox() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def request_reset(client, email: str):
    token = csrf_token(client, "/password/reset")
    return client.post("/password/reset", data={"csrf_token": token, "email": email})


def test_invitation_is_sent_after_the_commit_by_the_worker(app, client, signed_in):
    app.config["HUEY_IMMEDIATE"] = True  # the queue runs each task as it is enqueued
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/admin/invitations")
    response = client.post("/admin/invitations", data={
        "csrf_token": token, "email": "new.person@example.org", "role": "focal-point",
        "state": "KEN"})
    assert response.status_code == 302
    [message] = outbox()
    assert message.status is OutboxStatus.SENT and message.attempts == 1
    assert message.context == {}  # the single-use link is not kept once sent
    [path] = mail_files(app)
    text = path.read_text()
    assert "To: new.person@example.org" in text and "/invitation/" in text
    assert message.message_id in text
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_request_that_fails_after_notify_sends_nothing(app):
    app.config["HUEY_IMMEDIATE"] = True

    @app.post("/test-notify-then-fail")
    @public
    def notify_then_fail():
        notify("someone@example.org", "reminder", "en", cycle="C", deadline="2027-03-31", link="L",
               state="S")
        raise RuntimeError("the request fails after notify")

    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post("/test-notify-then-fail")
    assert response.status_code == 500
    assert outbox() == []
    assert sweep() == 0
    assert mail_files(app) == []


def test_a_commit_that_fails_after_notify_sends_nothing(app, make_user):
    app.config["HUEY_IMMEDIATE"] = True
    taken = make_user(Role.FOCAL_POINT, "KEN")
    notify("someone@example.org", "reminder", "en", cycle="C", deadline="2027-03-31", link="L",
           state="S")
    db.session.add(User(email=taken.email, name="the same address again"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert outbox() == []
    assert sweep() == 0
    assert mail_files(app) == []


def test_mail_server_down_keeps_the_change_and_retries_with_the_reason(app, make_user):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port(), MAIL_USE_TLS=False,
                      HUEY_IMMEDIATE=True)
    user = make_user(Role.FOCAL_POINT, "KEN")
    response = request_reset(app.test_client(), user.email)
    assert "Check your email" in response.get_data(as_text=True)
    # The change committed: the reset token exists.
    assert db.session.scalar(select(func.count()).select_from(AccountToken)) == 1
    [message] = outbox()
    assert message.status is OutboxStatus.PENDING and message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at > utcnow()
    assert sweep() == 0  # not due yet
    with SmtpServer() as server:
        app.config["MAIL_PORT"] = server.port
        assert sweep(utcnow() + timedelta(minutes=2)) == 1
        assert sweep(utcnow() + timedelta(hours=3)) == 0
        assert len(server.received) == 1
        assert server.received[0]["To"] == user.email
        assert "/password/reset/" in server.received[0].get_payload()
    [message] = outbox()
    assert message.status is OutboxStatus.SENT and message.attempts == 2


def test_after_the_last_attempt_the_message_fails_with_its_reason(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port(), MAIL_USE_TLS=False)
    notify("someone@example.org", "reminder", "en", cycle="C", deadline="2027-03-31", link="L",
           state="S")
    db.session.commit()
    later = utcnow()
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(hours=2)
        sweep(later)
    [message] = outbox()
    assert message.status is OutboxStatus.FAILED and message.attempts == MAX_ATTEMPTS
    assert "ConnectionRefusedError" in message.last_error
    assert sweep(later + timedelta(days=1)) == 0


def test_password_reset_takes_the_same_path_with_or_without_an_account(app, make_user):
    # Nothing is sent in the request either way: the worker sends.
    user = make_user(Role.FOCAL_POINT, "KEN")
    client = app.test_client()
    known = request_reset(client, user.email).get_data(as_text=True)
    unknown = request_reset(client, "nobody@example.org").get_data(as_text=True)

    def page(html: str, email: str) -> str:  # without the address and the signed CSRF token
        return re.sub(r'(content|value)="[\w.-]{40,}"', "", html.replace(email, "X"))

    assert page(known, user.email) == page(unknown, "nobody@example.org")
    assert mail_files(app) == []
    first, second = outbox()
    assert (first.recipient, first.status) == (user.email, OutboxStatus.PENDING)
    assert (second.recipient, second.status) == ("nobody@example.org",
                                                 OutboxStatus.SUPPRESSED)
    assert sweep() == 1
    [path] = mail_files(app)
    assert user.email in path.read_text()


def test_a_message_with_a_dedupe_key_is_recorded_once(app):
    first = notify("someone@example.org", "reminder", "en", dedupe_key="reminder:1:KEN:7:day",
                   cycle="C", deadline="2027-03-31", link="L", state="S")
    db.session.commit()
    assert first is not None
    assert notify("someone@example.org", "reminder", "en", dedupe_key="reminder:1:KEN:7:day",
                  cycle="C", deadline="2027-03-31", link="L", state="S") is None
    db.session.commit()
    assert sweep() == 1 and len(outbox()) == 1


def test_worker_killed_mid_send_sends_the_message_once_after_restart(app, database_url):
    with SmtpServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False)
        notify("someone@example.org", "reminder", "en", cycle="C", deadline="2027-03-31", link="L",
               state="S")
        db.session.commit()
        [message] = outbox()
        env = {**os.environ, "DATABASE_URL": database_url, "ENVSAQ_AUTO_MIGRATE": "0",
               "ENVSAQ_INSTANCE_PATH": app.config["INSTANCE_PATH"],
               "SECRET_KEY": "test-secret-key", "MAIL_SERVER": "127.0.0.1",
               "MAIL_PORT": str(server.port), "MAIL_USE_TLS": "0"}
        script = ("from app import create_app\nfrom web.mail_delivery import sweep\n"
                  "with create_app().app_context():\n    sweep()\n")
        server.stall.set()
        worker = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env)
        try:
            assert server.data_arrived.wait(120), "the worker never reached the server"
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
        finally:
            worker.kill()
        assert server.received == []
        [message] = outbox()
        assert message.status is OutboxStatus.SENDING  # claimed by the dead worker
        # A restarted worker leaves a live claim alone ...
        assert sweep() == 0
        # ... and sends the message once the dead worker's claim has run out.
        server.stall.clear()
        server.release.set()
        assert sweep(utcnow() + timedelta(minutes=6)) == 1
        assert sweep(utcnow() + timedelta(hours=3)) == 0
        assert deliver(message.id) is None
        assert len(server.received) == 1
        assert server.received[0]["Message-ID"] == message.message_id
        [message] = outbox()
        assert message.status is OutboxStatus.SENT and message.attempts == 2


def test_the_worker_renders_each_message_in_its_recipients_language(app):
    notify("a@example.org", "reminder", "fr", cycle="C", deadline="2027-03-31", link="L", state="S")
    notify("b@example.org", "reminder", "ar", cycle="C", deadline="2027-03-31", link="L", state="S")
    db.session.commit()
    assert sweep() == 2  # outside any request, as in the worker
    texts = [path.read_bytes().decode() for path in mail_files(app)]
    from email import message_from_string
    from email.header import decode_header, make_header

    subjects = {str(make_header(decode_header(message_from_string(t)["Subject"])))
                for t in texts}
    assert subjects == {"Rappel\xa0: questionnaire d'auto-évaluation pour C",
                        "تذكير: استبيان التقييم الذاتي الخاص بـC"}
