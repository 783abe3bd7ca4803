"""Single-use links: invitations (valid for ten days) and password resets (one hour)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from models import AccountToken, Role, TokenEnd, TokenPurpose, User, db, utcnow
from questionnaire.i18n import _

TOKEN_LIFETIME = timedelta(days=10)
#: A reset link grants the account: short-lived, and every other one dies when one is used.
LIFETIMES = {TokenPurpose.INVITATION: TOKEN_LIFETIME,
             TokenPurpose.PASSWORD_RESET: timedelta(hours=1)}


#: What a person opening a link that ended early reads.
ENDED_MESSAGES = {
    TokenEnd.WITHDRAWN: _("This invitation was withdrawn. If you still need access, ask the "
                          "person who invited you or the secretariat for a new one."),
    TokenEnd.INVITER_LOST_RIGHT: _("This invitation has ended: the person who sent it may no "
                                   "longer invite people. If you still need access, ask your "
                                   "State's focal point or the secretariat."),
    TokenEnd.INVITEE_DEACTIVATED: _("This invitation can no longer be used. Ask the person who "
                                    "invited you."),
    TokenEnd.SUPERSEDED: _("This link has already been used. Ask for a new one."),
}


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
        expires_at=utcnow() + LIFETIMES[purpose],
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
    if token.ended_reason is not None:
        raise TokenError(ENDED_MESSAGES[token.ended_reason])
    if token.used_at is not None:
        raise TokenError(_("This link has already been used. Ask for a new one."))
    if token.expires_at <= utcnow():
        raise TokenError(_("This link has expired. Ask for a new one."))
    return token


def spend_token(token: AccountToken) -> None:
    token.used_at = utcnow()


def end_token(token: AccountToken, reason: TokenEnd, by: User | None = None) -> None:
    """Stop a link before it is used; whoever opens it then reads why."""
    token.used_at = utcnow()
    token.ended_reason = reason
    token.ended_by_id = by.id if by is not None else None


def revoke_tokens(purpose: TokenPurpose, email: str,
                  reason: TokenEnd = TokenEnd.SUPERSEDED) -> int:
    """End every unused ``purpose`` link of ``email`` (a reset used, a password changed, an
    account deactivated)."""
    tokens = db.session.scalars(select(AccountToken).where(
        AccountToken.purpose == purpose, AccountToken.email == email.strip().lower(),
        AccountToken.used_at.is_(None)))
    count = 0
    for token in tokens:
        end_token(token, reason)
        count += 1
    return count
