"""Invitations can be withdrawn, and end when the inviter loses the right to invite (security
review finding 8; issue 16, point 2)."""

from __future__ import annotations

from email import message_from_string
from email.policy import default as default_policy

from sqlalchemy import select

from models import AccountToken, AuditEvent, Membership, Role, TokenEnd, TokenPurpose, User, db
from services import team
from tests.conftest import csrf_token, sign_in
from tests.test_accounts_links import link_in, mails

WITHDRAWN = "This invitation was withdrawn"
INVITER_GONE = "the person who sent it may no longer invite people"


def team_url(cycle, iso3="KEN", tail="team") -> str:
    return f"/states/{iso3}/cycles/{cycle.id}/{tail}"


def invite_from_team(app, client, cycle, email: str, iso3="KEN", role="observer") -> str:
    """As the signed-in focal point: invite ``email``; the link of the mail it sent."""
    page = team_url(cycle, iso3)
    sent = client.post(page, data={"csrf_token": csrf_token(client, page), "email": email,
                                   "role": role})
    assert sent.status_code == 302, sent.get_data(as_text=True)
    return link_in(mails(app)[-1])


def mails_to(app, email: str) -> list[tuple[str, str]]:
    """(subject, body) of each message sent to ``email``, decoded."""
    found = []
    for text in mails(app):
        message = message_from_string(text, policy=default_policy)
        if message["To"] == email:
            found.append((str(message["Subject"]), message.get_body().get_content()))
    return found


def invitation_to(email: str) -> AccountToken:
    db.session.expire_all()
    return db.session.scalars(select(AccountToken).where(
        AccountToken.purpose == TokenPurpose.INVITATION, AccountToken.email == email)
        .order_by(AccountToken.id.desc())).first()


def audit_actions(object_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.object_type == "account_token", AuditEvent.object_id == str(object_id))
        .order_by(AuditEvent.id)))


def test_a_focal_point_withdraws_an_invitation_and_its_link_stops_at_once(
        app, client, make_user, cycle):
    focal = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, focal)
    link = invite_from_team(app, client, cycle, "late.reader@example.org")
    invitation = invitation_to("late.reader@example.org")
    page = client.get(team_url(cycle)).get_data(as_text=True)
    withdraw = team_url(cycle, tail=f"team/invitations/{invitation.id}/withdraw")
    assert f'action="{withdraw}"' in page and "Withdraw the invitation" in page

    done = client.post(withdraw, data={"csrf_token": csrf_token(client, team_url(cycle))})
    assert done.status_code == 302
    page = client.get(team_url(cycle)).get_data(as_text=True)
    assert "is withdrawn" in page and f'action="{withdraw}"' not in page
    invitation = invitation_to("late.reader@example.org")
    assert invitation.ended_reason is TokenEnd.WITHDRAWN and invitation.ended_by_id == focal.id
    assert audit_actions(invitation.id) == ["invitation.sent", "invitation.withdrawn"]
    # The invitee is told, so that nobody waits for an account that will not come.
    _invitation_mail, (subject, told) = mails_to(app, "late.reader@example.org")
    assert subject == "EnvSAQ: your invitation no longer works"
    assert "for Kenya no longer works" in told and WITHDRAWN in told and link not in told

    stranger = app.test_client()
    opened = stranger.get(link)
    assert opened.status_code == 410 and WITHDRAWN in opened.get_data(as_text=True)
    refused = stranger.post(link, data={"csrf_token": csrf_token(stranger, "/sign-in"),
                                        "name": "X", "password": "a long new passphrase 42",
                                        "password_confirm": "a long new passphrase 42"})
    assert refused.status_code == 410
    assert db.session.scalar(select(User).where(User.email == "late.reader@example.org")) is None

    # The administration page shows who withdrew it; a second withdrawal changes nothing.
    admin_client = app.test_client()
    sign_in(admin_client, make_user(Role.SECRETARIAT_ADMIN))
    listing = admin_client.get("/admin/invitations").get_data(as_text=True)
    assert "Withdrawn" in listing and focal.email in listing
    again = client.post(withdraw, data={"csrf_token": csrf_token(client, team_url(cycle))})
    assert again.status_code == 302
    assert audit_actions(invitation.id) == ["invitation.sent", "invitation.withdrawn"]
    assert len(mails_to(app, "late.reader@example.org")) == 2  # not told twice


