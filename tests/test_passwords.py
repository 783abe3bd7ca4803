"""Password policy and hashing."""

from __future__ import annotations

import pytest
from argon2 import Type

from web.accounts.passwords import (
    EXTENSION_KEY,
    hash_password,
    password_hasher,
    password_problem,
    verify_password,
)


def test_policy_length_and_strength(app):
    assert password_problem("short") is not None
    assert password_problem("a" * 11) is not None
    assert password_problem("x" * 129) is not None
    assert password_problem("correct horse battery staple") is None  # no composition rules
    assert password_problem("someone@example.org", "someone@example.org") is not None


@pytest.mark.parametrize("weak", [
    "password1234", "aaaaaaaaaaaa", "123456789012", "qwertyuiopas", "passwordpassword",
    "iloveyou1234", "x" * 64, "Password1234", "abcdefghijkl"])
def test_weak_passwords_of_twelve_characters_are_refused(app, weak):
    """Security review 13: the old list never refused anything at the 12-character minimum."""
    assert password_problem(weak) is not None


def test_the_email_and_the_applications_name_count_against_a_password(app):
    for derived in ("ana.perez.ministry", "perez.ana.2026!", "AnaPerez-Ministry-12"):
        assert password_problem(derived, "ana.perez@ministry.example") is not None
    assert password_problem("ana walks the red bridge", "ana.perez@ministry.example") is None
    assert password_problem("envsaqenvsaq2026") is not None


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Repeated characters"), ("fr", "répétés"), ("es", "repetidos"),
    ("ru", "Повторяющиеся"), ("zh", "重复"), ("ar", "المتكررة")])
def test_the_reason_is_said_in_the_users_language(app, lang, expected):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale(lang):
        problem = password_problem("aaaaaaaaaaaa")
    assert expected in problem


def test_hashes_are_argon2id_and_verify(app):
    digest = hash_password("correct horse battery staple")
    assert digest.startswith("$argon2id$")
    assert verify_password(digest, "correct horse battery staple")
    assert not verify_password(digest, "Correct horse battery staple")
    assert not verify_password("", "anything")
    assert not verify_password("not a hash", "anything")


def test_each_app_hashes_with_its_own_profile(make_app):
    """The hasher is the app's configuration: a test app built first does not weaken the
    hashes of an app built later in the same process."""
    cheap = make_app()
    strong = make_app(TESTING=False)
    with strong.app_context():
        digest = hash_password("correct horse battery staple")
        hasher = password_hasher()
        assert hasher.memory_cost >= 19 * 1024 and hasher.time_cost >= 2
        assert hasher.type is Type.ID
        assert f"m={hasher.memory_cost},t={hasher.time_cost}" in digest
        assert verify_password(digest, "correct horse battery staple")
    with cheap.app_context():
        assert password_hasher().memory_cost < strong.extensions[EXTENSION_KEY].memory_cost
        assert f"m={password_hasher().memory_cost}," in hash_password("x" * 12)
