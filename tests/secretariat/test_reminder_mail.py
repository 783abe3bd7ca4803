"""Reminder mails: a passed deadline is worded as overdue, and the link opens the State's own
questionnaire at the configured public address, whatever host the request came to."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from models import Response, Role, WorkflowState, db
from tests.conftest import csrf_token
from web.mail_delivery import sweep

PUBLIC = "https://saq.example.org"


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    """Requests come to localhost; the public address is another one."""
    application = make_app(BASE_URL=PUBLIC)
    with application.app_context():
        yield application


def reminder_bodies(app: Flask) -> list[str]:
    sweep()
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    messages = [email.message_from_bytes(p.read_bytes(), policy=policy.default)
                for p in folder.glob("*.eml")]
    return [" ".join(m.get_body(("plain",)).get_content().split()) for m in messages
            if m["Subject"].startswith("Reminder")]


def send(client, cycle_id: int) -> None:
    confirm = f"/secretariat/reminders?cycle={cycle_id}"
    assert client.post("/secretariat/reminders", data={
        "csrf_token": csrf_token(client, confirm), "cycle": cycle_id}).status_code == 302


def reopen_kenya(deadline: date) -> int:
    response = db.session.scalar(select(Response).where(Response.state_iso3 == "KEN"))
    response.workflow_state = WorkflowState.RETURNED
    response.cycle.deadline = deadline
    db.session.commit()
    return response.cycle_id


def test_a_passed_deadline_is_worded_as_overdue(app, client, signed_in, seed_states):
    seed_states(["KEN", "NOR"])
    cycle_id = reopen_kenya(date.today() - timedelta(days=12))
    signed_in(Role.SECRETARIAT_ADMIN)
    send(client, cycle_id)
    (body,) = reminder_bodies(app)
    assert "12 days ago, and the Secretariat has not yet received them" in body
    assert "The deadline is" not in body
    assert "Please submit them as soon as you can" in body
    assert f"{PUBLIC}/states/KEN/cycles/{cycle_id}/" in body
    assert "http://localhost" not in body


def test_a_coming_deadline_is_given_as_a_date(app, client, signed_in, seed_states):
    seed_states(["KEN", "NOR"])
    deadline = date.today() + timedelta(days=20)
    cycle_id = reopen_kenya(deadline)
    signed_in(Role.SECRETARIAT_ADMIN)
    send(client, cycle_id)
    (body,) = reminder_bodies(app)
    assert f"The deadline is {deadline.day} " in body and "days ago" not in body
    assert f"{PUBLIC}/states/KEN/cycles/{cycle_id}/" in body
