"""API tokens: created and revoked by their owner, looked up by the hash of their secret."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from models import ApiToken, User, db, utcnow
from services import audit
from services.errors import Forbidden, NotFound

TOKEN_PREFIX = "esq_"  # noqa: S105  (a visible marker, not a secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the secret is returned once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip()[:100] or "API",
                     token_hash=hash_token(secret), prefix=secret[:12])
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.created", actor=user, object_type="api_token", object_id=token.id)
    return token, secret


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(
        ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())))


def revoke_api_token(token_id: int, user: User) -> ApiToken:
    """Revoke one of ``user``'s tokens (again: nothing more happens)."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no API token {token_id}")
    if token.user_id != user.id:
        raise Forbidden("an API token is revoked by its owner only")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("api_token.revoked", object_type="api_token", object_id=token.id)
    return token


def user_of_token(secret: str) -> User | None:
    """The active owner of the live token ``secret``; its last use is recorded."""
    token = db.session.scalar(select(ApiToken).where(
        ApiToken.token_hash == hash_token(secret.strip()), ApiToken.revoked_at.is_(None)))
    if token is None or not token.user.active:
        return None
    token.last_used_at = utcnow()
    return token.user
