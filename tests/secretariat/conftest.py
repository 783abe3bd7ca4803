"""Fixtures of the secretariat tests: seeded cycles and a SQL statement counter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from models import db
from web.cli.demo_states import SeedResult, seed_all_states

SEED = 11
PASSWORD = "demo password for tests"


@pytest.fixture
def seed_states(app) -> Callable[..., SeedResult]:
    """Give the listed States (all when None) a complete submitted response."""

    def seed(states=None, seed: int = SEED) -> SeedResult:
        result = seed_all_states(seed, PASSWORD, None, only=states)
        db.session.commit()
        return result

    return seed


@contextmanager
def count_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
