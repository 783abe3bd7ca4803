"""Links come from ``ENVSAQ_BASE_URL``, never from the request; other hosts are refused.

Security review, finding 1 (and the API half of 17): a forged ``Host`` header sent reset and
invitation secrets to the attacker's domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from models import Role
from tests.conftest import csrf_token, sign_in
from tests.workspace.test_workspace import fill_completely, hidden
from tests.workspace.workspace_fixtures import response_of
from web.mail_delivery import sweep

BASE = "https://envsaq.example.org"
EVIL = "evil.example"


def outbox(app) -> list[str]:
    """The mail sent, after the outbox sweep the job worker runs."""
    with app.app_context():
        sweep()
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    return [p.read_text() for p in folder.glob("*.eml")] if folder.exists() else []


def links(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def _reset(client: FlaskClient, make_user, cycle, definition) -> None:
    user = make_user(Role.FOCAL_POINT, "KEN")
    client.post("/password/reset", data={"csrf_token": csrf_token(client, "/password/reset"),
                                         "email": user.email})


def _admin_invitation(client: FlaskClient, make_user, cycle, definition) -> None:
    sign_in(client, make_user(Role.SECRETARIAT_ADMIN))
    client.post("/admin/invitations", data={
        "csrf_token": csrf_token(client, "/admin/invitations"), "email": "new@example.org",
        "role": "focal-point", "state": "KEN"})


def _team_invitation(client: FlaskClient, make_user, cycle, definition) -> None:
    sign_in(client, make_user(Role.FOCAL_POINT, "KEN"))
    path = f"/states/KEN/cycles/{cycle.id}/team"
    client.post(path, data={"csrf_token": csrf_token(client, path), "email": "new@example.org",
                            "role": "contributor"})


def _submission(client: FlaskClient, make_user, cycle, definition) -> None:
    make_user(Role.SECRETARIAT_REVIEWER)  # told of the submission
    user = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, user)
    fill_completely(cycle, definition, user)
    path = f"/states/KEN/cycles/{cycle.id}/submit"
    html = client.get(path).get_data(as_text=True)
    client.post(path, data={"csrf_token": hidden(html, "csrf_token"),
                            "revision": hidden(html, "revision"),
                            "certified_name": "Jane Doe", "certify": "yes"})


def _reminders(client: FlaskClient, make_user, cycle, definition) -> None:
    make_user(Role.FOCAL_POINT, "KEN")
    response_of(cycle, "KEN")
    sign_in(client, make_user(Role.SECRETARIAT_ADMIN))
    client.post("/secretariat/reminders", data={
        "csrf_token": csrf_token(client, "/secretariat/"), "cycle": cycle.id})


MAILING_FORMS: dict[str, Callable] = {
    "password reset": _reset, "admin invitation": _admin_invitation,
    "team invitation": _team_invitation, "workflow mail": _submission,
    "reminders": _reminders,
}


@pytest.mark.parametrize("form", MAILING_FORMS)
def test_a_forged_host_never_reaches_a_mail(make_app, make_user, form):
    """Host checks switched off (``TRUSTED_HOSTS=[]``): the mail still holds the base URL."""
    app = make_app(SERVER_NAME=EVIL, BASE_URL=BASE, TRUSTED_HOSTS=[])
    with app.app_context():
        client = app.test_client()
        cycle, definition = _cycle_and_definition()
        MAILING_FORMS[form](client, make_user, cycle, definition)
        mails = outbox(app)
        assert mails, f"{form}: no mail was sent"
        for mail in mails:
            assert EVIL not in mail
            assert links(mail) and all(link.startswith(BASE + "/") for link in links(mail))


@pytest.mark.parametrize("form", MAILING_FORMS)
def test_a_request_for_another_host_is_refused(make_app, make_user, form):
    app = make_app(SERVER_NAME=EVIL, BASE_URL=BASE)
    with app.app_context():
        client = app.test_client()
        assert client.get("/password/reset").status_code == 400
        cycle, definition = _cycle_and_definition()
        with pytest.raises(AssertionError):  # not even the form's token is given out
            MAILING_FORMS[form](client, make_user, cycle, definition)
        assert outbox(app) == []


def _cycle_and_definition():
    from datetime import date

    from models import db
    from services.cycles import create_cycle
    from services.definitions import DEFAULT_DEFINITION, definition_of, publish

    version, _ = publish(DEFAULT_DEFINITION)
    cycle = create_cycle("2026 reporting cycle", version, date(2026, 12, 31), ["KEN", "MEX"], None)
    db.session.commit()
    return cycle, definition_of(version)


@pytest.mark.parametrize(("host", "env", "status"), [
    ("envsaq.example.org", "development", 200),
    ("envsaq.example.org:8443", "production", 200),
    ("127.0.0.1:5102", "development", 200),
    ("localhost", "development", 200),
    ("127.0.0.1", "production", 400),
    ("evil.example", "development", 400),
    ("evil.example:8443", "production", 400),
    ("127.0.0.1:5102@evil.example", "development", 400),
    ("envsaq.example.org.evil.example", "production", 400),
])
def test_only_the_base_urls_host_is_answered(make_app, host, env, status):
    app = make_app(BASE_URL=BASE, ENVSAQ_ENV=env, SESSION_COOKIE_SECURE=False)
    assert app.test_client().get("/sign-in", headers={"Host": host}).status_code == status


def test_more_hosts_can_be_named(make_app, monkeypatch):
    monkeypatch.setenv("ENVSAQ_TRUSTED_HOSTS", "internal.example.net")
    app = make_app(BASE_URL=BASE, ENVSAQ_ENV="production")
    client = app.test_client()
    assert client.get("/sign-in", headers={"Host": "internal.example.net"}).status_code == 200


def test_api_links_and_openapi_servers_use_the_base_url(make_app, make_user):
    from models import db
    from services.api_tokens import issue_api_token

    app = make_app(SERVER_NAME=EVIL, BASE_URL=BASE, TRUSTED_HOSTS=[])
    with app.app_context():
        admin = make_user(Role.SECRETARIAT_ADMIN)
        _, secret = issue_api_token(admin, "test")
        db.session.commit()
        client = app.test_client()
        headers = {"Authorization": f"Bearer {secret}"}
        document = client.get("/api/openapi.json", headers=headers).get_json()
        assert document["servers"][0]["url"] == BASE + "/api"
        page = client.get("/api/states?per_page=5", headers=headers).get_json()
        assert page["next"].startswith(BASE + "/api/states?")
        assert EVIL not in str(page)
