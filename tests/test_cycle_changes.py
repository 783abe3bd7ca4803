"""Renaming a cycle and moving its deadline from the cycles page (UX review p10)."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from models import AuditEvent, Role, db
from services.cycles import create_cycle
from tests.conftest import csrf_token


def test_admin_changes_the_name_and_deadline_audited(client, signed_in, cycle):
    signed_in(Role.SECRETARIAT_ADMIN)
    index = client.get("/secretariat/cycles/").get_data(as_text=True)
    # the name links to its dashboard; the change page is offered
    assert f'href="/secretariat/?cycle={cycle.id}"' in index
    assert f'href="/secretariat/cycles/{cycle.id}/edit"' in index
    page = f"/secretariat/cycles/{cycle.id}/edit"
    form = client.get(page).get_data(as_text=True)
    assert 'value="2026 reporting cycle"' in form and 'value="2026-12-31"' in form
    answer = client.post(page, data={"csrf_token": csrf_token(client, page),
                                     "name": "Reporting cycle 2026 (extended)",
                                     "deadline": "2027-02-28"})
    assert answer.status_code == 302
    db.session.refresh(cycle)
    assert cycle.name == "Reporting cycle 2026 (extended)"
    assert cycle.deadline == date(2027, 2, 28)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cycle.changed"))
    assert event.details["before"] == {"name": "2026 reporting cycle", "deadline": "2026-12-31"}
    assert event.details["after"] == {"name": "Reporting cycle 2026 (extended)",
                                      "deadline": "2027-02-28"}


def test_messages_stand_at_the_field(client, signed_in, version):
    cycle = create_cycle("2027 cycle", version, date(2027, 6, 30), ["KEN"], None,
                         opens=date(2027, 1, 1))
    db.session.commit()
    signed_in(Role.SECRETARIAT_ADMIN)
    page = f"/secretariat/cycles/{cycle.id}/edit"
    token = csrf_token(client, page)
    empty = client.post(page, data={"csrf_token": token, "name": " ", "deadline": ""})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 400
    assert 'id="name-error-1"' in html and "Enter a name for the cycle." in html
    assert 'id="deadline-error-1"' in html and "Enter the deadline as a date." in html
    early = client.post(page, data={"csrf_token": token, "name": "2027 cycle",
                                    "deadline": "2026-12-31"})
    html = early.get_data(as_text=True)
    assert early.status_code == 400
    assert 'id="deadline-error-1"' in html and "before the opening date" in html
    deadline_input = re.search(r'<input[^>]*id="deadline"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in deadline_input
    name_input = re.search(r'<input[^>]*id="name"[^>]*>', html).group(0)
    assert "aria-invalid" not in name_input  # only the wrong field is marked
    db.session.refresh(cycle)
    assert cycle.deadline == date(2027, 6, 30)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cycle.changed")) \
        is None


def test_only_an_administrator_changes_a_cycle(client, signed_in, cycle):
    signed_in(Role.SECRETARIAT_REVIEWER)
    page = f"/secretariat/cycles/{cycle.id}/edit"
    assert client.get(page).status_code == 403
    assert f'href="{page}"' not in client.get("/secretariat/cycles/").get_data(as_text=True)
