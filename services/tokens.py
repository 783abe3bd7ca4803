"""Single-use links for invitations and password resets, valid for ten days."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from models import AccountToken, Role, TokenPurpose, User, db, utcnow
from questionnaire.i18n import _

TOKEN_LIFETIME = timedelta(days=10)


class TokenError(Exception):
    """The link is unknown, used or expired; the message (a ``questionnaire.i18n.Message``) is
    for the user."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(
    purpose: TokenPurpose,
    email: str,
    *,
    role: Role | None = None,
    state_iso3: str | None = None,
    sections: list[str] | None = None,
    created_by: User | None = None,
) -> tuple[AccountToken, str]:
    """Create a token and return it with the secret to put in the link (never stored)."""
    secret = secrets.token_urlsafe(32)
    token = AccountToken(
        token_hash=_digest(secret),
        purpose=purpose,
        email=email.strip().lower(),
        role=role,
        state_iso3=state_iso3,
        sections=sections or [],
        created_by_id=created_by.id if created_by else None,
        expires_at=utcnow() + TOKEN_LIFETIME,
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def find_token(purpose: TokenPurpose, secret: str) -> AccountToken:
    """The live token for ``secret``; raises :class:`TokenError` with the reason otherwise."""
    token = db.session.scalar(
        select(AccountToken).where(AccountToken.token_hash == _digest(secret or ""))
    )
    if token is None or token.purpose is not purpose:
        raise TokenError(_("This link is not valid. Ask for a new one."))
    if token.used_at is not None:
        raise TokenError(_("This link has already been used. Ask for a new one."))
    if token.expires_at <= utcnow():
        raise TokenError(_("This link has expired. Ask for a new one."))
    return token


def spend_token(token: AccountToken) -> None:
    token.used_at = utcnow()
