"""Password resets and sign-in throttling (security review findings 3, 6, 7 and 12)."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from sqlalchemy import select

from models import AccountToken, AuditEvent, Role, SignInFailure, TokenPurpose, User, db, utcnow
from tests.conftest import PASSWORD, csrf_token, sign_in
from tests.test_accounts_links import link_in, mails

NEW = "another long and unusual passphrase"


def request_reset(client, email: str):
    return client.post("/password/reset", data={
        "csrf_token": csrf_token(client, "/password/reset"), "email": email})


def use_link(client, link: str, password: str = NEW):
    return client.post(link, data={"csrf_token": csrf_token(client, link), "password": password,
                                   "password_confirm": password})


def post_sign_in(client, email: str, password: str):
    return client.post("/sign-in", data={"csrf_token": csrf_token(client), "email": email,
                                         "password": password})


def test_a_reset_does_not_skip_the_second_factor(client, app, make_user):
    user = make_user(Role.FOCAL_POINT, "NOR")
    user.mfa_secret, user.mfa_enabled = pyotp.random_base32(), True
    db.session.commit()
    request_reset(client, user.email)
    response = use_link(client, link_in(mails(app)[-1]))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-in/code")
    assert client.get("/account").status_code == 302  # no page before the code
    code = pyotp.TOTP(user.mfa_secret).now()
    done = client.post("/sign-in/code", data={
        "csrf_token": csrf_token(client, "/sign-in/code"), "code": code})
    assert done.status_code == 302
    assert client.get("/account").status_code == 200


def test_reset_links_live_one_hour(client, app, make_user):
    user = make_user()
    request_reset(client, user.email)
    token = db.session.scalar(select(AccountToken).where(
        AccountToken.purpose == TokenPurpose.PASSWORD_RESET))
    assert timedelta(minutes=59) < token.expires_at - token.created_at <= timedelta(hours=1)
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get(link_in(mails(app)[-1])).status_code == 410


def test_using_one_reset_link_kills_the_others(client, app, make_user):
    user = make_user()
    request_reset(client, user.email)
    first = link_in(mails(app)[-1])
    request_reset(client, user.email)
    second = link_in(mails(app)[-1])
    assert first != second
    assert use_link(client, first).status_code == 302
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/account")})
    assert client.get(second).status_code == 410
    assert use_link(client, second, "yet another long passphrase here").status_code == 410


def main_of(page) -> str:
    html = page.get_data(as_text=True)
    return html[html.index("<main"):html.index("</main>")]


def test_reset_requests_are_limited_and_answered_alike(client, app, make_user):
    user = make_user()
    pages = [request_reset(client, user.email) for _ in range(5)]
    unknown = request_reset(client, "nobody@example.org")
    assert len(mails(app)) == app.config["RESET_MAX_PER_ACCOUNT"] == 3
    texts = {main_of(page).replace(user.email, "X") for page in pages}
    texts.add(main_of(unknown).replace("nobody@example.org", "X"))
    assert len(texts) == 1  # the same page every time, sent or not, account or not
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "password_reset.throttled"))


def test_reset_requests_are_limited_per_address(client, app, make_user):
    app.config["RESET_MAX_PER_ADDRESS"] = 4
    users = [make_user() for _ in range(6)]
    for user in users:
        request_reset(client, user.email)
    assert len(mails(app)) == 4


def test_another_accounts_failures_do_not_lock_this_address(client, make_user):
    user = make_user()
    for n in range(5):
        post_sign_in(client, f"guess{n}@example.org", "wrong password number x")
    for _ in range(5):
        post_sign_in(client, "victim@example.org", "wrong password number x")
    assert post_sign_in(client, user.email, PASSWORD).status_code == 302


def test_an_account_locked_from_elsewhere_still_opens_after_a_short_delay(
        app, client, make_user):
    """A guesser at another address slows the account down; they cannot shut it."""
    user = make_user()
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    for _ in range(5):
        post_sign_in(attacker, user.email, "wrong password number x")
    # Right after the fifth failure the account waits one second, from every address ...
    assert post_sign_in(client, user.email, PASSWORD).status_code == 429
    # ... and once that delay has passed, the right password opens it from another address.
    for row in db.session.scalars(select(SignInFailure)):
        row.occurred_at -= timedelta(seconds=2)
    db.session.commit()
    assert post_sign_in(client, user.email, PASSWORD).status_code == 302
    # The attacker's own address stays locked for this account.
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/account")})
    assert post_sign_in(attacker, user.email, PASSWORD).status_code == 429


def test_the_lock_message_links_to_the_reset(client, make_user):
    user = make_user()
    for _ in range(5):
        post_sign_in(client, user.email, "wrong password number x")
    page = post_sign_in(client, user.email, PASSWORD)
    assert page.status_code == 429
    assert 'href="/password/reset"' in main_of(page).split("<form")[0]


def test_the_per_address_limit_is_much_higher(app, client):
    app.config["THROTTLE_MAX_FAILURES_PER_ADDRESS"] = 12
    for n in range(12):
        assert post_sign_in(client, f"guess{n}@example.org", "wrong password x").status_code \
            == 200
    assert post_sign_in(client, "another@example.org", "wrong password x").status_code == 429


def test_failed_attempt_records_expire(client, make_user):
    user = make_user()
    post_sign_in(client, user.email, "wrong password number x")
    for row in db.session.scalars(select(SignInFailure)):
        row.occurred_at = utcnow() - timedelta(days=2)
    db.session.commit()
    post_sign_in(client, "someone@example.org", "wrong password number x")
    keys = set(db.session.scalars(select(SignInFailure.key)))
    assert not any(user.email in key for key in keys)
    assert any("someone@example.org" in key for key in keys)


def test_a_new_password_clears_the_accounts_failures(client, app, make_user):
    user = make_user()
    for _ in range(5):
        post_sign_in(client, user.email, "wrong password number x")
    request_reset(client, user.email)
    use_link(client, link_in(mails(app)[-1]))
    assert db.session.get(User, user.id) is not None
    assert not any(key.startswith("account:") for key in
                   db.session.scalars(select(SignInFailure.key)))
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/account")})
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    sign_in(other, user, NEW)
