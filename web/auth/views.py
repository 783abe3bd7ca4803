"""Views of the sign-in pages. Each loads, checks, acts, renders."""

from __future__ import annotations

import time

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm

from models import TokenPurpose, User, utcnow
from questionnaire.i18n import translated
from services import audit, team
from services.notify import notify
from services.sessions import end_session
from services.tokens import TokenError, find_token, issue_token
from services.users import find_user, user_by_email
from web.accounts import mfa, throttle
from web.accounts.credentials import set_password
from web.accounts.passwords import dummy_verify, hash_password, needs_rehash, verify_password
from web.accounts.sessions import current_session, end_other_sessions
from web.auth import bp
from web.auth.forms import (
    CodeForm,
    DisableMfaForm,
    EnrolForm,
    LanguageForm,
    NewPasswordForm,
    ProfileForm,
    ResetRequestForm,
    SignInForm,
)
from web.guard import guarded, public
from web.links import reset_link
from web.locale import select_locale
from web.navigation import is_safe_next, redirect_next
from web.security import start_session

MFA_PENDING_SECONDS = 300


def _needs_mfa_enrolment(user: User) -> bool:
    from flask import current_app

    return (current_app.config["MFA_REQUIRED_FOR_SECRETARIAT"] and user.is_secretariat
            and not user.mfa_enabled)


def _finish_sign_in(user: User, next_url: str | None):
    start_session(user)
    user.last_sign_in_at = utcnow()
    throttle.clear_account(user.email)
    audit.record("sign_in.success", actor=user)
    if _needs_mfa_enrolment(user):
        flash(_("Your role requires two-factor sign-in. Set it up to continue."), "info")
        return redirect(url_for("auth.mfa_setup"))
    return redirect_next(next_url)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    next_url = request.args.get("next")
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form, next_url=next_url)

    email = form.email.data.strip().lower()
    address = request.remote_addr
    if throttle.is_throttled(email, address):
        audit.record("sign_in.throttled", actor_email=email)
        return render_template("auth/sign_in.html", form=form, next_url=next_url,
                               locked=True), 429

    user = user_by_email(email)
    if user is None:
        dummy_verify(form.password.data)
        valid = False
    else:
        valid = verify_password(user.password_hash, form.password.data) and user.active
    if not valid:
        throttle.record_failure(email, address)
        audit.record("sign_in.failure", actor=user, actor_email=email)
        form.form_errors.append(_("The email address or password is not correct."))
        return render_template("auth/sign_in.html", form=form, next_url=next_url)

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(form.password.data)
    if user.mfa_enabled:
        return _ask_for_code(user, next_url)
    return _finish_sign_in(user, next_url)


def _ask_for_code(user: User, next_url: str | None):
    """The password was right; nothing opens until the second factor is given too."""
    session.clear()
    session["mfa_pending"] = {"user": user.id, "at": int(time.time()),
                              "next": next_url if is_safe_next(next_url) else None}
    return redirect(url_for("auth.sign_in_code"))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
def sign_in_code():
    pending = session.get("mfa_pending")
    if not pending or time.time() - pending.get("at", 0) > MFA_PENDING_SECONDS:
        session.pop("mfa_pending", None)
        flash(_("Sign in again to continue."), "info")
        return redirect(url_for("auth.sign_in"))
    user = find_user(pending["user"])
    if user is None or not user.active or not user.mfa_enabled:
        session.pop("mfa_pending", None)
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("auth/sign_in_code.html", form=form)
    if throttle.is_throttled(user.email, request.remote_addr):
        audit.record("mfa.throttled", actor=user)
        form.code.errors.append(
            _("Too many failed attempts. For your protection, wait 15 minutes and try again."))
        return render_template("auth/sign_in_code.html", form=form), 429
    code = form.code.data.strip()
    if mfa.accept_code(user, user.mfa_secret or "", code):
        method = "totp"
    elif mfa.use_recovery_code(user, code):
        method = "recovery_code"
    else:
        throttle.record_failure(user.email, request.remote_addr)
        audit.record("mfa.failure", actor=user)
        form.code.errors.append(_("That code is not correct, or has already been used."))
        return render_template("auth/sign_in_code.html", form=form)
    audit.record("mfa.success", actor=user, method=method)
    return _finish_sign_in(user, pending.get("next"))


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out():
    if current_user.is_authenticated:
        audit.record("sign_out")
        end_session(current_session())
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have signed out."), "info")
    response = redirect(url_for("auth.sign_in"))
    # Unsaved answers kept in this browser (workspace.js) go too: the next person at a shared
    # computer cannot read them. The page's own script clears them where this is unsupported.
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    try:
        invitation = team.open_invitation(token)
    except TokenError as error:
        return render_template("auth/link_problem.html",
                               message=translated(error.args[0], _)), 410
    existing = user_by_email(invitation.email)
    if existing is not None:
        return _join_existing_account(invitation, existing)
    form = NewPasswordForm()
    form.email_for_check = invitation.email
    if not form.validate_on_submit():
        return render_template("auth/accept_invitation.html", form=form, invitation=invitation)
    user = team.accept_invitation(invitation, name=form.name.data or "",
                                  password_hash=hash_password(form.password.data))
    flash(_("Your account is ready."), "success")
    return _finish_sign_in(user, None)


