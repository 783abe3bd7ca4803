"""Crafted numbers and values in URLs and forms are a 404 or a plain save, never a 500
(security review 15)."""

from __future__ import annotations

import pytest

from models import Role
from tests.conftest import csrf_token
from tests.security.test_trusted_links import _cycle_and_definition

HUGE = "99999999999999999999"


@pytest.fixture
def cycle_id(app) -> int:
    cycle, _ = _cycle_and_definition()
    return cycle.id


@pytest.mark.parametrize(("role", "state", "path"), [
    (Role.SECRETARIAT_ADMIN, None, f"/admin/users?page={HUGE}"),
    (Role.SECRETARIAT_ADMIN, None, f"/admin/audit?page={HUGE}"),
    (Role.SECRETARIAT_ADMIN, None, f"/admin/users/{HUGE}"),
    (Role.SECRETARIAT_ADMIN, None, f"/secretariat/?cycle={HUGE}"),
    (Role.SECRETARIAT_ADMIN, None, f"/secretariat/reports?page={HUGE}"),
    (Role.FOCAL_POINT, "KEN", f"/states/KEN/cycles/{HUGE}/"),
    (Role.FOCAL_POINT, "KEN", "/states/KEN/cycles/{cycle}/history?page=" + HUGE),
    (Role.FOCAL_POINT, "KEN", "/states/KEN/cycles/{cycle}/diff?from=" + HUGE),
    (Role.FOCAL_POINT, "KEN", "/states/KEN/cycles/{cycle}/pdf?snapshot=" + HUGE),
])
def test_oversized_numbers_are_not_a_server_error(client, signed_in, cycle_id, role, state,
                                                   path):
    signed_in(role, state)
    response = client.get(path.format(cycle=cycle_id))
    assert response.status_code in (200, 404), (path, response.status_code)


@pytest.mark.parametrize("row_action", ["nocolon", "add:", "add:x\r\nSet-Cookie: a=b",
                                        "remove:../../x"])
def test_a_malformed_row_action_is_an_ordinary_save(client, signed_in, cycle_id, row_action):
    signed_in(Role.FOCAL_POINT, "KEN")
    path = f"/states/KEN/cycles/{cycle_id}/sections/general"
    response = client.post(path, data={"csrf_token": csrf_token(client, path),
                                       "row_action": row_action})
    assert response.status_code == 302
    assert "Set-Cookie: a=b" not in response.headers.get("Location", "")
