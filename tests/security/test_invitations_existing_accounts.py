"""An invitation never changes an existing account (security review findings 2 and 8)."""

from __future__ import annotations

import pyotp
from sqlalchemy import select

from models import AccountToken, Role, TokenPurpose, User, db
from tests.conftest import PASSWORD, csrf_token, sign_in
from tests.test_accounts_links import link_in, mails

ATTACKER_PASSWORD = "the attacker's own long passphrase"


def invite_as_admin(app, make_user, email: str, role="observer", state="KEN") -> str:
    admin_client = app.test_client()
    sign_in(admin_client, make_user(Role.SECRETARIAT_ADMIN))
    sent = admin_client.post("/admin/invitations", data={
        "csrf_token": csrf_token(admin_client, "/admin/invitations"), "email": email,
        "role": role, "state": state,
        # these accounts have roles elsewhere: the administrator confirms the warning
        "confirmed": "secretariat_role other_state secretariat_member"})
    assert sent.status_code == 302
    return link_in(mails(app)[-1])


def try_takeover(client, link: str):
    client.get(link)
    return client.post(link, data={"csrf_token": csrf_token(client, "/password/reset"),
                                   "name": "X", "password": ATTACKER_PASSWORD,
                                   "password_confirm": ATTACKER_PASSWORD})


def test_an_invitation_to_an_existing_account_sets_no_password_and_skips_no_mfa(
        client, app, make_user):
    reviewer = make_user(Role.SECRETARIAT_REVIEWER)
    reviewer.mfa_secret, reviewer.mfa_enabled = pyotp.random_base32(), True
    db.session.commit()
    old_hash = reviewer.password_hash
    link = invite_as_admin(app, make_user, reviewer.email)
    response = try_takeover(client, link)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert client.get("/secretariat/").status_code == 302  # nobody signed in
    db.session.expire_all()
    reviewer = db.session.get(User, reviewer.id)
    assert reviewer.password_hash == old_hash and reviewer.mfa_enabled
    assert Role.OBSERVER not in reviewer.roles


def test_the_owner_signs_in_then_accepts_and_only_the_role_is_added(client, app, make_user):
    user = make_user(Role.FOCAL_POINT, "MEX")
    old_hash = user.password_hash
    link = invite_as_admin(app, make_user, user.email)
    sign_in(client, user)
    page = client.get(link)
    assert page.status_code == 200 and "Accept the invitation" in page.get_data(as_text=True)
    assert client.post(link, data={"csrf_token": csrf_token(client, link)}).status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert {(m.role, m.state_iso3) for m in user.memberships} == {
        (Role.FOCAL_POINT, "MEX"), (Role.OBSERVER, "KEN")}
    assert user.password_hash == old_hash
    assert client.get(link).status_code == 410  # used


def test_a_deactivated_account_is_not_reactivated_and_its_invitations_die(
        client, app, make_user):
    user = make_user(Role.CONTRIBUTOR, "MEX")
    link = invite_as_admin(app, make_user, user.email)
    admin_client = app.test_client()
    sign_in(admin_client, make_user(Role.SECRETARIAT_ADMIN))
    path = f"/admin/users/{user.id}"
    admin_client.post(f"{path}/deactivate", data={"csrf_token": csrf_token(admin_client, path)})
    assert client.get(link).status_code == 410
    try_takeover(client, link)
    db.session.expire_all()
    assert db.session.get(User, user.id).active is False
    assert all(token.used_at is not None for token in db.session.scalars(
        select(AccountToken).where(AccountToken.purpose == TokenPurpose.INVITATION)))
    sign_in_page = client.post("/sign-in", data={"csrf_token": csrf_token(client),
                                                 "email": user.email, "password": PASSWORD})
    assert sign_in_page.status_code == 200  # still refused
