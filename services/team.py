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
    SECRETARIAT_ROLES,
    STATE_ROLES,
    AccountToken,
    AnswerChange,
    Membership,
    Role,
    TokenEnd,
    TokenPurpose,
    User,
    db,
    utcnow,
)
from questionnaire import access
from services import audit, sessions
from services.errors import Conflict, Forbidden, NotFound
from services.notify import notify
from services.registry import get_state
from services.tokens import (
    ENDED_MESSAGES,
    TokenError,
    end_token,
    find_token,
    issue_token,
    revoke_tokens,
    spend_token,
)


class InvitationRefused(Conflict):
    """``reason`` is ``"member"`` (the person already has a role there) or ``"pending"``
    (an invitation to the same place is waiting to be accepted)."""

    def __init__(self, reason: str, email: str) -> None:
        super().__init__(f"{email}: {reason}")
        self.reason = reason
        self.email = email


class InvitationClosed(Conflict):
    """The invitation was already accepted, withdrawn, ended or has expired."""


#: Why an invitation gives access across the walls between States and the secretariat.
SECRETARIAT_RIGHTS = "secretariat_role"  # it grants a secretariat role
OTHER_STATE = "other_state"  # the person already has a role for another State
SECRETARIAT_MEMBER = "secretariat_member"  # the person belongs to the secretariat


@dataclass(frozen=True)
class CrossAccess:
    """What an invitation crosses (``reasons``, empty when nothing) and, for the secretariat's
    eyes only, the other States the person already has a role for."""

    reasons: tuple[str, ...] = ()
    other_states: tuple[str, ...] = ()


class CrossAccessUnconfirmed(Conflict):
    """The invitation crosses ``cross.reasons`` that the inviter has not confirmed yet."""

    def __init__(self, cross: CrossAccess, email: str) -> None:
        super().__init__(f"{email}: confirm {', '.join(cross.reasons)}")
        self.cross = cross


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


def pending_invitations_everywhere() -> list[AccountToken]:
    """Every invitation not yet accepted, ended nor expired, oldest first."""
    return list(db.session.scalars(
        select(AccountToken).where(
            AccountToken.purpose == TokenPurpose.INVITATION, AccountToken.used_at.is_(None),
            AccountToken.expires_at > utcnow())
        .order_by(AccountToken.created_at, AccountToken.id)))


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


def may_invite(user: User | None, state_iso3: str | None) -> bool:
    """Whether ``user`` may invite people to a State (``None``: to the secretariat), and so
    withdraw its invitations: its focal points and the secretariat's administrators, while
    their account is active."""
    if user is None or not user.active:
        return False
    if access.is_secretariat_admin(user):
        return True
    return state_iso3 is not None and access.can_invite_contributors(user, state_iso3)


def cross_access(email: str, role: Role, state_iso3: str | None) -> CrossAccess:
    """What inviting ``email`` as ``role`` of ``state_iso3`` would cross."""
    reasons: list[str] = [SECRETARIAT_RIGHTS] if role in SECRETARIAT_ROLES else []
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    memberships = list(user.memberships) if user is not None else []
    others = sorted({m.state_iso3 for m in memberships
                     if m.state_iso3 is not None and m.state_iso3 != state_iso3})
    if others:
        reasons.append(OTHER_STATE)
    if state_iso3 is not None and any(m.role in SECRETARIAT_ROLES for m in memberships):
        reasons.append(SECRETARIAT_MEMBER)
    return CrossAccess(tuple(reasons), tuple(others))


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
           sections: Iterable[str] | None = None, locale: str = "en",
           confirmed: Iterable[str] = (), review_link: str = "") -> AccountToken:
    """Check, create, mail and audit an invitation. ``accept_link`` turns the token's secret
    into the link the mail carries; ``sections`` apply to contributors only.

    An invitation that crosses from one State to another or to the secretariat
    (:func:`cross_access`) is sent only once the inviter has seen and ``confirmed`` each
    reason (:class:`CrossAccessUnconfirmed` before); it is then audited and the secretariat's
    administrators are told, with ``review_link`` to the page where it can be withdrawn.
    """
    email = email.strip().lower()
    if not may_invite(inviter, state_iso3):
        raise Forbidden(f"{inviter.email} may not invite people there")
    check_invitation(email, state_iso3)
    cross = cross_access(email, role, state_iso3)
    if set(cross.reasons) - set(confirmed):
        raise CrossAccessUnconfirmed(cross, email)
    chosen = list(sections or []) if role is Role.CONTRIBUTOR else []
    token, secret = issue_token(TokenPurpose.INVITATION, email, role=role, state_iso3=state_iso3,
                                sections=chosen, created_by=inviter)
    state = get_state(state_iso3) if state_iso3 else None
    notify(token.email, "invitation", locale, inviter=inviter.name or inviter.email,
           role=role.value, state=state.name(locale) if state else None,
           link=accept_link(secret))
    audit.record("invitation.sent", actor=inviter, state=state_iso3, object_type="account_token",
                 object_id=token.id, email=token.email, role=role.value)
    if cross.reasons:
        _report_cross_access(token, cross, inviter, review_link)
    return token


def _report_cross_access(token: AccountToken, cross: CrossAccess, inviter: User,
                         review_link: str) -> None:
    assert token.role is not None, "an invitation always names a role"
    audit.record("invitation.cross_access", actor=inviter, state=token.state_iso3,
                 object_type="account_token", object_id=token.id, email=token.email,
                 role=token.role.value, reasons=list(cross.reasons),
                 other_states=list(cross.other_states))
    admins = db.session.scalars(
        select(User).join(Membership).where(User.active.is_(True), User.id != inviter.id,
                                            Membership.role == Role.SECRETARIAT_ADMIN)
        .distinct().order_by(User.email))
    for admin in admins:
        state = get_state(token.state_iso3) if token.state_iso3 else None
        notify(admin.email, "invitation_cross_access", admin.locale,
               inviter=inviter.name or inviter.email, email=token.email,
               role=token.role.value, state=state.name(admin.locale) if state else None,
               reasons=list(cross.reasons), other_states=list(cross.other_states),
               link=review_link)