def _join_existing_account(invitation, user: User):
    """An invitation never changes an existing account: its owner signs in as usual
    (password and second factor), then accepts; only the role is added."""
    if not user.active:
        return render_template("auth/link_problem.html", message=_(
            "This invitation can no longer be used. Ask the person who invited you.")), 410
    if not current_user.is_authenticated or current_user.id != user.id:
        if current_user.is_authenticated:
            flash(_("This invitation is for another account. Sign out, then open the link "
                    "again."), "error")
            return redirect(url_for("home.index"))
        flash(_("You already have an account. Sign in to accept the invitation."), "info")
        return redirect(url_for("auth.sign_in", next=request.path))
    form = FlaskForm()
    if request.method == "POST" and form.validate_on_submit():
        team.join_by_invitation(invitation, user)
        flash(_("The invitation is accepted: the new role is yours."), "success")
        return redirect(url_for("home.index"))
    return render_template("auth/join_invitation.html", form=form, invitation=invitation)


@bp.route("/password/reset", methods=["GET", "POST"])
@public
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = user_by_email(email)
        allowed = throttle.allow_reset_request(email, request.remote_addr)
        if not allowed:
            audit.record("password_reset.throttled", actor_email=email)
        if allowed and user is not None and user.active and user.password_hash:
            _, secret = issue_token(TokenPurpose.PASSWORD_RESET, email)
            notify(user.email, "password_reset", user.locale, name=user.name or user.email,
                   link=reset_link(secret))
            audit.record("password_reset.requested", actor=user)
        else:
            # The same work as for an account (the message is recorded, not sent), so the
            # response time does not tell whether the account exists.
            notify(email, "password_reset", select_locale(), name=email, link="",
                   suppress="reset limit reached" if not allowed
                   else "no active account with a password for this address")
            if allowed:
                audit.record("password_reset.unknown", actor_email=email)
        # The same answer whether or not the account exists.
        return render_template("auth/reset_sent.html", email=email)
    return render_template("auth/request_reset.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    try:
        reset = find_token(TokenPurpose.PASSWORD_RESET, token)
    except TokenError as error:
        return render_template("auth/link_problem.html",
                               message=translated(error.args[0], _)), 410
    user = user_by_email(reset.email)
    if user is None or not user.active:
        abort(410)
    form = NewPasswordForm()
    form.email_for_check = user.email
    del form.name
    if not form.validate_on_submit():
        return render_template("auth/reset_password.html", form=form)
    set_password(user, form.password.data)  # also spends this and every other reset link
    audit.record("password_reset.completed", actor=user)
    flash(_("Your password has been changed."), "success")
    if user.mfa_enabled:
        return _ask_for_code(user, None)  # a reset link is not a second factor
    return _finish_sign_in(user, None)


@bp.route("/account", methods=["GET", "POST"])
@guarded()
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.name = form.name.data or ""
        current_user.locale = form.locale.data
        session["lang"] = form.locale.data
        audit.record("profile.updated", locale=form.locale.data)
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form, disable_form=DisableMfaForm())


@bp.route("/account/two-factor", methods=["GET", "POST"])
@guarded()
def mfa_setup():
    user: User = current_user._get_current_object()
    here = current_session()
    # The secret being enrolled is kept with the server-side session, not in the cookie.
    if request.method == "GET" or not here.mfa_enrol_secret:
        here.mfa_enrol_secret = mfa.new_secret()
    secret = here.mfa_enrol_secret
    form = EnrolForm()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.password.data):
            form.password.errors.append(_("The password is not correct."))
        elif mfa.accept_code(user, secret, form.code.data):
            user.mfa_secret = secret
            user.mfa_enabled = True
            here.mfa_enrol_secret = None
            codes = mfa.new_recovery_codes(user)
            ended = end_other_sessions(user)
            audit.record("mfa.enabled", other_sessions_ended=ended)
            return render_template("auth/recovery_codes.html", codes=codes)
        else:
            form.code.errors.append(_("That code is not correct. Check the time on your device "
                                      "and enter the newest code."))
    uri = mfa.provisioning_uri(user, secret)
    return render_template("auth/mfa_setup.html", form=form, secret=secret,
                           qr_svg=mfa.qr_svg(uri))


@bp.route("/account/two-factor/disable", methods=["POST"])
@guarded()
def mfa_disable():
    user: User = current_user._get_current_object()
    form = DisableMfaForm()
    if _needs_mfa_enrolment_after_disable(user):
        flash(_("Your role requires two-factor sign-in; it cannot be turned off."), "error")
        return redirect(url_for("auth.profile"))
    if form.validate_on_submit() and verify_password(user.password_hash, form.password.data):
        user.mfa_enabled = False
        user.mfa_secret = None
        mfa.new_recovery_codes(user)  # invalidates the old ones
        ended = end_other_sessions(user)
        audit.record("mfa.disabled", other_sessions_ended=ended)
        flash(_("Two-factor sign-in is off."), "success")
    else:
        flash(_("The password is not correct; two-factor sign-in is still on."), "error")
    return redirect(url_for("auth.profile"))


def _needs_mfa_enrolment_after_disable(user: User) -> bool:
    from flask import current_app

    return current_app.config["MFA_REQUIRED_FOR_SECRETARIAT"] and user.is_secretariat


@bp.route("/language", methods=["POST"])
@public
def switch_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
    return redirect_next(request.form.get("next"))
