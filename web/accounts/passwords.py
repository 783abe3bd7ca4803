"""Password policy (length and a strength estimate, no composition rules) and hashing."""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import Flask, current_app, has_app_context
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 128
#: zxcvbn's score (0-4) a password must reach: 3 is "safely unguessable" for an online attack
#: slowed by throttling (about 10^8 guesses and more).
MIN_STRENGTH = 3
#: Words anyone would try first against this application.
CONTEXT_WORDS = ("envsaq", "unodc", "untoc", "environment", "questionnaire")

EXTENSION_KEY = "envsaq_password_hasher"
#: argon2id with the library's RFC 9106 "low memory" profile: 64 MiB, 3 passes.
PRODUCTION_HASHER = PasswordHasher()
#: Cheaper argon2id parameters, for apps built with ``TESTING`` only.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


#: Words of zxcvbn's warnings about dates and years.
DATE_WORDS = ("date", "year")


def init_passwords(app: Flask) -> PasswordHasher:
    """Give the app its hasher: its own configuration, not a process-wide switch."""
    hasher = TEST_HASHER if app.config.get("TESTING") else PRODUCTION_HASHER
    app.extensions[EXTENSION_KEY] = hasher
    return hasher


def password_hasher() -> PasswordHasher:
    """The current app's hasher (the production profile outside an app)."""
    if has_app_context():
        return current_app.extensions.get(EXTENSION_KEY, PRODUCTION_HASHER)
    return PRODUCTION_HASHER


def password_problem(password: str, email: str | None = None) -> str | None:
    """Return why ``password`` is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least 12 characters.")
    if len(password) > MAX_LENGTH:
        return _("Use at most 128 characters.")
    if email and password.lower() == email.lower():
        return _("Do not use your email address as your password.")
    from zxcvbn import zxcvbn

    inputs = [*CONTEXT_WORDS]
    if email:
        local, _at, domain = email.lower().partition("@")
        inputs += [email.lower(), local, *local.replace("-", ".").replace("_", ".").split("."),
                   domain.split(".")[0]]
    if _only_context(password, inputs):
        return _("Do not build your password from your email address or the name of this site.")
    # zxcvbn's cost grows with length; past 64 characters the first 64 decide.
    estimate = zxcvbn(password[:64], user_inputs=[word for word in inputs if word])
    if estimate["score"] >= MIN_STRENGTH:
        return None
    advice = _("A few unrelated words, or a sentence of your own, make a strong password "
               "that is easy to remember.")
    reason = _weakness(estimate["feedback"].get("warning") or "")
    return " ".join(part for part in (_("This password is too easy to guess."), reason, advice)
                    if part)


def _only_context(password: str, words: list[str]) -> bool:
    """True when little is left of ``password`` once those words, digits and signs are gone."""
    rest = password.lower()
    for word in sorted(words, key=len, reverse=True):
        if len(word) >= 3:
            rest = rest.replace(word, "")
    return len(re.sub(r"[\W\d_]+", "", rest)) < 4


def _weakness(warning: str) -> str:
    """zxcvbn's warning (English only), said in the user's language."""
    text = warning.lower()
    if "repeat" in text:
        return _("Repeated characters or words are easy to guess.")
    if "sequence" in text:
        return _("Sequences such as abc or 1234 are easy to guess.")
    if "keyboard" in text or "rows of keys" in text:
        return _("Keyboard patterns such as qwerty are easy to guess.")
    if any(word in text for word in DATE_WORDS):
        return _("Dates and years are easy to guess.")
    if "name" in text:
        return _("Names are easy to guess.")
    if "common" in text or "top" in text:
        return _("It is, or is close to, a commonly used password.")
    return ""


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    if not stored_hash:
        # Spend the same time as a real check so that timing does not reveal the account.
        password_hasher().hash(password)
        return False
    try:
        return password_hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return password_hasher().check_needs_rehash(stored_hash)


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("not a real password, only for timing")


def dummy_verify(password: str) -> None:
    """Verify against a throwaway hash: an unknown email costs the same time as a known one."""
    verify_password(_dummy_hash(password_hasher()), password)
