"""Who may act for a State or the secretariat: invitations, roles, team sections, deactivation.

One rule set for every path that changes memberships: the administration pages, a focal point's
team page and the ``flask users`` commands all call these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from models import (
    STATE_ROLES,
    AccountToken,
    AnswerChange,
    Membership,
    Role,
    TokenPurpose,
    User,
    db,
    utcnow,
)
from services import audit, sessions
from services.errors import Conflict, Forbidden, NotFound
from services.notify import notify
from services.registry import get_state
from services.tokens import issue_token, revoke_tokens, spend_token


class InvitationRefused(Conflict):
    """``reason`` is ``"member"`` (the person already has a role there) or ``"pending"``
    (an invitation to the same place is waiting to be accepted)."""

    def __init__(self, reason: str, email: str) -> None:
        super().__init__(f"{email}: {reason}")
        self.reason = reason
        self.email = email


class RoleAlreadyHeld(Conflict):
    """The user already has this role (for this State)."""


class OwnAccountRefused(Forbidden):
    """Users may not deactivate themselves nor remove their own administrator role."""


@dataclass(frozen=True)
class TeamMember:
    membership: Membership
    user: User
    changes: int
    last_change: datetime | None


def team_members(iso3: str, response_id: int) -> list[TeamMember]:
    """The State's members with the answer changes each made in this response."""
    memberships = db.session.scalars(
        select(Membership).join(User).where(Membership.state_iso3 == iso3)
        .order_by(Membership.role, User.email)).all()
    activity = {
        user_id: (count, last) for user_id, count, last in db.session.execute(
            select(AnswerChange.changed_by_id, func.count(), func.max(AnswerChange.changed_at))
            .where(AnswerChange.response_id == response_id)
            .group_by(AnswerChange.changed_by_id))
    }
    return [
        TeamMember(m, m.user, *activity.get(m.user_id, (0, None)))
        for m in memberships if m.role in STATE_ROLES
    ]


def users_matching(text: str = "") -> Select:
    """Accounts whose email contains ``text`` (all when empty), by email, to page through."""
    stmt = select(User).order_by(User.email)
    if text:
        # autoescape: % and _ typed in the search box are letters, not wildcards
        stmt = stmt.where(func.lower(User.email).contains(text.lower(), autoescape=True))
    return stmt


def all_invitations() -> Select:
    """Every invitation, newest first, to page through."""
    return (select(AccountToken).where(AccountToken.purpose == TokenPurpose.INVITATION)
            .order_by(AccountToken.created_at.desc()))


def _same_place(column: Any, state_iso3: str | None) -> Any:
    return column.is_(None) if state_iso3 is None else column == state_iso3


def pending_invitations(state_iso3: str | None) -> list[AccountToken]:
    """Invitations to a State (``None``: to the secretariat) not yet accepted nor expired."""
    return list(db.session.scalars(
        select(AccountToken).where(
            AccountToken.purpose == TokenPurpose.INVITATION,
            _same_place(AccountToken.state_iso3, state_iso3),
            AccountToken.used_at.is_(None), AccountToken.expires_at > utcnow())
        .order_by(AccountToken.created_at.desc())))


def check_invitation(email: str, state_iso3: str | None) -> None:
    """Refuse to invite someone who already has a role in that State (or, for ``None``, in the
    secretariat) or who already has an invitation there waiting."""
    email = email.strip().lower()
    member = db.session.scalar(select(Membership).join(User).where(
        func.lower(User.email) == email, _same_place(Membership.state_iso3, state_iso3)))
    if member is not None:
        raise InvitationRefused("member", email)
    if any(token.email == email for token in pending_invitations(state_iso3)):
        raise InvitationRefused("pending", email)


def invite(email: str, role: Role, state_iso3: str | None, *, inviter: User,
           accept_link: Callable[[str], str],
           sections: Iterable[str] | None = None, locale: str = "en") -> AccountToken:
    """Check, create, mail and audit an invitation. ``accept_link`` turns the token's secret
    into the link the mail carries; ``sections`` apply to contributors only."""
    email = email.strip().lower()
    check_invitation(email, state_iso3)
    chosen = list(sections or []) if role is Role.CONTRIBUTOR else []
    token, secret = issue_token(TokenPurpose.INVITATION, email, role=role, state_iso3=state_iso3,
                                sections=chosen, created_by=inviter)
    state = get_state(state_iso3) if state_iso3 else None
    notify(token.email, "invitation", locale, inviter=inviter.name or inviter.email,
           role=role.value, state=state.name(locale) if state else None,
           link=accept_link(secret))
    audit.record("invitation.sent", actor=inviter, state=state_iso3, object_type="account_token",
                 object_id=token.id, email=token.email, role=role.value)
    return token


