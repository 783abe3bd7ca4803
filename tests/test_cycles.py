"""Opening reporting cycles."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Cycle, Response, Role, WorkflowState, db
from tests.conftest import csrf_token


def test_admin_opens_a_cycle_for_selected_states(client, signed_in, version):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/cycles/")
    response = client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "2026 cycle", "version": version.id,
        "deadline": "2026-12-31", "scope": "some", "states": "ken, mex NOR"})
    assert response.status_code == 302, response.get_data(as_text=True)
    cycle = db.session.scalar(select(Cycle))
    states = sorted(db.session.scalars(select(Response.state_iso3)))
    assert states == ["KEN", "MEX", "NOR"]
    assert all(r.workflow_state is WorkflowState.NOT_STARTED
               for r in db.session.scalars(select(Response)))
    assert cycle.questionnaire_version_id == version.id


def test_all_states_and_form_errors(client, signed_in, version):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/cycles/")
    bad = client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "", "version": version.id, "deadline": "tomorrow",
        "scope": "some", "states": "KEN ZZZ"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Unknown State codes: ZZZ." in html and "KEN ZZZ" in html
    client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "All", "version": version.id, "deadline": "2026-12-31",
        "scope": "all"})
    assert db.session.scalar(select(func.count()).select_from(Response)) == 198


def test_reviewers_see_but_cannot_open_and_states_are_refused(client, signed_in, version):
    signed_in(Role.SECRETARIAT_REVIEWER)
    assert client.get("/secretariat/cycles/").status_code == 200
    token = csrf_token(client, "/secretariat/cycles/")
    client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "x", "version": version.id, "deadline": "2026-12-31",
        "scope": "all"})
    assert db.session.scalar(select(func.count()).select_from(Cycle)) == 0


def test_state_users_are_refused(client, signed_in):
    signed_in(Role.FOCAL_POINT, "KEN")
    assert client.get("/secretariat/cycles/").status_code == 403


def test_home_lists_the_open_response(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    html = client.get("/").get_data(as_text=True)
    assert f"/states/KEN/cycles/{cycle.id}/" in html
