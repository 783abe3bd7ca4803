"""Invitations and password resets: single use, ten days, clear messages."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from models import AccountToken, AuditEvent, Role, TokenPurpose, User, db, utcnow
from tests.conftest import PASSWORD, csrf_token, sign_in
from web.mail_delivery import sweep


def mails(app) -> list[str]:
    """The mail sent so far, after the outbox sweep the job worker runs every minute."""
    sweep()
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    return [p.read_text() for p in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime)]


def link_in(mail_text: str) -> str:
    match = re.search(r"http://localhost(/\S+)", mail_text)
    assert match, mail_text
    return match.group(1)


def invite(client, app, signed_in, email="new.person@example.org", role="focal-point",
           state="KEN"):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/admin/invitations")
    response = client.post("/admin/invitations", data={
        "csrf_token": token, "email": email, "role": role, "state": state})
    assert response.status_code == 302, response.get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    return link_in(mails(app)[-1])


def test_invitation_creates_the_account_with_its_role_once(client, app, signed_in):
    link = invite(client, app, signed_in)
    assert "/invitation/" in link
    page = client.get(link)
    assert page.status_code == 200
    assert "new.person@example.org" in page.get_data(as_text=True)
    token = csrf_token(client, link)
    response = client.post(link, data={"csrf_token": token, "name": "Ana Pérez",
                                       "password": PASSWORD, "password_confirm": PASSWORD})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert user.name == "Ana Pérez"
    assert [(m.role, m.state_iso3) for m in user.memberships] == [(Role.FOCAL_POINT, "KEN")]
    assert client.get("/account").status_code == 200  # signed in
    # Single use.
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    again = client.get(link)
    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "invitation.sent"))


def test_expired_invitation_is_refused_with_a_message(client, app, signed_in):
    link = invite(client, app, signed_in)
    for token in db.session.scalars(select(AccountToken)):
        token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 410
    assert "expired" in response.get_data(as_text=True)


def test_invitation_lifetime_is_ten_days(client, app, signed_in):
    invite(client, app, signed_in)
    token = db.session.scalar(select(AccountToken))
    assert timedelta(days=9, hours=23) < token.expires_at - token.created_at <= timedelta(days=10)
    assert token.token_hash not in mails(app)[-1]  # only the hash is stored


def test_short_or_common_password_is_a_message_with_the_name_kept(client, app, signed_in):
    link = invite(client, app, signed_in)
    token = csrf_token(client, link)
    response = client.post(link, data={"csrf_token": token, "name": "Ana Pérez",
                                       "password": "short", "password_confirm": "short"})
    html = response.get_data(as_text=True)
    assert "Use at least 12 characters." in html
    assert 'value="Ana Pérez"' in html
    common = "1qaz2wsx3edc"
    response = client.post(link, data={"csrf_token": token, "name": "Ana",
                                       "password": common, "password_confirm": common})
    assert "too easy to guess" in response.get_data(as_text=True)


def test_invitation_form_errors(client, app, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/admin/invitations")
    response = client.post("/admin/invitations", data={
        "csrf_token": token, "email": "bad", "role": "focal-point", "state": "ZZZ"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "correct format" in html and "no State with the code ZZZ" in html
    assert 'value="bad"' in html


def test_password_reset_round_trip_ends_other_sessions(client, app, make_user):
    user = make_user()
    other = app.test_client()
    sign_in(other, user)
    token = csrf_token(client, "/password/reset")
    response = client.post("/password/reset", data={"csrf_token": token, "email": user.email})
    assert "Check your email" in response.get_data(as_text=True)
    link = link_in(mails(app)[-1])
    new_password = "another long passphrase here"
    token = csrf_token(client, link)
    response = client.post(link, data={"csrf_token": token, "password": new_password,
                                       "password_confirm": new_password})
    assert response.status_code == 302
    assert other.get("/account").status_code == 302  # the other session has ended
    assert client.get(link).status_code == 410
    db.session.refresh(user)
    from web.accounts.passwords import verify_password

    assert verify_password(user.password_hash, new_password)


def test_reset_for_unknown_email_looks_the_same_and_sends_nothing(client, app):
    token = csrf_token(client, "/password/reset")
    response = client.post("/password/reset", data={"csrf_token": token,
                                                    "email": "nobody@example.org"})
    assert "Check your email" in response.get_data(as_text=True)
    assert mails(app) == []


def test_mail_goes_to_a_file_when_no_server_is_set(app):
    from web.mail import send_mail

    with app.test_request_context():
        send_mail("someone@example.org", "Subject line", "Body text")
    assert "Subject: Subject line" in mails(app)[-1]


def test_tokens_are_purpose_bound(client, app, make_user):
    from services.tokens import TokenError, find_token, issue_token

    user = make_user()
    _, secret = issue_token(TokenPurpose.PASSWORD_RESET, user.email)
    db.session.commit()
    with app.test_request_context():
        try:
            find_token(TokenPurpose.INVITATION, secret)
        except TokenError:
            pass
        else:
            raise AssertionError("a reset token must not work as an invitation")


def test_admin_invitations_follow_the_team_pages_rules(client, app, signed_in, make_user):
    """One rule set (``services.team``): the administration page refuses a second invitation
    to the same place, and an invitation to someone who already has a role there."""
    invite(client, app, signed_in)
    first = mails(app)[-1]
    # the role and the State in one plain sentence (UX review m17)
    assert "as the national focal point for Kenya." in " ".join(first.replace("=\n", "").split())
    signed_in(Role.SECRETARIAT_ADMIN)
    page = "/admin/invitations"
    again = client.post(page, data={"csrf_token": csrf_token(client, page),
                                    "email": "New.Person@example.org", "role": "observer",
                                    "state": "KEN"})
    assert again.status_code == 400
    assert "already been invited" in again.get_data(as_text=True)
    member = make_user(Role.CONTRIBUTOR, "KEN")
    response = client.post(page, data={"csrf_token": csrf_token(client, page),
                                       "email": member.email, "role": "focal-point",
                                       "state": "KEN"})
    assert response.status_code == 400
    assert "already on the team" in response.get_data(as_text=True)
    tokens = db.session.scalars(select(AccountToken).where(
        AccountToken.purpose == TokenPurpose.INVITATION)).all()
    assert [t.email for t in tokens] == ["new.person@example.org"]
    assert len(mails(app)) == 1
    # Another State is another place: the same person may be invited there, once the
    # administrator has confirmed the warning that the invitation crosses between States.
    data = {"email": member.email, "role": "observer", "state": "FRA"}
    warned = client.post(page, data={"csrf_token": csrf_token(client, page), **data})
    assert warned.status_code == 200
    assert "already has a role for another State" in warned.get_data(as_text=True)
    elsewhere = client.post(page, data={"csrf_token": csrf_token(client, page), **data,
                                        "confirmed": "other_state"})
    assert elsewhere.status_code == 302


def test_an_empty_state_code_is_refused_for_state_roles_and_dropped_for_others(
        client, app, signed_in):
    """An empty State field skipped the State check (a 500 when saving the invitation)."""
    signed_in(Role.SECRETARIAT_ADMIN)
    page = "/admin/invitations"
    focal = client.post(page, data={"csrf_token": csrf_token(client, page),
                                    "email": "x@example.org", "role": "focal-point",
                                    "state": " "})
    assert focal.status_code == 400
    assert "three-letter code" in focal.get_data(as_text=True)
    reviewer = client.post(page, data={"csrf_token": csrf_token(client, page),
                                       "email": "y@example.org", "role": "secretariat-reviewer",
                                       "state": "", "confirmed": "secretariat_role"})
    assert reviewer.status_code == 302
    token = db.session.scalar(select(AccountToken).where(AccountToken.email == "y@example.org"))
    assert token.state_iso3 is None
