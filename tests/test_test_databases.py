"""The tests' PostgreSQL schemas: emptied and used again only when nothing but rows changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from app import create_app
from models import State, User, db
from services.registry import load_states
from tests.conftest import _populate
from tests.databases import BACKENDS, TestDatabase, _RecycledSchemas

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs TEST_DATABASE_URL")

SETTINGS = {"TESTING": True, "SECRET_KEY": "test-secret-key", "SERVER_NAME": "localhost",
            "BASE_URL": "http://localhost", "REPORT_PRERENDER": False}


def _populate_here(url: str) -> None:
    _populate(url, SETTINGS)


def _made(folder: Path) -> TestDatabase:
    """A database as ``make_app`` makes one: from the pool, or created and populated."""
    database = TestDatabase("postgresql", folder)
    if not database.make(_populate_here):
        _populate_here(database.url)
    return database


def _schema_exists(schema: str) -> bool:
    engine = create_engine(os.environ["TEST_DATABASE_URL"])
    with engine.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"),
                             {"s": schema}).first()
    engine.dispose()
    return found is not None


def test_a_given_back_schema_is_as_fresh_as_a_new_one(tmp_path):
    first = _made(tmp_path)
    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": first.url})
    with app.app_context():
        user = User(email="someone@example.org", name="Someone")
        user.password_hash = "x"
        db.session.add(user)
        db.session.commit()
        db.session.execute(text("DELETE FROM state WHERE iso3 = 'KEN'"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    first.drop()
    assert first.schema in _RecycledSchemas.free

    second = _made(tmp_path)
    assert second.schema == first.schema and second.recycled
    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": second.url})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
        assert db.session.get(State, "KEN") is not None
        assert db.session.scalar(select(func.count()).select_from(State)) == load_states()
        again = User(email="another@example.org", name="Another")
        again.password_hash = "x"
        db.session.add(again)
        db.session.commit()
        assert again.id == 1  # the sequences start where a new schema's do
        db.session.remove()
        db.engine.dispose()
    second.drop()


def test_a_schema_whose_tables_changed_is_dropped(tmp_path):
    database = _made(tmp_path)
    engine = create_engine(database.url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32))"))
    engine.dispose()
    database.drop()
    assert database.schema not in _RecycledSchemas.free
    assert not _schema_exists(database.schema)


def test_a_schema_locked_by_a_forgotten_transaction_is_dropped_not_waited_for(tmp_path):
    database = _made(tmp_path)
    engine = create_engine(database.url)
    conn = engine.connect()
    conn.execute(text('LOCK TABLE "user" IN ACCESS EXCLUSIVE MODE'))
    database.drop()  # ends the forgotten transaction's connection
    with pytest.raises(OperationalError):
        conn.execute(text("SELECT 1"))
    engine.dispose()
    assert database.schema not in _RecycledSchemas.free
    assert not _schema_exists(database.schema)


def test_an_empty_database_is_never_a_recycled_one(tmp_path):
    _made(tmp_path).drop()
    empty = TestDatabase("postgresql", tmp_path, "empty")
    empty.make()
    engine = create_engine(empty.url)
    with engine.connect() as conn:
        tables = conn.execute(text(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")).scalar()
    engine.dispose()
    empty.drop()
    assert tables == 0
