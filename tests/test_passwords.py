"""Password policy and hashing."""

from __future__ import annotations

from argon2 import Type

from web.accounts.passwords import (
    EXTENSION_KEY,
    common_passwords,
    hash_password,
    password_hasher,
    password_problem,
    verify_password,
)


def test_policy_length_and_common_list(app):
    assert password_problem("short") is not None
    assert password_problem("a" * 11) is not None
    assert password_problem("x" * 64) is None  # 64 characters are allowed
    assert password_problem("x" * 129) is not None
    assert len(common_passwords()) >= 9_900
    long_common = [p for p in common_passwords() if len(p) >= 12]
    assert long_common, "the list holds passwords long enough to pass the length rule"
    assert all(password_problem(p) is not None for p in long_common)  # refused as common
    assert password_problem(long_common[0].upper()) is not None  # whatever the case
    assert password_problem("correct horse battery staple") is None  # no composition rules
    assert password_problem("someone@example.org", "someone@example.org") is not None


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