def test_the_invitee_is_told_in_the_language_of_the_invitation(app, client, make_user, cycle):
    focal = make_user(Role.FOCAL_POINT, "KEN")
    focal.locale = "fr"
    db.session.commit()
    sign_in(client, focal)
    invite_from_team(app, client, cycle, "lecteur@example.org")
    invitation = invitation_to("lecteur@example.org")
    withdraw = team_url(cycle, tail=f"team/invitations/{invitation.id}/withdraw")
    assert client.post(withdraw, data={"csrf_token": csrf_token(client, team_url(cycle))}
                       ).status_code == 302
    subject, told = mails_to(app, "lecteur@example.org")[-1]
    assert subject == "EnvSAQ\u00a0: votre invitation n'est plus valable"
    assert "Kenya" in told and "Cette invitation a été retirée" in told


def test_a_withdrawal_that_does_not_commit_mails_nothing(app, make_user, cycle):
    focal = make_user(Role.FOCAL_POINT, "KEN")
    with app.test_request_context():
        invitation = team.invite("kept@example.org", Role.OBSERVER, "KEN", inviter=focal,
                                 accept_link=str)
        db.session.commit()
        before = len(mails_to(app, "kept@example.org"))
        team.withdraw_invitation(invitation, actor=focal)
        db.session.rollback()
    assert len(mails_to(app, "kept@example.org")) == before == 1
    assert invitation_to("kept@example.org").is_pending


def test_the_secretariat_withdraws_any_invitation_from_the_administration_page(
        app, client, make_user, cycle):
    focal_client = app.test_client()
    sign_in(focal_client, make_user(Role.FOCAL_POINT, "MEX"))
    link = invite_from_team(app, focal_client, cycle, "helper@example.org", iso3="MEX")
    invitation = invitation_to("helper@example.org")
    admin = make_user(Role.SECRETARIAT_ADMIN)
    sign_in(client, admin)
    listing = client.get("/admin/invitations").get_data(as_text=True)
    action = f"/admin/invitations/{invitation.id}/withdraw"
    assert f'action="{action}"' in listing
    assert client.post(action, data={"csrf_token": csrf_token(client, "/admin/invitations")}
                       ).status_code == 302
    assert invitation_to("helper@example.org").ended_by_id == admin.id
    assert "Withdrawn" in client.get("/admin/invitations").get_data(as_text=True)
    opened = app.test_client().get(link)
    assert opened.status_code == 410 and WITHDRAWN in opened.get_data(as_text=True)


def test_no_one_else_may_withdraw_an_invitation(app, client, make_user, cycle):
    focal_client = app.test_client()
    sign_in(focal_client, make_user(Role.FOCAL_POINT, "MEX"))
    invite_from_team(app, focal_client, cycle, "helper@example.org", iso3="MEX")
    invitation = invitation_to("helper@example.org")
    tail = f"team/invitations/{invitation.id}/withdraw"
    attempts = [
        (make_user(Role.FOCAL_POINT, "KEN"), team_url(cycle, "KEN", tail), 404),  # own State
        (make_user(Role.FOCAL_POINT, "KEN"), team_url(cycle, "MEX", tail), 403),
        (make_user(Role.CONTRIBUTOR, "MEX"), team_url(cycle, "MEX", tail), 403),
        (make_user(Role.OBSERVER, "MEX"), team_url(cycle, "MEX", tail), 403),
        (make_user(Role.SECRETARIAT_REVIEWER), f"/admin/invitations/{invitation.id}/withdraw",
         403),
    ]
    for user, url, status in attempts:
        other = app.test_client()
        sign_in(other, user)
        response = other.post(url, data={"csrf_token": csrf_token(other, "/account")})
        assert response.status_code == status, (user.memberships[0].role, url)
    # Without the CSRF token, not even the focal point of Mexico withdraws it.
    assert focal_client.post(team_url(cycle, "MEX", tail)).status_code == 400
    assert invitation_to("helper@example.org").is_pending