def open_invitation(secret: str) -> AccountToken:
    """The invitation behind a link, if it may still be accepted; :class:`TokenError` with the
    reason otherwise. One whose inviter has lost the right to invite ends here."""
    invitation = find_token(TokenPurpose.INVITATION, secret)
    if invitation.created_by is not None and not may_invite(invitation.created_by,
                                                            invitation.state_iso3):
        _end_invitation(invitation, TokenEnd.INVITER_LOST_RIGHT)
        raise TokenError(ENDED_MESSAGES[TokenEnd.INVITER_LOST_RIGHT])
    return invitation


def invitation_by_id(invitation_id: int, *, within: str | None = None) -> AccountToken:
    """An invitation; with ``within``, only one to that State (:class:`NotFound` otherwise)."""
    token = db.session.get(AccountToken, invitation_id)
    if token is None or token.purpose is not TokenPurpose.INVITATION or (
            within is not None and token.state_iso3 != within):
        raise NotFound(f"no invitation {invitation_id}" + (f" to {within}" if within else ""))
    return token


def withdraw_invitation(invitation: AccountToken, *, actor: User | None) -> None:
    """Stop an invitation at once; whoever opens its link reads that it was withdrawn.
    ``actor`` ``None`` is the operator at the command line (``flask users withdraw``)."""
    if actor is not None and not may_invite(actor, invitation.state_iso3):
        raise Forbidden(f"{actor.email} may not withdraw invitations there")
    if not invitation.is_pending:
        raise InvitationClosed(f"invitation {invitation.id} is no longer waiting")
    _end_invitation(invitation, TokenEnd.WITHDRAWN, actor)
    _tell_invitee(invitation)


def _end_invitation(invitation: AccountToken, reason: TokenEnd, actor: User | None = None) -> None:
    assert invitation.role is not None, "an invitation always names a role"
    end_token(invitation, reason, actor)
    audit.record("invitation.withdrawn" if reason is TokenEnd.WITHDRAWN else "invitation.ended",
                 actor=actor, state=invitation.state_iso3, object_type="account_token",
                 object_id=invitation.id, email=invitation.email,
                 role=invitation.role.value, reason=reason.value)


def end_invitations_sent_by(user: User) -> int:
    """End the waiting invitations ``user`` sent to places where they may no longer invite
    (deactivated, role removed); returns how many."""
    waiting = db.session.scalars(select(AccountToken).where(
        AccountToken.purpose == TokenPurpose.INVITATION, AccountToken.created_by_id == user.id,
        AccountToken.used_at.is_(None)))
    ended = 0
    for invitation in waiting:
        if not may_invite(user, invitation.state_iso3):
            _end_invitation(invitation, TokenEnd.INVITER_LOST_RIGHT)
            _tell_invitee(invitation)
            ended += 1
    return ended


def _tell_invitee(invitation: AccountToken) -> None:
    """Mail the invitee that the link no longer works and why, in the language the invitation
    was written in (its inviter's)."""
    inviter = invitation.created_by
    locale = inviter.locale if inviter is not None else "en"
    state = get_state(invitation.state_iso3) if invitation.state_iso3 else None
    notify(invitation.email, "invitation_ended", locale,
           inviter=(inviter.name or inviter.email) if inviter is not None else "EnvSAQ",
           state=state.name(locale) if state else None, reason=invitation.ended_reason)


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
               action: str = "role.granted") -> Membership:
    """Add a role; :class:`RoleAlreadyHeld` if the user has it already."""
    if any(m.role is role and m.state_iso3 == state_iso3 for m in user.memberships):
        raise RoleAlreadyHeld(f"{user.email} already has the role {role.value}"
                              + (f" for {state_iso3}" if state_iso3 else ""))
    membership = Membership(role=role, state_iso3=state_iso3)
    user.memberships.append(membership)
    audit.record(action, state=state_iso3, object_type="user",
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
    end_invitations_sent_by(user)
    audit.record("role.revoked", state=membership.state_iso3, object_type="user",
                 object_id=user.id, email=user.email, role=membership.role.value)


def deactivate(user: User, actor: User | None = None) -> None:
    """Deactivate an account and end its sessions (not one's own)."""
    if actor is not None and actor.id == user.id:
        raise OwnAccountRefused("users may not deactivate their own account")
    user.active = False
    sessions.end_sessions(user)
    # Invitations to the account die with it, and so do those it sent.
    revoke_tokens(TokenPurpose.INVITATION, user.email, TokenEnd.INVITEE_DEACTIVATED)
    end_invitations_sent_by(user)
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
    """A focal point takes a contributor or observer off the team; their sessions end and a
    message tells them, in their language, who removed them from which State's team."""
    user = membership.user
    user.memberships.remove(membership)
    sessions.end_sessions(user)
    end_invitations_sent_by(user)
    state = get_state(membership.state_iso3) if membership.state_iso3 else None
    notify(user.email, "team_removed", user.locale, person=user.name or user.email,
           remover=actor.name or actor.email, remover_email=actor.email,
           role=membership.role.value, state=state.name(user.locale) if state else "")
    audit.record("team.role_removed", actor=actor, state=membership.state_iso3,
                 object_type="user", object_id=user.id, email=user.email,
                 role=membership.role.value)
    return user
