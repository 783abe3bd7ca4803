"""Every endpoint x every role x Mexico's objects: Kenya's people never read or write them.

The URL list comes from ``app.url_map`` through ``tests.security.endpoints``.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from models import db
from models.outbox import OutboxMessage
from questionnaire.fields.base import field_name
from tests.conftest import csrf_token
from tests.security.db_state import READ_BOOKKEEPING, changed_tables, folder_listing, table_rows
from tests.security.endpoints import (
    ADMIN,
    ANSWERS_OVER_500,
    API,
    ENDPOINTS,
    JSON_ENDPOINTS,
    PUBLIC,
    REFUSED,
    SECRETARIAT_ONLY,
    SENT_TO_SIGN_IN,
    STATE,
    Target,
    targets,
)
from tests.security.world import (
    ANONYMOUS,
    MARKER,
    ROLES,
    SECRETARIAT,
    STATE_ROLES,
    World,
    api_headers,
    client_as,
)
from web.workspace.attachments import storage_dir


def expected(kind: str, role: str, target: Target) -> set[int] | None:
    """The statuses allowed for ``role``; None means any answer below 500."""
    if kind == API:
        return {401} if role == ANONYMOUS else (None if role in SECRETARIAT else {403})
    if role == ANONYMOUS:
        return None if kind == PUBLIC else SENT_TO_SIGN_IN
    if kind == ADMIN:
        return None if role == "secretariat-admin" else {403}
    if kind == SECRETARIAT_ONLY:
        return None if role in SECRETARIAT else {403}
    if kind == STATE:
        if role in STATE_ROLES or target.mixed:
            return REFUSED
        return None
    return None


def post_data(world: World, token: str) -> dict[str, str]:
    """A form that would change something if it were accepted."""
    data = {
        "csrf_token": token, "body": "KEN-WAS-HERE", "comment": "KEN-WAS-HERE",
        "revision": str(world.mex.response.revision), "certified_name": "KEN-WAS-HERE",
        "certify": "yes", "email": "intruder@ken.example.org", "role": "contributor",
        "state": "MEX", "token": "x" * 32, "key": "gen.institution",
        "choice__gen.institution": "mine", "mine__gen.institution": '"KEN-WAS-HERE"',
        "version__gen.institution": "1", "m1-sections": world.sections[0],
    }
    data[field_name("gen.institution")] = "KEN-WAS-HERE"
    return data


#: Compared otherwise: audit events record reads; queued mail is checked by recipient.
UNCOMPARED = frozenset({"audit_event", "outbox_message",
                        "sign_in_failure"})  # throttle counts: reset requests count too


def queued_mail() -> set[tuple[str, str]]:
    db.session.expire_all()
    return {(m.recipient, m.template) for m in db.session.scalars(select(OutboxMessage))}


def sweep(app: Flask, world: World, role: str, client: FlaskClient) -> list[str]:
    """Request every target as ``role`` on ``client``; the list of unexpected answers."""
    token = csrf_token(client, "/sign-in" if role == ANONYMOUS else "/account")
    problems = []
    for target in targets(app, world, world.mex):
        kind = ENDPOINTS[target.endpoint]
        if target.method == "POST" and kind == SECRETARIAT_ONLY and role in SECRETARIAT:
            continue  # their own tools (reports, reminders): nothing of a State's to guard
        headers = api_headers(world, role) if kind == API else {}
        if target.endpoint in JSON_ENDPOINTS:
            headers = {"X-Requested-With": "fetch", "X-CSRFToken": token}
        if target.method == "GET":
            response = client.get(target.url, headers=headers)
        else:
            response = client.post(target.url, data=post_data(world, token), headers=headers)
        allowed = expected(kind, role, target)
        status = response.status_code
        failed = status >= 500 and (target.endpoint, status) not in ANSWERS_OVER_500
        if failed or (allowed is not None and status not in allowed):
            problems.append(f"{target.method} {target.url}: {status}, expected "
                            f"{sorted(allowed) if allowed else '< 500'}")
        if role in STATE_ROLES and MARKER.encode() in response.get_data():
            problems.append(f"{target.method} {target.url}: Mexico's data in the answer")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_cross_state_read_or_write(app, world, role):
    client = client_as(app, world, role)
    before = table_rows(exclude=UNCOMPARED, blank=READ_BOOKKEEPING)
    mail_before = queued_mail()
    files_before = folder_listing(storage_dir())
    problems = sweep(app, world, role, client)
    assert problems == []
    if role in STATE_ROLES or role == ANONYMOUS:
        after = table_rows(exclude=UNCOMPARED, blank=READ_BOOKKEEPING)
        assert changed_tables(before, after) == []
        # The one mail a sweep may cause: the public password-reset form, for the address the
        # sweep typed (the same work is done whether an account exists or not).
        assert queued_mail() - mail_before <= {("intruder@ken.example.org", "password_reset")}
        assert folder_listing(storage_dir()) == files_before


def test_sweep_covers_every_workspace_endpoint_with_mexico(app, world):
    """The target list really names Mexico's objects (guards against a vacuous sweep)."""
    found = targets(app, world, world.mex)
    mex_urls = [t.url for t in found if t.url.startswith("/states/MEX/")]
    workspace = {e for e, kind in ENDPOINTS.items() if kind == STATE}
    assert {t.endpoint for t in found if t.url.startswith("/states/MEX/")} == workspace
    assert any(world.mex.attachment_id in url for url in mex_urls)
    assert any(t.mixed and world.mex.attachment_id in t.url for t in found)


def test_the_sweep_would_see_a_leak(app, world):
    """A secretariat reviewer does read Mexico's data: the marker check can fire."""
    client = client_as(app, world, "secretariat-reviewer")
    html = client.get(f"/states/MEX/cycles/{world.cycle.id}/sections/general").get_data()
    assert MARKER.encode() in html
