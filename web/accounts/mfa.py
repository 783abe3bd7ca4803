"""Two-factor sign-in with TOTP (RFC 6238) and one-time recovery codes."""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp
import segno
from sqlalchemy import select

from models import RecoveryCode, User, db, utcnow

ISSUER = "EnvSAQ"
RECOVERY_CODE_COUNT = 10


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as an inline SVG document (no external fetch, no script)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")


def accept_code(user: User, secret: str, code: str, *, now: float | None = None) -> bool:
    """Check ``code`` against ``secret``; a code (time step) is never accepted twice."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current_step = int(now // totp.interval)
    for step in (current_step - 1, current_step, current_step + 1):
        if step <= user.mfa_last_step:
            continue
        if secrets.compare_digest(totp.at(step * totp.interval), code):
            user.mfa_last_step = step
            return True
    return False


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; returns the plain codes to show once."""
    for old in db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id)):
        db.session.delete(old)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(5)
        code = f"{raw[:5]}-{raw[5:]}"
        codes.append(code)
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_code(code)))
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    stored = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if stored is None:
        return False
    stored.used_at = utcnow()
    return True
