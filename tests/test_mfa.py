"""Two-factor sign-in: enrolment, codes used once, recovery codes, mandatory for staff."""

from __future__ import annotations

import re
import time

import pyotp

from models import Role, db
from tests.conftest import PASSWORD, csrf_token, sign_in


def enrol(client) -> tuple[str, list[str]]:
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'class="secret-key">([A-Z2-7]+)<', page).group(1)
    assert "<svg" in page  # the QR code is inline
    token = csrf_token(client, "/account")
    code = pyotp.TOTP(secret).now()
    response = client.post("/account/two-factor", data={"csrf_token": token, "code": code,
                                                         "password": PASSWORD})
    html = response.get_data(as_text=True)
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", html)
    assert len(codes) == 10, html
    return secret, codes


def sign_in_password(client, user):
    return client.post("/sign-in", data={"csrf_token": csrf_token(client), "email": user.email,
                                         "password": PASSWORD})


def test_enrolment_then_sign_in_needs_a_code_used_once(client, signed_in, app):
    user = signed_in()
    secret, codes = enrol(client)
    db.session.refresh(user)
    assert user.mfa_enabled
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})

    response = sign_in_password(client, user)
    assert response.headers["Location"].endswith("/sign-in/code")
    assert client.get("/account").status_code == 302  # not signed in yet
    totp = pyotp.TOTP(secret)
    # A code for the next time step, as the previous one may have been used at enrolment.
    code = totp.at(time.time() + 30)
    token = csrf_token(client, "/sign-in/code")
    assert client.post("/sign-in/code", data={"csrf_token": token, "code": code}).status_code == 302
    assert client.get("/account").status_code == 200

    # The same code a second time is refused.
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    sign_in_password(client, user)
    token = csrf_token(client, "/sign-in/code")
    response = client.post("/sign-in/code", data={"csrf_token": token, "code": code})
    assert "not correct, or has already been used" in response.get_data(as_text=True)

    # A recovery code works once.
    response = client.post("/sign-in/code", data={"csrf_token": token, "code": codes[0]})
    assert response.status_code == 302
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    sign_in_password(client, user)
    token = csrf_token(client, "/sign-in/code")
    response = client.post("/sign-in/code", data={"csrf_token": token, "code": codes[0]})
    assert response.status_code == 200


def test_wrong_enrolment_code_is_a_message(client, signed_in):
    signed_in()
    client.get("/account/two-factor")
    token = csrf_token(client, "/account")
    response = client.post("/account/two-factor", data={"csrf_token": token, "code": "000000",
                                                         "password": PASSWORD})
    assert "That code is not correct" in response.get_data(as_text=True)


def test_mandatory_for_secretariat_when_configured(make_app, make_user):
    app = make_app(MFA_REQUIRED_FOR_SECRETARIAT=True)
    client = app.test_client()
    with app.app_context():
        staff = make_user(Role.SECRETARIAT_REVIEWER)
        response = sign_in_password(client, staff)
    assert response.headers["Location"].endswith("/account/two-factor")
    # Nothing else opens until two-factor sign-in is set up.
    assert client.get("/account").headers["Location"].endswith("/account/two-factor")
    assert client.get("/account/two-factor").status_code == 200


def test_enrolment_needs_the_password_and_ends_the_other_sessions(client, signed_in, app):
    """Security review 14: a stolen session could enrol the thief's authenticator."""
    user = signed_in()
    other = app.test_client()
    sign_in(other, user)
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'class="secret-key">([A-Z2-7]+)<', page).group(1)
    code = pyotp.TOTP(secret).now()
    token = csrf_token(client, "/account")
    refused = client.post("/account/two-factor", data={"csrf_token": token, "code": code,
                                                       "password": "not the password at all"})
    assert "The password is not correct." in refused.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.mfa_enabled
    with client.session_transaction() as sess:
        assert secret not in str(dict(sess))  # the secret stays on the server
    client.post("/account/two-factor", data={"csrf_token": token, "code": code,
                                             "password": PASSWORD})
    db.session.refresh(user)
    assert user.mfa_enabled
    assert other.get("/account").status_code == 302  # the other session ended
    assert client.get("/account").status_code == 200  # this one goes on
