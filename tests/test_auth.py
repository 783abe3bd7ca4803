"""Signing in and out: messages, sessions, throttling, timeouts."""

from __future__ import annotations

import time

from sqlalchemy import select

from models import AuditEvent, Role, db
from tests.conftest import PASSWORD, csrf_token, sign_in


def post_sign_in(client, email, password):
    return client.post("/sign-in", data={"csrf_token": csrf_token(client), "email": email,
                                         "password": password})


def actions() -> list[str]:
    db.session.expire_all()
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_sign_in_success_renews_the_session_and_is_audited(client, make_user):
    user = make_user(Role.FOCAL_POINT, "KEN")
    client.get("/sign-in")
    with client.session_transaction() as sess:
        sess["planted"] = "fixation"
    response = sign_in(client, user)
    assert response.headers["Location"].endswith("/")
    with client.session_transaction() as sess:
        assert "planted" not in sess  # a fresh session, not the one from before
        user_id, _, key = sess["_user_id"].partition(":")
        assert user_id == str(user.id) and len(key) > 30  # a server-side session's key
    assert client.get("/").status_code == 200
    assert "sign_in.success" in actions()


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user):
    user = make_user()
    wrong = post_sign_in(client, user.email, "not the right password at all")
    unknown = post_sign_in(client, "nobody@example.org", "not the right password at all")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "The email address or password is not correct." in response.get_data(as_text=True)
    # The email typed is kept in the form.
    assert 'value="nobody@example.org"' in unknown.get_data(as_text=True)
    assert actions().count("sign_in.failure") == 2


def test_malformed_email_is_a_message_at_the_field(client):
    response = post_sign_in(client, "not-an-email", "whatever password")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in html
    assert 'value="not-an-email"' in html
    assert 'href="#email"' in html  # the error summary links to the field


def test_five_failures_for_one_account_then_429(client, make_user):
    user = make_user()
    for _ in range(5):
        assert post_sign_in(client, user.email, "wrong password number x").status_code == 200
    throttled = post_sign_in(client, user.email, PASSWORD)
    assert throttled.status_code == 429
    assert "Too many failed attempts" in throttled.get_data(as_text=True)
    assert "sign_in.throttled" in actions()


def test_throttling_by_address_covers_many_accounts(app, client):
    app.config["THROTTLE_MAX_FAILURES_PER_ADDRESS"] = 6
    for n in range(6):
        post_sign_in(client, f"guess{n}@example.org", "wrong password number x")
    assert post_sign_in(client, "another@example.org", "wrong password x").status_code == 429


def test_throttle_counters_are_shared_between_app_processes(make_app, make_user, app):
    """Two app instances (as two server processes would be) see the same counters."""
    user = make_user()
    other = make_app(schema=False)
    first, second = app.test_client(), other.test_client()
    for n in range(5):
        client = first if n % 2 else second
        post_sign_in(client, user.email, "wrong password number x")
    assert post_sign_in(first, user.email, PASSWORD).status_code == 429
    assert post_sign_in(second, user.email, PASSWORD).status_code == 429


def test_sign_out_ends_the_session(client, signed_in):
    signed_in()
    token = csrf_token(client, "/")
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/").headers["Location"].endswith("/sign-in")
    assert "sign_out" in actions()


def test_idle_timeout_ends_the_session(client, signed_in):
    signed_in()
    with client.session_transaction() as sess:
        sess["last_seen"] = int(time.time()) - 31 * 60
    response = client.get("/account")
    assert response.status_code == 302
    assert "/sign-in?next=" in response.headers["Location"]
    assert client.get("/account").status_code == 302


def test_absolute_timeout_ends_the_session(client, signed_in):
    signed_in()
    with client.session_transaction() as sess:
        sess["signed_in_at"] = int(time.time()) - 13 * 3600
    assert client.get("/account").status_code == 302


def test_timeouts_are_configurable(make_app, make_user):
    app = make_app(SESSION_IDLE_MINUTES=1)
    client = app.test_client()
    with app.app_context():
        user = make_user()
        sign_in(client, user)
    with client.session_transaction() as sess:
        sess["last_seen"] = int(time.time()) - 90
    assert client.get("/account").status_code == 302


def test_deactivated_user_is_signed_out_at_once(client, signed_in):
    user = signed_in()
    from services.team import deactivate

    deactivate(user)
    db.session.commit()
    assert client.get("/account").status_code == 302
    # And cannot sign in again, with the usual message.
    response = post_sign_in(client, user.email, PASSWORD)
    assert "The email address or password is not correct." in response.get_data(as_text=True)


def test_open_redirect_after_sign_in_is_refused(client, make_user):
    user = make_user()
    token = csrf_token(client)
    response = client.post("/sign-in?next=//evil.example/x", data={
        "csrf_token": token, "email": user.email, "password": PASSWORD})
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_safe_next_is_followed(client, make_user):
    user = make_user()
    token = csrf_token(client)
    response = client.post("/sign-in?next=/account", data={
        "csrf_token": token, "email": user.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/account")


def test_language_switch_is_a_post_and_remembered(client, signed_in):
    user = signed_in()
    token = csrf_token(client, "/")
    client.post("/language", data={"csrf_token": token, "lang": "fr", "next": "/account"})
    db.session.refresh(user)
    assert user.locale == "fr"
    assert client.get("/language").status_code == 405
