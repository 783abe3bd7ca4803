"""Every POST refuses a request without a valid CSRF token; no GET changes anything."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import AuditEvent, Role, db
from tests.conftest import csrf_token
from tests.security.db_state import READ_BOOKKEEPING, changed_tables, folder_listing, table_rows
from tests.security.endpoints import ANSWERS_OVER_500, API, ENDPOINTS, JSON_ENDPOINTS, targets
from tests.security.world import ANONYMOUS, ROLES, api_headers, client_as
from web.workspace.attachments import storage_dir

#: Audit events a read may leave (who downloaded what): a record of the read, not a change.
READ_AUDIT_ACTIONS = {"pdf.downloaded"}
#: Viewing a section records who is looking at it ("also editing" hints): by design.
READ_SIDE_EFFECT_TABLES = frozenset({"presence", "audit_event"})


def test_a_csrf_refusal_shows_what_was_typed(client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    response = client.post("/admin/invitations", data={
        "csrf_token": "stale", "email": "kept@example.org", "role": "observer"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kept@example.org" in html
    assert "nothing was changed" in html


def _ken_form(world) -> dict[str, str]:
    """A form each POST would act on if its token were accepted."""
    return {"body": "should not be posted", "comment": "x", "certified_name": "Someone",
            "certify": "yes", "revision": str(world.ken.response.revision),
            "email": "newcomer@ken.example.org", "role": "observer", "state": "KEN",
            "gen__institution": "should not be saved", "password": "x", "go": "stay"}


@pytest.mark.slow
@pytest.mark.parametrize("role", [ANONYMOUS, "secretariat-admin", "focal-point"])
def test_every_post_refuses_missing_wrong_or_foreign_csrf_tokens(app, world, role):
    client = client_as(app, world, role)
    other = client_as(app, world, "contributor")
    foreign_token = csrf_token(other, "/account")  # valid, but for another session
    before = table_rows(exclude=frozenset({"audit_event"}))
    uploads = folder_listing(storage_dir())
    posts = targets(app, world, world.ken, mixed=False, methods=frozenset({"POST"}),
                    self_session=True)
    assert len(posts) > 20
    problems = []
    for target in posts:
        for token in (None, "not-a-token", foreign_token):
            data = _ken_form(world)
            headers = {}
            if token is not None:
                data["csrf_token"] = token
            if target.endpoint in JSON_ENDPOINTS:
                headers = {"X-Requested-With": "fetch", "X-CSRFToken": token or ""}
            status = client.post(target.url, data=data, headers=headers).status_code
            if status != 400:
                problems.append(f"POST {target.url} with token {token!r}: {status}")
    assert problems == []
    assert changed_tables(before, table_rows(exclude=frozenset({"audit_event"}))) == []
    assert folder_listing(storage_dir()) == uploads
    if role != ANONYMOUS:  # not even the sign-out went through
        assert client.get("/account").status_code == 200


def test_a_valid_token_is_accepted_so_the_refusals_mean_something(app, world):
    client = client_as(app, world, "focal-point")
    token = csrf_token(client, "/account")
    response = client.post(f"/states/KEN/cycles/{world.cycle.id}/comments",
                           data={"csrf_token": token, "body": "A real comment"})
    assert response.status_code == 302


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_get_changes_state(app, world, role):
    client = client_as(app, world, role)
    before = table_rows(exclude=READ_SIDE_EFFECT_TABLES, blank=READ_BOOKKEEPING)
    last_event = db.session.scalar(select(db.func.max(AuditEvent.id))) or 0
    files = folder_listing(storage_dir())
    gets = [t for objects in (world.ken, world.mex)
            for t in targets(app, world, objects, methods=frozenset({"GET"}))]
    assert len(gets) > 30
    for target in gets:
        headers = api_headers(world, role) if ENDPOINTS[target.endpoint] == API else {}
        status = client.get(target.url, headers=headers).status_code
        assert status < 500 or (target.endpoint, status) in ANSWERS_OVER_500, target.url
    after = table_rows(exclude=READ_SIDE_EFFECT_TABLES, blank=READ_BOOKKEEPING)
    assert changed_tables(before, after) == []
    new_actions = set(db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.id > last_event)))
    assert new_actions <= READ_AUDIT_ACTIONS
    assert folder_listing(storage_dir()) == files
