"""Views of the administration pages."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import Role
from questionnaire.access import is_secretariat_admin
from services import audit, team
from services.errors import NotFound
from services.users import get_user
from web.admin import bp
from web.admin.forms import ConfirmForm, FilterForm, InvitationForm, RoleForm
from web.form_fields import confirmed_codes
from web.guard import guarded
from web.links import admin_invitations_link, invitation_link
from web.pagination import paginate
from web.team_messages import (
    confirmation_values,
    cross_access_warnings,
    invitation_refusal_message,
)


@bp.route("/users")
@guarded(is_secretariat_admin)
def users():
    query = (request.args.get("q") or "").strip()
    page = paginate(team.users_matching(query), per_page=50)
    return render_template("admin/users.html", page=page, query=query)


@bp.route("/users/<int:user_id>")
@guarded(is_secretariat_admin)
def user_detail(user_id: int):
    user = get_user(user_id)
    return render_template("admin/user_detail.html", user=user, role_form=RoleForm(),
                           confirm=ConfirmForm())


@bp.route("/users/<int:user_id>/memberships", methods=["POST"])
@guarded(is_secretariat_admin)
def add_membership(user_id: int):
    user = get_user(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return render_template("admin/user_detail.html", user=user, role_form=form,
                               confirm=ConfirmForm()), 400
    try:
        team.grant_role(user, Role(form.role.data), form.state.data)
    except team.RoleAlreadyHeld:
        flash(_("The user already has this role."), "info")
    else:
        flash(_("Role added."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/memberships/<int:membership_id>/remove", methods=["POST"])
@guarded(is_secretariat_admin)
def remove_membership(user_id: int, membership_id: int):
    user = get_user(user_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("admin.user_detail", user_id=user.id))
    try:
        membership = team.membership_of(user, membership_id)
        team.revoke_role(user, membership, actor=current_user._get_current_object())
    except NotFound:
        pass
    except team.OwnAccountRefused:
        flash(_("You cannot remove your own administrator role."), "error")
    else:
        flash(_("Role removed."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@guarded(is_secretariat_admin)
def deactivate_user(user_id: int):
    user = get_user(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            team.deactivate(user, actor=current_user._get_current_object())
        except team.OwnAccountRefused:
            flash(_("You cannot deactivate your own account."), "error")
        else:
            flash(_("The account is deactivated and its sessions have ended."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@guarded(is_secretariat_admin)
def reactivate_user(user_id: int):
    user = get_user(user_id)
    if ConfirmForm().validate_on_submit():
        team.reactivate(user)
        flash(_("The account is active again."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/invitations", methods=["GET", "POST"])
@guarded(is_secretariat_admin)
def invitations():
    form = InvitationForm()
    cross = None
    if form.validate_on_submit():
        try:
            team.invite(form.email.data, Role(form.role.data), form.state.data,
                        inviter=current_user._get_current_object(), locale=current_user.locale,
                        accept_link=invitation_link, confirmed=confirmed_codes(form.confirmed),
                        review_link=admin_invitations_link())
        except team.InvitationRefused as refusal:
            form.email.errors.append(invitation_refusal_message(refusal))
        except team.CrossAccessUnconfirmed as unconfirmed:
            cross = unconfirmed.cross
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("admin.invitations"))
    page = paginate(team.all_invitations(), per_page=50)
    status = 400 if request.method == "POST" and cross is None else 200
    return render_template(
        "admin/invitations.html", form=form, page=page, confirm=ConfirmForm(),
        cross_warnings=cross_access_warnings(cross) if cross else [],
        cross_values=confirmation_values(form, cross) if cross else []), status


@bp.route("/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@guarded(is_secretariat_admin)
def withdraw_invitation(invitation_id: int):
    invitation = team.invitation_by_id(invitation_id)
    if ConfirmForm().validate_on_submit():
        try:
            team.withdraw_invitation(invitation, actor=current_user._get_current_object())
        except team.InvitationClosed:
            flash(_("This invitation was no longer waiting: nothing was changed."), "info")
        else:
            flash(_("The invitation to %(email)s is withdrawn: its link no longer works.",
                    email=invitation.email), "success")
    return redirect(url_for("admin.invitations"))


@bp.route("/audit")
@guarded(is_secretariat_admin)
def audit_log():
    form = FilterForm(request.args)
    filters = {"action": (form.action.data or "").strip(),
               "actor": (form.actor.data or "").strip(),
               "state": (form.state.data or "").strip()} if form.validate() else {}
    page = paginate(audit.events_matching(**filters), per_page=100)
    return render_template("admin/audit.html", form=form, page=page)
