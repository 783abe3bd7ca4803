"""Who may do what: every permission rule of the application, as plain predicates.

Views call these (through ``web.guard``); nothing else decides access.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from questionnaire.roles import SECRETARIAT_ROLES, Role


class Membership(Protocol):
    """A role held for one State (``state_iso3``) or for the secretariat (None)."""

    @property
    def role(self) -> Role: ...
    @property
    def state_iso3(self) -> str | None: ...
    @property
    def sections(self) -> Sequence[str] | None: ...


class User(Protocol):
    """What the rules need to know about a person (``models.User`` is one)."""

    @property
    def memberships(self) -> Sequence[Membership]: ...
    @property
    def state_codes(self) -> list[str]: ...

    def has_role(self, *roles: Role) -> bool: ...


def is_secretariat(user: User) -> bool:
    return user.has_role(*SECRETARIAT_ROLES)


def is_secretariat_admin(user: User) -> bool:
    return user.has_role(Role.SECRETARIAT_ADMIN)


def has_any_state(user: User) -> bool:
    return bool(user.state_codes)


def can_read_state(user: User, iso3: str) -> bool:
    """Secretariat staff read every State; State members read their own State only."""
    return is_secretariat(user) or any(m.state_iso3 == iso3 for m in user.memberships)


def is_focal_point(user: User, iso3: str) -> bool:
    return any(m.role is Role.FOCAL_POINT and m.state_iso3 == iso3 for m in user.memberships)


def editable_sections(user: User, iso3: str, all_sections: Iterable[str]) -> set[str]:
    """The section keys ``user`` may change in the State's response (none for observers)."""
    all_sections = list(all_sections)
    allowed: set[str] = set()
    for membership in user.memberships:
        if membership.state_iso3 != iso3:
            continue
        if membership.role is Role.FOCAL_POINT:
            return set(all_sections)
        if membership.role is Role.CONTRIBUTOR:
            allowed.update(membership.sections or all_sections)
    return allowed & set(all_sections)


def can_edit_section(user: User, iso3: str, section_key: str, all_sections: Iterable[str]) -> bool:
    return section_key in editable_sections(user, iso3, all_sections)


def can_submit(user: User, iso3: str) -> bool:
    return is_focal_point(user, iso3)


def can_invite_contributors(user: User, iso3: str) -> bool:
    return is_focal_point(user, iso3)


def can_comment(user: User, iso3: str) -> bool:
    """Secretariat staff and the State's focal point and contributors (not observers)."""
    if is_secretariat(user):
        return True
    return any(
        m.state_iso3 == iso3 and m.role in (Role.FOCAL_POINT, Role.CONTRIBUTOR)
        for m in user.memberships
    )


def can_review(user: User) -> bool:
    return is_secretariat(user)


def has_any_state_or_secretariat(user: User) -> bool:
    """May open some State workspace (their own, or any for the secretariat)."""
    return is_secretariat(user) or has_any_state(user)
