"""Removing someone from a State's team asks first, by name, and tells them in plain words; an
invitation says what the person is invited to do, for which State (UX review m17)."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from sqlalchemy import select

from models import Membership, Role, db
from tests.conftest import csrf_token
from web.mail_delivery import sweep


def url(cycle, tail="team"):
    return f"/states/KEN/cycles/{cycle.id}/{tail}"


def sent(app) -> list[tuple[str, str, str]]:
    """(recipient, subject, body) of each mail sent, after the worker's outbox sweep."""
    sweep()
    messages = [email.message_from_bytes(path.read_bytes(), policy=policy.default)
                for path in sorted((Path(app.config["INSTANCE_PATH"]) / "mail").glob("*.eml"))]
    return [(m["To"], m["Subject"], m.get_body(("plain",)).get_content()) for m in messages]


def test_removal_asks_first_naming_the_person(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN", name="Wanjiru Kamau")
    member = make_user(Role.CONTRIBUTOR, "KEN", name="Otieno Mwangi",
                       email="otieno@example.org")
    membership_id = member.memberships[0].id
    team = client.get(url(cycle)).get_data(as_text=True)
    confirm_url = url(cycle, f"team/members/{membership_id}/remove")
    assert f'href="{confirm_url}"' in team  # a link to the question, not a button that acts
    page = client.get(confirm_url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Remove Otieno Mwangi from the team?" in html
    assert "otieno@example.org" in html and "Contributor" in html
    assert f'href="{url(cycle)}"' in html  # the way back keeps them
    db.session.expire_all()
    assert db.session.get(Membership, membership_id) is not None  # looking removes no one


def test_the_removed_person_is_told_in_plain_words(app, client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN", name="Wanjiru Kamau", email="wanjiru@example.org")
    member = make_user(Role.OBSERVER, "KEN", name="Otieno Mwangi", email="otieno@example.org")
    membership_id = member.memberships[0].id
    confirm_url = url(cycle, f"team/members/{membership_id}/remove")
    answer = client.post(confirm_url, data={"csrf_token": csrf_token(client, confirm_url)})
    assert answer.status_code == 302
    assert "Otieno Mwangi is no longer on the team" in client.get(url(cycle)).get_data(
        as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Membership).where(Membership.id == membership_id)) is None
    (_to, subject, body), = [m for m in sent(app) if m[0] == "otieno@example.org"]
    assert subject == "EnvSAQ: you have been removed from the team of Kenya"
    assert "Hello Otieno Mwangi," in body
    assert "Wanjiru Kamau has removed you from the team that prepares the self-assessment of " \
        "Kenya in EnvSAQ. You can no longer see or change its answers." in " ".join(body.split())
    assert "wanjiru@example.org" in body


def test_an_invitation_says_what_for_and_which_state(app, client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "KEN", name="Wanjiru Kamau")
    client.post(url(cycle), data={"csrf_token": csrf_token(client, url(cycle)),
                                  "email": "new.person@example.org", "role": "contributor"})
    (_to, _subject, body), = [m for m in sent(app) if m[0] == "new.person@example.org"]
    text = " ".join(body.split())
    assert "Wanjiru Kamau has invited you to EnvSAQ" in text
    assert "as a contributor for Kenya: you will be able to answer questions" in text
    assert "(Kenya)" not in text and "as Contributor" not in text