def accept_invitation(invitation: AccountToken, *, name: str, password_hash: str) -> User:
    """Create the account of a person invited at an address that has none yet."""
    assert invitation.role is not None, "an invitation always names a role"
    user = User(email=invitation.email, name=name, password_hash=password_hash)
    db.session.add(user)
    db.session.flush()
    return join_by_invitation(invitation, user)


def join_by_invitation(invitation: AccountToken, user: User) -> User:
    """Add the invitation's role to ``user``, who has signed in as themselves (password and
    second factor). Nothing else of the account changes: not its password, not its
    two-factor settings, and a deactivated account is never reactivated."""
    assert invitation.role is not None, "an invitation always names a role"
    if not user.active:
        raise Forbidden(f"{user.email} is deactivated; an invitation does not reactivate it")
    if not any(m.role is invitation.role and m.state_iso3 == invitation.state_iso3
               for m in user.memberships):
        user.memberships.append(Membership(role=invitation.role, state_iso3=invitation.state_iso3,
                                           sections=list(invitation.sections or [])))
    spend_token(invitation)
    audit.record("invitation.accepted", actor=user, state=invitation.state_iso3,
                 object_type="account_token", object_id=invitation.id,
                 role=invitation.role.value)
    return user


def grant_role(user: User, role: Role, state_iso3: str | None, *,
               actor_email: str | None = None, action: str = "role.granted") -> Membership:
    """Add a role; :class:`RoleAlreadyHeld` if the user has it already."""
    if any(m.role is role and m.state_iso3 == state_iso3 for m in user.memberships):
        raise RoleAlreadyHeld(f"{user.email} already has the role {role.value}"
                              + (f" for {state_iso3}" if state_iso3 else ""))
    membership = Membership(role=role, state_iso3=state_iso3)
    user.memberships.append(membership)
    audit.record(action, actor_email=actor_email, state=state_iso3, object_type="user",
                 object_id=user.id, email=user.email, role=role.value)
    return membership


def membership_of(user: User, membership_id: int) -> Membership:
    membership = next((m for m in user.memberships if m.id == membership_id), None)
    if membership is None:
        raise NotFound(f"user {user.id} has no membership {membership_id}")
    return membership


def revoke_role(user: User, membership: Membership, *, actor: User) -> None:
    """Remove a role; the user's sessions end so that it applies at once."""
    if user.id == actor.id and membership.role is Role.SECRETARIAT_ADMIN:
        raise OwnAccountRefused("an administrator may not remove their own administrator role")
    user.memberships.remove(membership)
    sessions.end_sessions(user)
    audit.record("role.revoked", state=membership.state_iso3, object_type="user",
                 object_id=user.id, email=user.email, role=membership.role.value)


def deactivate(user: User, actor: User | None = None) -> None:
    """Deactivate an account and end its sessions (not one's own)."""
    if actor is not None and actor.id == user.id:
        raise OwnAccountRefused("users may not deactivate their own account")
    user.active = False
    sessions.end_sessions(user)
    revoke_tokens(TokenPurpose.INVITATION, user.email)  # pending invitations die with it
    audit.record("user.deactivated", actor=actor, object_type="user", object_id=user.id,
                 email=user.email)


def reactivate(user: User) -> None:
    user.active = True
    audit.record("user.reactivated", object_type="user", object_id=user.id, email=user.email)


def team_member(iso3: str, membership_id: int, roles: Iterable[Role]) -> Membership:
    """A membership of the State's team with one of ``roles``; :class:`NotFound` otherwise."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.state_iso3 != iso3 or membership.role not in set(roles):
        raise NotFound(f"no team member {membership_id} in {iso3}")
    return membership


def change_sections(membership: Membership, chosen: Iterable[str], section_keys: list[str], *,
                    actor: User) -> None:
    """Limit a contributor to ``chosen`` sections (kept in questionnaire order)."""
    before = list(membership.sections or [])
    wanted = set(chosen)
    membership.sections = [key for key in section_keys if key in wanted]
    audit.record("team.sections_changed", actor=actor, state=membership.state_iso3,
                 object_type="user", object_id=membership.user_id,
                 email=membership.user.email, before=before, after=membership.sections)


def remove_from_team(membership: Membership, *, actor: User) -> User:
    """A focal point takes a contributor or observer off the team; their sessions end."""
    user = membership.user
    user.memberships.remove(membership)
    sessions.end_sessions(user)
    audit.record("team.role_removed", actor=actor, state=membership.state_iso3,
                 object_type="user", object_id=user.id, email=user.email,
                 role=membership.role.value)
    return user
