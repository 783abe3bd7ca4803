"""API tokens: each secretariat user creates and revokes their own."""

from __future__ import annotations

import hashlib
import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from models import ApiToken, db, utcnow
from questionnaire.access import is_secretariat
from services import audit
from web.guard import ensure, guarded
from web.secretariat import bp

TOKEN_PREFIX = "esq_"  # noqa: S105  (a visible marker, not a secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_api_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the secret is returned once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip()[:100] or "API",
                     token_hash=hash_token(secret), prefix=secret[:12])
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.created", actor=user, object_type="api_token", object_id=token.id)
    return token, secret


def _tokens():
    return list(db.session.scalars(select(ApiToken).where(
        ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())))


@bp.get("/api-tokens")
@guarded(is_secretariat)
def api_tokens():
    return render_template("secretariat/api_tokens.html", tokens=_tokens(), new_secret=None)


@bp.post("/api-tokens")
@guarded(is_secretariat)
def create_api_token():
    _token, secret = issue_api_token(current_user, request.form.get("name", ""))
    db.session.commit()
    # Shown on this response only: the secret is not kept anywhere.
    return render_template("secretariat/api_tokens.html", tokens=_tokens(), new_secret=secret)


@bp.post("/api-tokens/<int:token_id>/revoke")
@guarded(is_secretariat)
def revoke_api_token(token_id: int):
    token = db.session.get(ApiToken, token_id) or abort(404)
    ensure(token.user_id == current_user.id)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("api_token.revoked", object_type="api_token", object_id=token.id)
    flash(_("The token was revoked."), "success")
    return redirect(url_for("secretariat.api_tokens"))
