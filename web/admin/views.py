"""Views of the administration pages."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from models import AccountToken, AuditEvent, Membership, Role, TokenPurpose, User, db
from models.user import new_session_token
from questionnaire.access import is_secretariat_admin
from web import audit
from web.accounts.tokens import issue_token
from web.admin import bp
from web.admin.forms import ConfirmForm, FilterForm, InvitationForm, RoleForm
from web.guard import guarded
from web.labels import role_label
from web.mail import send_template
from web.pagination import paginate
from web.registry import get_state


def invite(email: str, role: Role, state_iso3: str | None, *, inviter: User,
           sections: list[str] | None = None, locale: str = "en") -> AccountToken:
    """Create an invitation, mail it, and audit it."""
    token, secret = issue_token(TokenPurpose.INVITATION, email, role=role, state_iso3=state_iso3,
                                sections=sections, created_by=inviter)
    state = get_state(state_iso3) if state_iso3 else None
    send_template(
        token.email, "invitation", locale,
        inviter=inviter.name or inviter.email, role=role_label(role),
        state=state.name(locale) if state else None,
        link=url_for("auth.accept_invitation", token=secret, _external=True),
    )
    audit.record("invitation.sent", actor=inviter, state=state_iso3, object_type="account_token",
                 object_id=token.id, email=token.email, role=role.value)
    return token


@bp.route("/users")
@guarded(is_secretariat_admin)
def users():
    query = (request.args.get("q") or "").strip()
    stmt = select(User).order_by(User.email)
    if query:
        stmt = stmt.where(func.lower(User.email).contains(query.lower()))
    page = paginate(stmt, per_page=50)
    return render_template("admin/users.html", page=page, query=query)


@bp.route("/users/<int:user_id>")
@guarded(is_secretariat_admin)
def user_detail(user_id: int):
    user = db.get_or_404(User, user_id)
    return render_template("admin/user_detail.html", user=user, role_form=RoleForm(),
                           confirm=ConfirmForm())


@bp.route("/users/<int:user_id>/memberships", methods=["POST"])
@guarded(is_secretariat_admin)
def add_membership(user_id: int):
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return render_template("admin/user_detail.html", user=user, role_form=form,
                               confirm=ConfirmForm()), 400
    role = Role(form.role.data)
    if any(m.role is role and m.state_iso3 == form.state.data for m in user.memberships):
        flash(_("The user already has this role."), "info")
    else:
        user.memberships.append(Membership(role=role, state_iso3=form.state.data))
        audit.record("role.granted", state=form.state.data, object_type="user",
                     object_id=user.id, email=user.email, role=role.value)
        flash(_("Role added."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/memberships/<int:membership_id>/remove", methods=["POST"])
@guarded(is_secretariat_admin)
def remove_membership(user_id: int, membership_id: int):
    user = db.get_or_404(User, user_id)
    membership = next((m for m in user.memberships if m.id == membership_id), None)
    if membership is None or not ConfirmForm().validate_on_submit():
        return redirect(url_for("admin.user_detail", user_id=user.id))
    if user.id == current_user.id and membership.role is Role.SECRETARIAT_ADMIN:
        flash(_("You cannot remove your own administrator role."), "error")
        return redirect(url_for("admin.user_detail", user_id=user.id))
    user.memberships.remove(membership)
    user.session_token = new_session_token()  # the change applies at once
    audit.record("role.revoked", state=membership.state_iso3, object_type="user",
                 object_id=user.id, email=user.email, role=membership.role.value)
    flash(_("Role removed."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@guarded(is_secretariat_admin)
def deactivate_user(user_id: int):
    user = db.get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit():
        if user.id == current_user.id:
            flash(_("You cannot deactivate your own account."), "error")
        else:
            deactivate(user)
            flash(_("The account is deactivated and its sessions have ended."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


def deactivate(user: User, actor: User | None = None) -> None:
    user.active = False
    user.session_token = new_session_token()
    audit.record("user.deactivated", actor=actor, object_type="user", object_id=user.id,
                 email=user.email)


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@guarded(is_secretariat_admin)
def reactivate_user(user_id: int):
    user = db.get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit():
        user.active = True
        audit.record("user.reactivated", object_type="user", object_id=user.id, email=user.email)
        flash(_("The account is active again."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/invitations", methods=["GET", "POST"])
@guarded(is_secretariat_admin)
def invitations():
    form = InvitationForm()
    if form.validate_on_submit():
        invite(form.email.data.strip().lower(), Role(form.role.data), form.state.data,
               inviter=current_user._get_current_object(), locale=current_user.locale)
        flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
        return redirect(url_for("admin.invitations"))
    stmt = (select(AccountToken).where(AccountToken.purpose == TokenPurpose.INVITATION)
            .order_by(AccountToken.created_at.desc()))
    page = paginate(stmt, per_page=50)
    status = 400 if request.method == "POST" else 200
    return render_template("admin/invitations.html", form=form, page=page), status


@bp.route("/audit")
@guarded(is_secretariat_admin)
def audit_log():
    form = FilterForm(request.args)
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if form.validate():
        if form.action.data:
            stmt = stmt.where(AuditEvent.action.startswith(form.action.data.strip()))
        if form.actor.data:
            stmt = stmt.where(func.lower(AuditEvent.actor_email).contains(
                form.actor.data.strip().lower()))
        if form.state.data:
            stmt = stmt.where(AuditEvent.state_iso3 == form.state.data.strip().upper())
    page = paginate(stmt, per_page=100)
    return render_template("admin/audit.html", form=form, page=page)
