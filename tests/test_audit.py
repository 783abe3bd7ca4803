"""The audit log: written for account events, append-only, control characters escaped."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import AuditEvent, Role, db
from services.audit import escape_controls, record
from tests.conftest import csrf_token


def test_control_characters_are_escaped():
    assert escape_controls("a\nb\rc\x1b[31m") == "a\\x0ab\\x0dc\\x1b[31m"
    assert escape_controls("plain Ünïcödé 中文") == "plain Ünïcödé 中文"


def test_failed_sign_in_with_forged_line_is_escaped(client):
    client.post("/sign-in", data={"csrf_token": csrf_token(client),
                                  "email": "x@example.org\nFAKE", "password": "whatever"})
    # The malformed email fails validation before any lookup: nothing forged gets in.
    events = db.session.scalars(select(AuditEvent)).all()
    assert all("\n" not in (e.actor_email or "") for e in events)


def test_details_are_escaped(app):
    with app.test_request_context():
        event = record("test.event", actor_email="a\nb", note="line1\nline2")
        db.session.commit()
    assert event.actor_email == "a\\x0ab"
    assert event.details["note"] == "line1\\x0aline2"


def test_events_cannot_be_changed_or_deleted(app):
    with app.test_request_context():
        event = record("test.event")
        db.session.commit()
    event.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.commit()
    db.session.rollback()


def test_admin_lists_and_filters_the_log(client, signed_in, make_user, app):
    signed_in(Role.SECRETARIAT_ADMIN)
    other = make_user(Role.FOCAL_POINT, "MEX")
    visitor = app.test_client()
    visitor.post("/sign-in", data={"csrf_token": csrf_token(visitor), "email": other.email,
                                   "password": "wrong"})
    html = client.get("/admin/audit?action=sign_in.success").get_data(as_text=True)
    assert "sign_in.success" in html
    assert "sign_in.failure" not in html
    html = client.get("/admin/audit?state=ZZZ").get_data(as_text=True)
    assert "No events match." in html


def test_role_change_and_deactivation_are_audited(client, signed_in, make_user):
    signed_in(Role.SECRETARIAT_ADMIN)
    target = make_user(Role.OBSERVER, "KEN")
    token = csrf_token(client, "/account")
    client.post(f"/admin/users/{target.id}/memberships",
                data={"csrf_token": token, "role": "contributor", "state": "KEN"})
    client.post(f"/admin/users/{target.id}/deactivate", data={"csrf_token": token})
    actions = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert "role.granted" in actions and "user.deactivated" in actions
    db.session.refresh(target)
    assert not target.active
    assert {m.role for m in target.memberships} == {Role.OBSERVER, Role.CONTRIBUTOR}
