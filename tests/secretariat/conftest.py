"""Fixtures of the secretariat tests: seeded cycles, a SQL statement counter, and the anonymous
compiled report built once per language and test process for the tests that only read it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from models import db
from tests.secretariat.report_data import anonymous_model, build
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


@dataclass(frozen=True)
class BuiltReport:
    report: dict[str, Any]
    result: Any
    """``exports.report.build.BuildResult``: the PDF and what was rendered or cached."""
    pages: list[str]
    cache_dir: Path
    """The part cache it was built into, cold (a rebuild of ``report`` there renders nothing)."""


@pytest.fixture(scope="session")
def anonymous_report(tmp_path_factory) -> Callable[[str], BuiltReport]:
    """``anonymous_report(lang)``: the anonymous report of ``report_data.anonymous_model``,
    built on first use in each language. The anonymity, font and cache tests read the same
    builds (their modules share one xdist group, so one process builds each language once)."""
    built: dict[str, BuiltReport] = {}

    def get(lang: str) -> BuiltReport:
        if lang not in built:
            cache = tmp_path_factory.mktemp(f"anonymous-{lang}")
            report = anonymous_model(lang)
            result, pages = build(report, cache)
            built[lang] = BuiltReport(report, result, pages, cache)
        return built[lang]

    return get
