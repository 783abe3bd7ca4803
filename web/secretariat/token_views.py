"""API tokens: each secretariat user creates and revokes their own."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import db
from questionnaire.access import is_secretariat
from services import api_tokens as token_service
from web.guard import guarded
from web.secretariat import bp


@bp.get("/api-tokens")
@guarded(is_secretariat)
def api_tokens():
    return render_template("secretariat/api_tokens.html",
                           tokens=token_service.tokens_of(current_user), new_secret=None)


@bp.post("/api-tokens")
@guarded(is_secretariat)
def create_api_token():
    _token, secret = token_service.issue_api_token(current_user, request.form.get("name", ""))
    db.session.commit()
    # Shown on this response only: the secret is not kept anywhere.
    return render_template("secretariat/api_tokens.html",
                           tokens=token_service.tokens_of(current_user), new_secret=secret)


@bp.post("/api-tokens/<int:token_id>/revoke")
@guarded(is_secretariat)
def revoke_api_token(token_id: int):
    token_service.revoke_api_token(token_id, current_user._get_current_object())
    flash(_("The token was revoked."), "success")
    return redirect(url_for("secretariat.api_tokens"))
