"""Password policy and hashing."""

from __future__ import annotations

from argon2 import PasswordHasher

from web.accounts.passwords import (
    common_passwords,
    hash_password,
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


def test_production_profile_is_strong():
    hasher = PasswordHasher()
    assert hasher.memory_cost >= 19 * 1024 and hasher.time_cost >= 2
