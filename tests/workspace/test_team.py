"""The focal point's team page: members, activity, invitations, sections, removal, access."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import AccountToken, AuditEvent, Membership, Role, User, db
from services.answers import save_answers
from tests.conftest import csrf_token, sign_in
from tests.workspace.workspace_fixtures import response_of


def url(cycle, iso3="KEN", tail="team"):
    return f"/states/{iso3}/cycles/{cycle.id}/{tail}"


def membership_of(user: User, role: Role) -> Membership:
    return next(m for m in user.memberships if m.role is role)


@pytest.mark.parametrize(("role", "state", "status"), [
    (Role.FOCAL_POINT, "KEN", 200),
    (Role.CONTRIBUTOR, "KEN", 403),
    (Role.OBSERVER, "KEN", 403),
    (Role.FOCAL_POINT, "MEX", 403),
    (Role.SECRETARIAT_ADMIN, None, 403),
])
def test_team_page_is_for_the_states_focal_point(client, signed_in, cycle, role, state, status):
    signed_in(role, state)
    assert client.get(url(cycle)).status_code == status


def test_team_actions_are_refused_to_others(client, signed_in, make_user, cycle):
    member = make_user(Role.CONTRIBUTOR, "KEN")
    signed_in(Role.FOCAL_POINT, "MEX")
    token = csrf_token(client, url(cycle, "MEX"))
    membership = membership_of(member, Role.CONTRIBUTOR)
    for tail in (f"team/members/{membership.id}/remove", f"team/members/{membership.id}/sections",
                 "team"):
        response = client.post(url(cycle, "KEN", tail), data={"csrf_token": token,
                                                               "email": "x@example.org",
                                                               "role": "observer"})
        assert response.status_code == 403
    db.session.expire_all()
    assert membership_of(db.session.get(User, member.id), Role.CONTRIBUTOR) is not None


def test_page_lists_members_with_sections_and_activity(client, signed_in, make_user, cycle,
                                                       definition):
    signed_in(Role.FOCAL_POINT, "KEN", name="Focal Person")
    writer = make_user(Role.CONTRIBUTOR, "KEN", name="Busy Writer", sections=["general"])
    make_user(Role.OBSERVER, "KEN", name="Quiet Reader")
    make_user(Role.CONTRIBUTOR, "MEX", name="Someone Else")
    save_answers(response_of(cycle, "KEN"), definition,
                 {"gen.institution": ("A", 0), "gen.focal_point_name": ("B", 0)}, writer)
    db.session.commit()
    html = client.get(url(cycle)).get_data(as_text=True)
    assert "Busy Writer" in html and "Quiet Reader" in html and "Focal Person" in html
    assert "Someone Else" not in html
    row = html[html.index("Busy Writer"):].split("</tr>")[0]
    assert definition.section("general").title.get("en") in row
    assert "<td>2</td>" in row


def test_invite_a_contributor_limited_to_sections(client, signed_in, cycle, app):
    focal = signed_in(Role.FOCAL_POINT, "KEN")
    response = client.post(url(cycle), data={
        "csrf_token": csrf_token(client, url(cycle)), "email": "New.Person@Example.org",
        "role": "contributor", "sections": ["general", "op1_legislation"]})
    assert response.status_code == 302
    token = db.session.scalar(select(AccountToken).where(
        AccountToken.email == "new.person@example.org"))
    assert token.role is Role.CONTRIBUTOR and token.state_iso3 == "KEN"
    assert token.sections == ["general", "op1_legislation"]
    assert token.created_by_id == focal.id
    html = client.get(url(cycle)).get_data(as_text=True)
    assert "new.person@example.org" in html
    again = client.post(url(cycle), data={
        "csrf_token": csrf_token(client, url(cycle)), "email": "new.person@example.org",
        "role": "observer"})
    assert again.status_code == 400
    assert "already been invited" in again.get_data(as_text=True)


@pytest.mark.parametrize(("data", "message"), [
    ({"email": "not an address", "role": "contributor"}, "correct format"),
    ({"email": "a@example.org", "role": "focal-point"}, "Not a valid choice"),
    ({"email": "a@example.org", "role": "contributor", "sections": ["nope"]},
     "not a valid choice"),
])
def test_invalid_invitations_are_refused(client, signed_in, cycle, data, message):
    signed_in(Role.FOCAL_POINT, "KEN")
    response = client.post(url(cycle), data={"csrf_token": csrf_token(client, url(cycle)),
                                             **data})
    assert response.status_code == 400
    assert message.lower() in response.get_data(as_text=True).lower()
    assert db.session.scalar(select(AccountToken)) is None


def test_a_member_cannot_be_invited_twice(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    make_user(Role.OBSERVER, "KEN", email="reader@example.org")
    response = client.post(url(cycle), data={"csrf_token": csrf_token(client, url(cycle)),
                                             "email": "reader@example.org",
                                             "role": "contributor"})
    assert response.status_code == 400
    assert "already on the team" in response.get_data(as_text=True)


def test_change_a_contributors_sections(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    member = make_user(Role.CONTRIBUTOR, "KEN", sections=["general"])
    membership = membership_of(member, Role.CONTRIBUTOR)
    prefix = f"m{membership.id}-"
    response = client.post(url(cycle, tail=f"team/members/{membership.id}/sections"), data={
        "csrf_token": csrf_token(client, url(cycle)),
        f"{prefix}sections": ["op1_enforcement", "op1_legislation"]})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).sections == [
        "op1_legislation", "op1_enforcement"]
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "team.sections_changed"))
    assert event.details["after"] == ["op1_legislation", "op1_enforcement"]


def test_remove_a_members_state_role(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    member = make_user(Role.OBSERVER, "KEN")
    membership_id = membership_of(member, Role.OBSERVER).id
    member_client = client.application.test_client()
    sign_in(member_client, member)
    response = client.post(url(cycle, tail=f"team/members/{membership_id}/remove"),
                           data={"csrf_token": csrf_token(client, url(cycle))})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, membership_id) is None
    assert member_client.get("/account").status_code == 302  # signed out at once
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "team.role_removed")).details["role"] == "observer"


def test_a_focal_point_cannot_be_removed_here(client, signed_in, make_user, cycle):
    me = signed_in(Role.FOCAL_POINT, "KEN")
    membership = membership_of(me, Role.FOCAL_POINT)
    response = client.post(url(cycle, tail=f"team/members/{membership.id}/remove"),
                           data={"csrf_token": csrf_token(client, url(cycle))})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Membership, membership.id) is not None
