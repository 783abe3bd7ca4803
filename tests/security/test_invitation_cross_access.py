"""An invitation that crosses from one State to another or into the secretariat: the inviter
confirms a warning first, the event is audited and the secretariat's administrators are told
by mail, after the commit (issue 16, point 2)."""

from __future__ import annotations

from sqlalchemy import select

from models import AccountToken, AuditEvent, Membership, OutboxMessage, Role, TokenPurpose, db
from services import team
from tests.conftest import csrf_token, sign_in
from tests.test_accounts_links import mails

WARNING = "Check this invitation before it is sent"


def team_page(cycle, iso3="KEN") -> str:
    return f"/states/{iso3}/cycles/{cycle.id}/team"


def invitations_to(email: str) -> list[AccountToken]:
    db.session.expire_all()
    return list(db.session.scalars(select(AccountToken).where(
        AccountToken.purpose == TokenPurpose.INVITATION, AccountToken.email == email)))


def outbox(template: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == template).order_by(OutboxMessage.id)))


def test_a_focal_point_is_warned_before_inviting_someone_of_another_state(
        app, client, make_user, cycle):
    admins = [make_user(Role.SECRETARIAT_ADMIN, email=f"admin{n}@un.example.org")
              for n in (1, 2)]
    make_user(Role.SECRETARIAT_REVIEWER, email="reviewer@un.example.org")
    mexican = make_user(Role.CONTRIBUTOR, "MEX", email="writer@mex.example.org")
    focal = make_user(Role.FOCAL_POINT, "KEN", name="Kenyan Focal")
    sign_in(client, focal)
    page = team_page(cycle)
    data = {"email": mexican.email, "role": "observer"}

    warned = client.post(page, data={"csrf_token": csrf_token(client, page), **data})
    html = warned.get_data(as_text=True)
    assert warned.status_code == 200 and WARNING in html
    assert "already has a role for another State" in html
    assert "MEX" not in html.split('id="cross-access"')[1].split("</div>")[0]  # not named
    assert 'name="confirmed" value="other_state"' in html
    assert invitations_to(mexican.email) == [] and outbox("invitation_cross_access") == []

    sent = client.post(page, data={"csrf_token": csrf_token(client, page), **data,
                                   "confirmed": "other_state"})
    assert sent.status_code == 302
    [invitation] = invitations_to(mexican.email)
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "invitation.cross_access"))
    assert event.actor_id == focal.id and event.state_iso3 == "KEN"
    assert event.object_id == str(invitation.id)
    assert event.details["reasons"] == ["other_state"]
    assert event.details["other_states"] == ["MEX"]
    notices = outbox("invitation_cross_access")
    assert sorted(m.recipient for m in notices) == sorted(a.email for a in admins)

    delivered = [text for text in mails(app) if "crosses between States" in text]
    assert len(delivered) == 2
    assert all("Kenyan Focal" in text and mexican.email in text and "MEX" in text
               and "http://localhost/admin/invitations" in text for text in delivered)


def test_the_warning_must_be_confirmed_for_what_it_is(app, client, make_user, cycle):
    """Confirming one reason does not pass another: a reviewer of the secretariat who is also
    observer of Mexico, invited by Kenya's focal point, crosses twice."""
    reviewer = make_user(Role.SECRETARIAT_REVIEWER, email="reviewer@un.example.org")
    reviewer.memberships.append(Membership(role=Role.OBSERVER, state_iso3="MEX"))
    db.session.commit()
    sign_in(client, make_user(Role.FOCAL_POINT, "KEN"))
    page = team_page(cycle)
    data = {"email": reviewer.email, "role": "observer"}
    half = client.post(page, data={"csrf_token": csrf_token(client, page), **data,
                                   "confirmed": "other_state"})
    html = half.get_data(as_text=True)
    assert half.status_code == 200 and WARNING in html
    assert "belongs to the secretariat" in html
    assert invitations_to(reviewer.email) == []
    whole = client.post(page, data={"csrf_token": csrf_token(client, page), **data,
                                    "confirmed": "other_state secretariat_member"})
    assert whole.status_code == 302 and len(invitations_to(reviewer.email)) == 1


def test_an_invitation_inside_the_state_needs_no_confirmation(app, client, make_user, cycle):
    sign_in(client, make_user(Role.FOCAL_POINT, "KEN"))
    page = team_page(cycle)
    sent = client.post(page, data={"csrf_token": csrf_token(client, page),
                                   "email": "new.colleague@ken.example.org",
                                   "role": "contributor"})
    assert sent.status_code == 302
    assert outbox("invitation_cross_access") == []
    assert not db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "invitation.cross_access"))


def test_giving_secretariat_rights_is_confirmed_and_told_to_the_other_administrators(
        app, client, make_user):
    other_admin = make_user(Role.SECRETARIAT_ADMIN, email="other.admin@un.example.org")
    admin = make_user(Role.SECRETARIAT_ADMIN, email="admin@un.example.org")
    sign_in(client, admin)
    data = {"email": "new.reviewer@un.example.org", "role": "secretariat-reviewer",
            "state": ""}
    warned = client.post("/admin/invitations", data={
        "csrf_token": csrf_token(client, "/admin/invitations"), **data})
    html = warned.get_data(as_text=True)
    assert warned.status_code == 200 and "gives secretariat rights" in html
    assert invitations_to("new.reviewer@un.example.org") == []
    sent = client.post("/admin/invitations", data={
        "csrf_token": csrf_token(client, "/admin/invitations"), **data,
        "confirmed": "secretariat_role"})
    assert sent.status_code == 302
    assert len(invitations_to("new.reviewer@un.example.org")) == 1
    assert [m.recipient for m in outbox("invitation_cross_access")] == [other_admin.email]


def test_nothing_is_told_when_the_invitation_is_not_committed(app, make_user, cycle):
    """The notice is recorded in the outbox inside the transaction: a rollback takes it away,
    so no mail tells of an invitation that does not exist."""
    make_user(Role.SECRETARIAT_ADMIN)
    mexican = make_user(Role.CONTRIBUTOR, "MEX")
    focal = make_user(Role.FOCAL_POINT, "KEN")
    with app.test_request_context():
        team.invite(mexican.email, Role.OBSERVER, "KEN", inviter=focal, accept_link=str,
                    confirmed=["other_state"])
        assert len(outbox("invitation_cross_access")) == 1  # recorded, not sent
        db.session.rollback()
    assert outbox("invitation_cross_access") == [] and invitations_to(mexican.email) == []
    assert not [text for text in mails(app) if "crosses between States" in text]
