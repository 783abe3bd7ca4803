"""Opening reporting cycles."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Cycle, CycleStatus, Response, Role, WorkflowState, db
from tests.conftest import csrf_token


def test_admin_opens_a_cycle_for_selected_states(client, signed_in, version):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/cycles/")
    response = client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "2026 cycle", "version": version.id,
        "opens": "2026-01-15", "deadline": "2026-12-31", "scope": "some", "states": "ken, mex NOR"})
    assert response.status_code == 302, response.get_data(as_text=True)
    cycle = db.session.scalar(select(Cycle))
    states = sorted(db.session.scalars(select(Response.state_iso3)))
    assert states == ["KEN", "MEX", "NOR"]
    assert all(r.workflow_state is WorkflowState.NOT_STARTED
               for r in db.session.scalars(select(Response)))
    assert cycle.questionnaire_version_id == version.id
    assert cycle.opens_on.isoformat() == "2026-01-15"


def test_all_states_and_form_errors(client, signed_in, version):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/cycles/")
    bad = client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "", "version": version.id, "opens": "2026-01-01",
        "deadline": "tomorrow",
        "scope": "some", "states": "KEN ZZZ"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Unknown State codes: ZZZ." in html and "KEN ZZZ" in html
    client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "All", "version": version.id, "opens": "2026-01-01",
        "deadline": "2026-12-31", "scope": "all"})
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


def test_a_deadline_before_the_opening_date_is_refused(client, signed_in, version):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/cycles/")
    bad = client.post("/secretariat/cycles/", data={
        "csrf_token": token, "name": "Backwards", "version": version.id, "opens": "2027-03-01",
        "deadline": "2027-01-31", "scope": "all"})
    assert bad.status_code == 400
    assert "The deadline cannot be before the opening date." in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Cycle)) == 0


def test_admin_closes_a_cycle_on_the_page(client, signed_in, cycle):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/cycles/")
    assert client.post(f"/secretariat/cycles/{cycle.id}/close",
                       data={"csrf_token": token}).status_code == 302
    db.session.refresh(cycle)
    assert cycle.status is CycleStatus.CLOSED
    again = client.post(f"/secretariat/cycles/{cycle.id}/close", data={"csrf_token": token})
    assert again.status_code == 409


def test_reviewers_cannot_close(client, signed_in, cycle):
    signed_in(Role.SECRETARIAT_REVIEWER)
    token = csrf_token(client, "/secretariat/cycles/")
    assert client.post(f"/secretariat/cycles/{cycle.id}/close",
                       data={"csrf_token": token}).status_code == 403
    db.session.refresh(cycle)
    assert cycle.status is CycleStatus.OPEN
