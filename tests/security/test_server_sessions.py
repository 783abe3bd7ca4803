"""Sessions live on the server: ending one refuses its cookie, even a copy (review finding 4)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from models import Role, UserSession, db
from tests.conftest import PASSWORD, csrf_token, sign_in

COOKIE = "envsaq_session"


def copy_of(client: FlaskClient) -> FlaskClient:
    """A second browser holding a copy of ``client``'s session cookie."""
    other = client.application.test_client()
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value, domain="localhost")
    return other


def signed_in_page(client: FlaskClient) -> bool:
    return client.get("/account").status_code == 200


def test_a_cookie_copied_before_sign_out_is_refused_after_it(client, make_user):
    user = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, user)
    thief = copy_of(client)
    assert signed_in_page(thief)  # the copy works while the session lives
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/account")})
    assert not signed_in_page(thief)
    assert db.session.scalars(select(UserSession)).all() == []


def test_a_password_reset_ends_every_session(client, app, make_user):
    from tests.test_accounts_links import link_in, mails

    user = make_user(Role.FOCAL_POINT, "KEN")
    laptop = app.test_client()
    sign_in(laptop, user)
    client.post("/password/reset", data={"csrf_token": csrf_token(client, "/password/reset"),
                                         "email": user.email})
    link = link_in(mails(app)[-1])
    new = "another long and unusual passphrase"
    client.post(link, data={"csrf_token": csrf_token(client, link), "password": new,
                            "password_confirm": new})
    assert not signed_in_page(laptop)


def test_deactivation_ends_the_sessions(client, app, make_user):
    user = make_user(Role.FOCAL_POINT, "KEN")
    laptop = app.test_client()
    sign_in(laptop, user)
    admin = make_user(Role.SECRETARIAT_ADMIN)
    sign_in(client, admin)
    path = f"/admin/users/{user.id}"
    client.post(f"{path}/deactivate", data={"csrf_token": csrf_token(client, path)})
    assert not signed_in_page(laptop)
    assert db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all() == []


def test_the_sessions_page_lists_them_and_ends_the_others(client, app, make_user):
    user = make_user(Role.OBSERVER, "KEN")
    phone, laptop = app.test_client(), app.test_client()
    sign_in(phone, user)
    sign_in(laptop, user, PASSWORD)
    sign_in(client, user)
    page = client.get("/account/sessions").get_data(as_text=True)
    assert page.count("End this session") == 2 and "This session" in page
    # End one (the phone's).
    phone_row = min(db.session.scalars(select(UserSession)), key=lambda row: row.id)
    client.post(f"/account/sessions/{phone_row.id}/end",
                data={"csrf_token": csrf_token(client, "/account/sessions")})
    assert not signed_in_page(phone) and signed_in_page(laptop)
    # Then every other one.
    client.post("/account/sessions/end-others",
                data={"csrf_token": csrf_token(client, "/account/sessions")})
    assert not signed_in_page(laptop) and signed_in_page(client)
    assert len(db.session.scalars(select(UserSession)).all()) == 1


def test_another_users_session_cannot_be_ended(client, app, make_user):
    victim = make_user(Role.FOCAL_POINT, "KEN")
    victim_client = app.test_client()
    sign_in(victim_client, victim)
    row = db.session.scalar(select(UserSession))
    sign_in(client, make_user(Role.FOCAL_POINT, "MEX"))
    response = client.post(f"/account/sessions/{row.id}/end",
                           data={"csrf_token": csrf_token(client, "/account/sessions")})
    assert response.status_code == 404
    assert signed_in_page(victim_client)


def test_the_cookie_holds_only_a_random_key(client, make_user):
    user = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, user)
    with client.session_transaction() as sess:
        key = sess["_user_id"]
    assert re.fullmatch(rf"{user.id}:[A-Za-z0-9_-]{{40,}}", key)
    assert key.partition(":")[2] not in str(db.session.scalar(select(UserSession)).key_hash)
