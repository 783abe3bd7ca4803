"""The focal point's team page: who is on the State's team, what each did, invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import func, select

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
from models.user import new_session_token
from questionnaire import access
from web import audit
from web.admin.views import invite
from web.guard import ensure, guarded
from web.templating import current_language
from web.workspace import bp
from web.workspace.context import Workspace, load_workspace
from web.workspace.team_forms import InviteForm, SectionsForm


@dataclass(frozen=True)
class TeamMember:
    membership: Membership
    user: User
    changes: int
    last_change: datetime | None


def _team_workspace(iso3: str, cycle_id: int) -> Workspace:
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_invite_contributors(ws.user, ws.iso3))
    return ws


def _section_choices(ws: Workspace, lang: str) -> list[tuple[str, str]]:
    return [(s.key, s.title.get(lang)) for s in ws.definition.sections]


def team_members(ws: Workspace) -> list[TeamMember]:
    """The State's members with the answer changes each made in this cycle's response."""
    memberships = db.session.scalars(
        select(Membership).join(User).where(Membership.state_iso3 == ws.iso3)
        .order_by(Membership.role, User.email)).all()
    activity = {
        user_id: (count, last) for user_id, count, last in db.session.execute(
            select(AnswerChange.changed_by_id, func.count(), func.max(AnswerChange.changed_at))
            .where(AnswerChange.response_id == ws.response.id)
            .group_by(AnswerChange.changed_by_id))
    }
    return [
        TeamMember(m, m.user, *activity.get(m.user_id, (0, None)))
        for m in memberships if m.role in STATE_ROLES
    ]


def pending_invitations(iso3: str) -> list[AccountToken]:
    return list(db.session.scalars(
        select(AccountToken).where(
            AccountToken.purpose == TokenPurpose.INVITATION, AccountToken.state_iso3 == iso3,
            AccountToken.used_at.is_(None), AccountToken.expires_at > utcnow())
        .order_by(AccountToken.created_at.desc())))


def _render(ws: Workspace, form: InviteForm, lang: str, status: int = 200):
    choices = _section_choices(ws, lang)
    return render_template(
        "workspace/team.html", ws=ws, form=form, members=team_members(ws),
        invitations=pending_invitations(ws.iso3), section_titles=dict(choices),
        sections_form=lambda m: SectionsForm(
            formdata=None, prefix=f"m{m.id}", sections=list(m.sections or [])
        ).with_sections(choices),
        confirm=FlaskForm(),
    ), status


@bp.route("/team", methods=["GET", "POST"])
@guarded(access.has_any_state)
def team(iso3: str, cycle_id: int):
    ws = _team_workspace(iso3, cycle_id)
    lang = current_language()
    form = InviteForm().with_sections(_section_choices(ws, lang))
    if not form.validate_on_submit():
        return _render(ws, form, lang, status=400 if form.is_submitted() else 200)
    email = form.email.data.strip().lower()
    role = Role(form.role.data)
    already = db.session.scalar(select(Membership).join(User).where(
        func.lower(User.email) == email, Membership.state_iso3 == ws.iso3))
    if already is not None:
        form.email.errors.append(_("This person is already on the team."))
        return _render(ws, form, lang, status=400)
    if any(token.email == email for token in pending_invitations(ws.iso3)):
        form.email.errors.append(_("This person has already been invited and has not yet "
                                   "accepted."))
        return _render(ws, form, lang, status=400)
    sections = list(form.sections.data or []) if role is Role.CONTRIBUTOR else []
    invite(email, role, ws.iso3, inviter=ws.user, sections=sections, locale=ws.user.locale)
    flash(_("Invitation sent to %(email)s.", email=email), "success")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))


def _member_or_404(ws: Workspace, membership_id: int, roles: tuple[Role, ...]) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.state_iso3 != ws.iso3 or membership.role not in roles:
        abort(404)
    return membership


@bp.route("/team/members/<int:membership_id>/sections", methods=["POST"])
@guarded(access.has_any_state)
def change_sections(iso3: str, cycle_id: int, membership_id: int):
    ws = _team_workspace(iso3, cycle_id)
    membership = _member_or_404(ws, membership_id, (Role.CONTRIBUTOR,))
    form = SectionsForm(prefix=f"m{membership.id}").with_sections(
        _section_choices(ws, current_language()))
    if form.validate_on_submit():
        before = list(membership.sections or [])
        membership.sections = [s.key for s in ws.definition.sections
                               if s.key in set(form.sections.data or [])]
        audit.record("team.sections_changed", actor=ws.user, state=ws.iso3,
                     object_type="user", object_id=membership.user_id,
                     email=membership.user.email, before=before, after=membership.sections)
        flash(_("The sections of %(email)s were changed.", email=membership.user.email),
              "success")
    else:
        flash(_("The sections could not be changed: choose sections from the list."), "error")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))


@bp.route("/team/members/<int:membership_id>/remove", methods=["POST"])
@guarded(access.has_any_state)
def remove_member(iso3: str, cycle_id: int, membership_id: int):
    ws = _team_workspace(iso3, cycle_id)
    membership = _member_or_404(ws, membership_id, (Role.CONTRIBUTOR, Role.OBSERVER))
    if FlaskForm().validate_on_submit():
        user = membership.user
        user.memberships.remove(membership)
        user.session_token = new_session_token()  # the change applies at once
        audit.record("team.role_removed", actor=ws.user, state=ws.iso3, object_type="user",
                     object_id=user.id, email=user.email, role=membership.role.value)
        flash(_("%(email)s is no longer on the team.", email=user.email), "success")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))