def test_an_invitation_ends_when_its_inviter_loses_the_focal_point_role(
        app, client, make_user, cycle):
    focal = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, focal)
    link = invite_from_team(app, client, cycle, "soon.orphan@example.org")
    admin_client = app.test_client()
    sign_in(admin_client, make_user(Role.SECRETARIAT_ADMIN))
    # Moved off Kenya: the administrator removes the role (and gives one for Mexico).
    membership = next(m for m in focal.memberships if m.state_iso3 == "KEN")
    removed = admin_client.post(f"/admin/users/{focal.id}/memberships/{membership.id}/remove",
                                data={"csrf_token": csrf_token(admin_client, "/admin/users")})
    assert removed.status_code == 302
    invitation = invitation_to("soon.orphan@example.org")
    assert invitation.ended_reason is TokenEnd.INVITER_LOST_RIGHT  # spent at once
    assert audit_actions(invitation.id)[-1] == "invitation.ended"
    assert INVITER_GONE in mails_to(app, "soon.orphan@example.org")[-1][1]
    opened = app.test_client().get(link)
    assert opened.status_code == 410 and INVITER_GONE in opened.get_data(as_text=True)


def test_an_invitation_ends_when_its_inviter_is_deactivated(app, client, make_user, cycle):
    focal = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, focal)
    link = invite_from_team(app, client, cycle, "soon.orphan@example.org")
    admin_client = app.test_client()
    sign_in(admin_client, make_user(Role.SECRETARIAT_ADMIN))
    assert admin_client.post(f"/admin/users/{focal.id}/deactivate", data={
        "csrf_token": csrf_token(admin_client, "/admin/users")}).status_code == 302
    assert invitation_to("soon.orphan@example.org").ended_reason is TokenEnd.INVITER_LOST_RIGHT
    opened = app.test_client().get(link)
    assert opened.status_code == 410 and INVITER_GONE in opened.get_data(as_text=True)


def test_accepting_checks_the_inviters_right_whatever_changed_it(app, client, make_user, cycle):
    """The role disappears without ``services.team`` (a database edit, a restore): the link
    is refused when opened, and the invitation is ended then."""
    focal = make_user(Role.FOCAL_POINT, "KEN")
    sign_in(client, focal)
    link = invite_from_team(app, client, cycle, "soon.orphan@example.org")
    db.session.execute(Membership.__table__.delete().where(Membership.user_id == focal.id))
    db.session.commit()
    assert invitation_to("soon.orphan@example.org").is_pending  # nothing ended it yet
    visitor = app.test_client()
    opened = visitor.get(link)
    assert opened.status_code == 410 and INVITER_GONE in opened.get_data(as_text=True)
    posted = visitor.post(link, data={"csrf_token": csrf_token(visitor, "/sign-in"),
                                      "name": "X", "password": "a long new passphrase 42",
                                      "password_confirm": "a long new passphrase 42"})
    assert posted.status_code == 410
    assert db.session.scalar(select(User).where(User.email == "soon.orphan@example.org")) is None
    invitation = invitation_to("soon.orphan@example.org")
    assert invitation.ended_reason is TokenEnd.INVITER_LOST_RIGHT
    assert "invitation.ended" in audit_actions(invitation.id)


def test_an_inviter_who_keeps_the_right_keeps_the_invitations(app, make_user, cycle):
    """Removing another role of the inviter (an observer role elsewhere) ends nothing, and
    an administrator's invitations survive while they stay administrator."""
    focal = make_user(Role.FOCAL_POINT, "KEN")
    focal.memberships.append(Membership(role=Role.OBSERVER, state_iso3="MEX"))
    admin = make_user(Role.SECRETARIAT_ADMIN)
    db.session.commit()
    with app.test_request_context():
        mine = team.invite("a@example.org", Role.OBSERVER, "KEN", inviter=focal,
                           accept_link=str)
        theirs = team.invite("b@example.org", Role.OBSERVER, "MEX", inviter=admin,
                             accept_link=str)
        observer = next(m for m in focal.memberships if m.state_iso3 == "MEX")
        team.revoke_role(focal, observer, actor=admin)
        db.session.commit()
    assert mine.is_pending and theirs.is_pending
    assert team.may_invite(focal, "KEN") and not team.may_invite(focal, "MEX")
    assert team.may_invite(admin, "MEX") and team.may_invite(admin, None)
