"""Secretariat pages: access, bounded SQL, filters, CSV, reminders; the API's tokens."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import ApiToken, AuditEvent, Response, Role, WorkflowState, db, utcnow
from services.api_tokens import issue_api_token
from tests.conftest import csrf_token
from tests.secretariat.conftest import count_queries
from web.mail_delivery import sweep

SMALL = ["KEN", "MEX", "NOR"]
LARGER = [*SMALL, "FRA", "BRA", "CHN", "IND", "NGA", "EGY", "POL", "RUS", "ARG"]
PAGES = ["/secretariat/", "/secretariat/aggregate", "/secretariat/gaps", "/secretariat/reports",
         "/secretariat/api-tokens", "/secretariat/dashboard.csv", "/secretariat/gaps/KEN"]


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.CONTRIBUTOR, Role.OBSERVER])
def test_secretariat_pages_are_forbidden_to_state_roles(client, signed_in, seed_states, role):
    seed_states(SMALL)
    signed_in(role, "KEN")
    for url in PAGES:
        assert client.get(url).status_code == 403, url


def test_secretariat_pages_send_anonymous_visitors_to_sign_in(client, seed_states):
    seed_states(SMALL)
    for url in PAGES:
        assert client.get(url).status_code == 302, url


def test_secretariat_pages_render_for_the_secretariat(client, signed_in, seed_states):
    seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get("/secretariat/").get_data(as_text=True)
    assert "Kenya" in page and "Norway" in page


def _queries_for(client, url: str) -> int:
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


@pytest.mark.parametrize("url", ["/secretariat/", "/secretariat/aggregate",
                                 "/secretariat/aggregate?section=op1_legislation&accepted=1",
                                 "/secretariat/gaps", "/secretariat/dashboard.csv"])
def test_queries_do_not_grow_with_the_number_of_states(client, signed_in, seed_states, url):
    signed_in(Role.SECRETARIAT_ADMIN)
    seed_states(SMALL)
    few = _queries_for(client, url)
    seed_states(LARGER)
    many = _queries_for(client, url)
    assert many == few, f"{url}: {few} queries for 3 States, {many} for 12"


def test_dashboard_filters_and_csv(client, signed_in, seed_states):
    seed_states(SMALL)
    from services.secretariat import latest_cycle

    db.session.add(Response(cycle_id=latest_cycle().id, state_iso3="NGA"))  # invited, silent
    db.session.commit()
    signed_in(Role.SECRETARIAT_ADMIN)
    page = client.get("/secretariat/?group=african").get_data(as_text=True)
    # The review queue above it lists every submission whatever the filters.
    invited = page.split(">Invited States<", 1)[1]
    assert "Kenya" in invited and "Mexico" not in invited
    # Only a State that has submitted has a gap profile to link to.
    assert "/secretariat/gaps/KEN" in page
    assert "Nigeria" in invited and "/secretariat/gaps/NGA" not in page
    data = client.get("/secretariat/dashboard.csv?group=western_european_other").get_data()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark, like every CSV export
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["iso3"] for row in rows] == ["NOR"]
    from models import Submission
    from services.dashboard import completion
    from services.secretariat import cycle_definition, latest_cycle

    answers = db.session.scalar(select(Submission.answers).join(
        Response, Submission.response_id == Response.id).where(Response.state_iso3 == "NOR"))
    answered, relevant = completion(cycle_definition(latest_cycle()), answers)
    assert 0 < relevant / 2 < answered <= relevant
    # Filling progress in counts, never a percentage of a named State (issue #13).
    assert (rows[0]["questions_answered"], rows[0]["questions_relevant"]) == \
        (str(answered), str(relevant))
    assert not any("percent" in column for column in rows[0])
    page = client.get("/secretariat/").get_data(as_text=True)
    assert f"{answered} of {relevant} questions" in page
    assert "%</td>" not in page and "<progress" not in page
    assert rows[0]["workflow_state"] in {"submitted", "accepted"}


def test_reminders_go_once_a_day_to_states_that_have_not_submitted(
        app, client, signed_in, make_user, seed_states):
    result = seed_states(SMALL)
    # Kenya goes back to work: it has not submitted any more.
    response = db.session.scalar(select(Response).where(Response.state_iso3 == "KEN"))
    response.workflow_state = WorkflowState.RETURNED
    db.session.commit()
    signed_in(Role.SECRETARIAT_ADMIN)
    # First the confirmation: who would be mailed; nothing is sent by looking.
    confirm = f"/secretariat/reminders?cycle={result.cycle.id}"
    page = client.get(confirm).get_data(as_text=True)
    assert "focal points of 1 State that has not submitted" in page
    assert "Kenya" in page and "focal.ken@envsaq.example" in page and "Norway" not in page
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "reminder.sent")) == 0
    token = csrf_token(client, confirm)
    assert client.post("/secretariat/reminders",
                       data={"csrf_token": token, "cycle": result.cycle.id}).status_code == 302
    sent = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "reminder.sent")))
    assert [event.state_iso3 for event in sent] == ["KEN"]
    assert sweep() == 1  # queued by the request, sent by the worker's outbox sweep
    outbox = list((Path(app.config["INSTANCE_PATH"]) / "mail").glob("*.eml"))
    assert any(b"focal.ken@envsaq.example" in path.read_bytes() for path in outbox)
    # A second click the same day sends nothing more.
    client.post("/secretariat/reminders", data={"csrf_token": token, "cycle": result.cycle.id})
    again = db.session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "reminder.sent"))
    assert again == 1
    assert "No State is due a reminder now." in client.get(confirm).get_data(as_text=True)


def test_api_needs_a_token(client, seed_states):
    seed_states(SMALL)
    # /api/openapi.json is public (security review, API contract): it describes, never serves.
    for url in ["/api/states", "/api/cycles", "/api/cycles/1/responses",
                "/api/cycles/1/submissions"]:
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/states", headers={"Authorization": "Bearer nonsense"}
                      ).status_code == 401


def test_api_with_a_token_pages_and_describes_itself(client, make_user, seed_states):
    result = seed_states(SMALL)
    user = make_user(Role.SECRETARIAT_REVIEWER)
    _token, secret = issue_api_token(user, "analysis")
    db.session.commit()
    auth = {"Authorization": f"Bearer {secret}"}
    states = client.get("/api/states?per_page=50", headers=auth).get_json()
    assert states["total"] == 198 and len(states["data"]) == 50 and states["pages"] == 4
    assert states["next"] and states["previous"] is None
    responses = client.get(f"/api/cycles/{result.cycle.id}/responses", headers=auth).get_json()
    assert {r["state"] for r in responses["data"]} == set(SMALL)
    assert all(r["latest_submission"] == 1 for r in responses["data"])
    submissions = client.get(f"/api/cycles/{result.cycle.id}/submissions?state=ken",
                             headers=auth).get_json()
    assert submissions["total"] == 1
    assert submissions["data"][0]["answers"]["op1.leg.serious_crime"]
    document = client.get("/api/openapi.json", headers=auth).get_json()
    assert document["openapi"].startswith("3.1")
    assert "/cycles/{cycle_id}/submissions" in document["paths"]
    stored = db.session.scalar(select(ApiToken))
    assert secret not in (stored.token_hash, stored.prefix) and stored.last_used_at is not None


def test_api_refuses_revoked_tokens_and_state_users(client, make_user, seed_states):
    seed_states(SMALL)
    focal = make_user(Role.FOCAL_POINT, "KEN")
    _token, secret = issue_api_token(focal, "not allowed")
    db.session.commit()
    assert client.get("/api/states", headers={"Authorization": f"Bearer {secret}"}
                      ).status_code == 403
    reviewer = make_user(Role.SECRETARIAT_REVIEWER)
    token, secret = issue_api_token(reviewer, "revoked")
    token.revoked_at = utcnow()
    db.session.commit()
    assert client.get("/api/states", headers={"Authorization": f"Bearer {secret}"}
                      ).status_code == 401


def test_token_page_creates_and_revokes(client, signed_in):
    user = signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/api-tokens")
    page = client.post("/secretariat/api-tokens", data={"csrf_token": token, "name": "R script"}
                       ).get_data(as_text=True)
    stored = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert stored.prefix in page and "R script" in page
    client.post(f"/secretariat/api-tokens/{stored.id}/revoke", data={"csrf_token": token})
    db.session.refresh(stored)
    assert stored.revoked_at is not None


def test_mails_are_plain_text_not_escaped_html(app):
    from web.mail import send_template

    with app.test_request_context():
        message = send_template("focal@example.org", "reminder", "fr", cycle="Cycle A & B",
                                deadline="2026-12-31", link="https://envsaq.example/x",
                                state="Côte d'Ivoire")
    body = message.get_content()
    assert "Côte d'Ivoire" in body and "Cycle A & B" in body
    assert "&#39;" not in body and "&amp;" not in body
