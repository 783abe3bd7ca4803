"""Every predicate of questionnaire/access.py, table by table (as CKAN tests its auth functions).

The users are real (unsaved) ``models.User`` objects with their memberships, so the rules are
checked against what the application hands them, not against a stand-in.
"""

from __future__ import annotations

import inspect

import pytest

from models import Membership, Role, User
from questionnaire import access

SECTIONS = ("general", "legislation", "cooperation")


def person(*memberships: tuple[Role, str | None, list[str] | None]) -> User:
    user = User(email="someone@example.org", password_hash="-")
    for role, state, sections in memberships:
        user.memberships.append(Membership(role=role, state_iso3=state, sections=sections or []))
    return user


NOBODY = person()
ADMIN = person((Role.SECRETARIAT_ADMIN, None, None))
REVIEWER = person((Role.SECRETARIAT_REVIEWER, None, None))
FOCAL_KEN = person((Role.FOCAL_POINT, "KEN", None))
CONTRIBUTOR_KEN_ALL = person((Role.CONTRIBUTOR, "KEN", None))
CONTRIBUTOR_KEN_LEGISLATION = person((Role.CONTRIBUTOR, "KEN", ["legislation"]))
OBSERVER_KEN = person((Role.OBSERVER, "KEN", None))
FOCAL_MEX_OBSERVER_KEN = person((Role.FOCAL_POINT, "MEX", None), (Role.OBSERVER, "KEN", None))
CONTRIBUTOR_KEN_TWICE = person((Role.CONTRIBUTOR, "KEN", ["general"]),
                               (Role.CONTRIBUTOR, "KEN", ["cooperation"]))

PEOPLE = {
    "nobody": NOBODY, "admin": ADMIN, "reviewer": REVIEWER, "focal KEN": FOCAL_KEN,
    "contributor KEN (all)": CONTRIBUTOR_KEN_ALL,
    "contributor KEN (legislation)": CONTRIBUTOR_KEN_LEGISLATION,
    "observer KEN": OBSERVER_KEN, "focal MEX + observer KEN": FOCAL_MEX_OBSERVER_KEN,
    "contributor KEN (two grants)": CONTRIBUTOR_KEN_TWICE,
}

# Each row: who, then the expected answer of each predicate for KEN.
#   secretariat, admin, any state, read KEN, focal KEN, submit KEN, invite KEN, comment KEN,
#   review, any state or secretariat
TABLE = {
    "nobody":                         (0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "admin":                          (1, 1, 0, 1, 0, 0, 0, 1, 1, 1),
    "reviewer":                       (1, 0, 0, 1, 0, 0, 0, 1, 1, 1),
    "focal KEN":                      (0, 0, 1, 1, 1, 1, 1, 1, 0, 1),
    "contributor KEN (all)":          (0, 0, 1, 1, 0, 0, 0, 1, 0, 1),
    "contributor KEN (legislation)":  (0, 0, 1, 1, 0, 0, 0, 1, 0, 1),
    "observer KEN":                   (0, 0, 1, 1, 0, 0, 0, 0, 0, 1),
    "focal MEX + observer KEN":       (0, 0, 1, 1, 0, 0, 0, 0, 0, 1),
    "contributor KEN (two grants)":   (0, 0, 1, 1, 0, 0, 0, 1, 0, 1),
}
PREDICATES = (
    lambda u: access.is_secretariat(u),
    lambda u: access.is_secretariat_admin(u),
    lambda u: access.has_any_state(u),
    lambda u: access.can_read_state(u, "KEN"),
    lambda u: access.is_focal_point(u, "KEN"),
    lambda u: access.can_submit(u, "KEN"),
    lambda u: access.can_invite_contributors(u, "KEN"),
    lambda u: access.can_comment(u, "KEN"),
    lambda u: access.can_review(u),
    lambda u: access.has_any_state_or_secretariat(u),
)
PREDICATE_NAMES = (
    "is_secretariat", "is_secretariat_admin", "has_any_state", "can_read_state",
    "is_focal_point", "can_submit", "can_invite_contributors", "can_comment", "can_review",
    "has_any_state_or_secretariat",
)

EDITABLE = {  # section keys each person may change in KEN's response
    "nobody": set(), "admin": set(), "reviewer": set(), "focal KEN": set(SECTIONS),
    "contributor KEN (all)": set(SECTIONS), "contributor KEN (legislation)": {"legislation"},
    "observer KEN": set(), "focal MEX + observer KEN": set(),
    "contributor KEN (two grants)": {"general", "cooperation"},
}


@pytest.mark.parametrize("who", sorted(TABLE))
def test_predicates_for_kenya(who):
    got = tuple(int(bool(predicate(PEOPLE[who]))) for predicate in PREDICATES)
    assert dict(zip(PREDICATE_NAMES, got, strict=True)) == dict(
        zip(PREDICATE_NAMES, TABLE[who], strict=True))


@pytest.mark.parametrize("who", sorted(TABLE))
def test_nothing_of_kenya_reaches_mexico_unless_granted_there(who):
    user = PEOPLE[who]
    mexico = user is FOCAL_MEX_OBSERVER_KEN
    secretariat = access.is_secretariat(user)
    assert access.can_read_state(user, "MEX") == (secretariat or mexico)
    assert access.is_focal_point(user, "MEX") == mexico
    assert access.can_submit(user, "MEX") == mexico
    assert access.can_invite_contributors(user, "MEX") == mexico
    assert access.can_comment(user, "MEX") == (secretariat or mexico)
    assert access.editable_sections(user, "MEX", SECTIONS) == (set(SECTIONS) if mexico else set())


@pytest.mark.parametrize("who", sorted(EDITABLE))
def test_editable_sections_and_can_edit_section(who):
    user = PEOPLE[who]
    assert access.editable_sections(user, "KEN", SECTIONS) == EDITABLE[who]
    for section in SECTIONS:
        assert access.can_edit_section(user, "KEN", section, SECTIONS) == (
            section in EDITABLE[who])
    # A section that is not in the questionnaire is never editable, whatever the grant says.
    assert not access.can_edit_section(user, "KEN", "removed_section", SECTIONS)


def test_a_grant_naming_a_section_no_longer_in_the_questionnaire_gives_nothing():
    stale = person((Role.CONTRIBUTOR, "KEN", ["removed_section"]))
    assert access.editable_sections(stale, "KEN", SECTIONS) == set()


def test_the_tables_cover_every_predicate_of_the_module():
    public = {name for name, value in vars(access).items()
              if inspect.isfunction(value) and value.__module__ == access.__name__
              and not name.startswith("_")}
    assert public == {*PREDICATE_NAMES, "editable_sections", "can_edit_section"}
