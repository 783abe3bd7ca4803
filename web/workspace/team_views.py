"""The focal point's team page: who is on the State's team, what each did, invitations."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from models import Role
from questionnaire import access
from services import team as team_service
from web.form_fields import confirmed_codes
from web.guard import ensure, guarded
from web.links import admin_invitations_link, invitation_link
from web.team_messages import (
    confirmation_values,
    cross_access_warnings,
    invitation_refusal_message,
)
from web.templating import current_language
from web.workspace import bp
from web.workspace.context import Workspace, load_workspace
from web.workspace.team_forms import InviteForm, SectionsForm


def _team_workspace(iso3: str, cycle_id: int) -> Workspace:
    ws = load_workspace(iso3, cycle_id)
    ensure(access.can_invite_contributors(ws.user, ws.iso3))
    return ws


def _section_choices(ws: Workspace, lang: str) -> list[tuple[str, str]]:
    return [(s.key, s.title.get(lang)) for s in ws.definition.sections]


def _render(ws: Workspace, form: InviteForm, lang: str, status: int = 200,
            cross: team_service.CrossAccess | None = None):
    choices = _section_choices(ws, lang)
    return render_template(
        "workspace/team.html", ws=ws, form=form,
        cross_warnings=cross_access_warnings(cross) if cross else [],
        cross_values=confirmation_values(form, cross) if cross else [],
        members=team_service.team_members(ws.iso3, ws.response.id),
        invitations=team_service.pending_invitations(ws.iso3), section_titles=dict(choices),
        sections_form=lambda m: SectionsForm(
            formdata=None, prefix=f"m{m.id}", sections=list(m.sections or [])
        ).with_sections(choices),
        confirm=FlaskForm(),  # the CSRF field of the invitations' Withdraw buttons
    ), status


@bp.route("/team", methods=["GET", "POST"])
@guarded(access.has_any_state)
def team(iso3: str, cycle_id: int):
    ws = _team_workspace(iso3, cycle_id)
    lang = current_language()
    form = InviteForm().with_sections(_section_choices(ws, lang))
    if not form.validate_on_submit():
        return _render(ws, form, lang, status=400 if form.is_submitted() else 200)
    try:
        token = team_service.invite(
            form.email.data, Role(form.role.data), ws.iso3, inviter=ws.user,
            sections=form.sections.data, locale=ws.user.locale,
            accept_link=invitation_link, confirmed=confirmed_codes(form.confirmed),
            review_link=admin_invitations_link())
    except team_service.InvitationRefused as refusal:
        form.email.errors.append(invitation_refusal_message(refusal))
        return _render(ws, form, lang, status=400)
    except team_service.CrossAccessUnconfirmed as unconfirmed:
        return _render(ws, form, lang, cross=unconfirmed.cross)
    flash(_("Invitation sent to %(email)s.", email=token.email), "success")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))


@bp.route("/team/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@guarded(access.has_any_state)
def withdraw_invitation(iso3: str, cycle_id: int, invitation_id: int):
    ws = _team_workspace(iso3, cycle_id)
    invitation = team_service.invitation_by_id(invitation_id, within=ws.iso3)
    if FlaskForm().validate_on_submit():
        try:
            team_service.withdraw_invitation(invitation, actor=ws.user)
        except team_service.InvitationClosed:
            flash(_("This invitation was no longer waiting: nothing was changed."), "info")
        else:
            flash(_("The invitation to %(email)s is withdrawn: its link no longer works.",
                    email=invitation.email), "success")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))


@bp.route("/team/members/<int:membership_id>/sections", methods=["POST"])
@guarded(access.has_any_state)
def change_sections(iso3: str, cycle_id: int, membership_id: int):
    ws = _team_workspace(iso3, cycle_id)
    membership = team_service.team_member(ws.iso3, membership_id, (Role.CONTRIBUTOR,))
    form = SectionsForm(prefix=f"m{membership.id}").with_sections(
        _section_choices(ws, current_language()))
    if form.validate_on_submit():
        team_service.change_sections(membership, form.sections.data or [],
                                     [s.key for s in ws.definition.sections], actor=ws.user)
        flash(_("The sections of %(email)s were changed.", email=membership.user.email),
              "success")
    else:
        flash(_("The sections could not be changed: choose sections from the list."), "error")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))


@bp.route("/team/members/<int:membership_id>/remove", methods=["GET", "POST"])
@guarded(access.has_any_state)
def remove_member(iso3: str, cycle_id: int, membership_id: int):
    """GET asks first, naming the person; POST takes them off the team and mails them."""
    ws = _team_workspace(iso3, cycle_id)
    membership = team_service.team_member(ws.iso3, membership_id,
                                          (Role.CONTRIBUTOR, Role.OBSERVER))
    form = FlaskForm()
    if not form.is_submitted():
        return render_template("workspace/team_remove.html", ws=ws, membership=membership,
                               person=membership.user, form=form)
    if form.validate_on_submit():
        user = team_service.remove_from_team(membership, actor=ws.user)
        flash(_("%(person)s is no longer on the team; a message tells them so.",
                person=user.name or user.email), "success")
    return redirect(url_for(".team", iso3=ws.iso3, cycle_id=cycle_id))
