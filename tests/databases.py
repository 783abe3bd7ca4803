"""Test databases: an empty one per test, or on SQLite a copy of a template that already holds
the schema and the registry of States.

Creating the tables and loading the 198 States cost about a quarter of a second per SQLite
test, for over a thousand tests. Each test process builds a template file once
(``db.create_all`` and ``load_states``, exactly what a test's app did) and each SQLite test's
database starts as a copy of it. A database is made when the first app is built on it, so an
app built with ``schema=False`` still gets an empty one.

PostgreSQL tests get a schema of their own. A database copied from a template
(``CREATE DATABASE ... TEMPLATE``) took 0.3 s on this machine, more than the schema and its
tables (0.2 s), because the copy writes the whole database, catalogs included, to the
write-ahead log. Creating the tables is the larger part of that, and dropping them costs
again: a schema that held the tables and the States is not dropped after its test but
emptied, given the States back from a template schema of the process, and handed to the next
test that wants one (``_RecycledSchemas``). It is dropped instead when its test changed what
it holds beyond rows (a table, a column or an index more or less) or left a transaction
holding locks in it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])

Populate = Callable[[str], None]
"""Fill the empty database at a URL with the schema and the States."""


class _SqliteTemplate:
    """The process's template file, built on first use."""

    path: Path | None = None

    @classmethod
    def get(cls, populate: Populate) -> Path:
        if cls.path is None:
            path = Path(tempfile.mkdtemp(prefix="envsaq-template-")) / "template.db"
            populate(f"sqlite:///{path}")
            atexit.register(shutil.rmtree, path.parent, True)
            cls.path = path
        return cls.path


@lru_cache(maxsize=1)
def _server() -> Engine:
    """One pool of connections per process for making, emptying and dropping schemas: a new
    connection is a new server process on PostgreSQL's side."""
    return create_engine(os.environ["TEST_DATABASE_URL"])


def _schema_url(schema: str) -> str:
    base = os.environ["TEST_DATABASE_URL"]
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


def _new_schema_name(name: str) -> str:
    return f"{name[:1]}_{uuid.uuid4().hex[:20]}"


def _create_schema(schema: str) -> None:
    with _server().begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))


def _drop_schema(schema: str) -> None:
    with _server().begin() as conn:
        # A connection left in a transaction on this schema would block the drop forever.
        conn.execute(text(
            "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
            "JOIN pg_class c ON c.oid = l.relation "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND l.pid <> pg_backend_pid()"),
            {"schema": schema})
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


#: Every relation of a schema (tables, indexes, sequences) with its columns, in one string.
_SHAPE = text(
    "SELECT coalesce(string_agg(c.relname::text || '.' || c.relkind::text || ':' || a.attname::text"
    " || ':' || a.atttypid::text, ',' ORDER BY c.relname, a.attnum), '')"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
    " WHERE n.nspname = :schema")
_SEQUENCES = text(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = :schema AND c.relkind = 'S' ORDER BY c.relname")


class _RecycledSchemas:
    """This process's template schema (the tables and the States, made once) and the
    emptied schemas waiting for their next test."""

    template: str | None = None
    shape: str = ""
    refill: str = ""
    free: list[str] = []

    @classmethod
    def take(cls) -> str | None:
        return cls.free.pop() if cls.free else None

    @classmethod
    def _make_template(cls, populate: Populate) -> None:
        from models import db  # the tables' order for emptying and filling

        schema = _new_schema_name("template")
        _create_schema(schema)
        populate(_schema_url(schema))
        atexit.register(cls._drop_all)
        with _server().connect() as conn:
            cls.shape = conn.execute(_SHAPE, {"schema": schema}).scalar_one()
            sequences = conn.execute(_SEQUENCES, {"schema": schema}).scalars().all()
            filled = [table.name for table in db.metadata.sorted_tables
                      if conn.execute(text(
                          f'SELECT EXISTS (SELECT FROM "{schema}"."{table.name}")'  # noqa: S608
                      )).scalar()]
        # Names from our models and the catalog, never from input: S608 does not apply.
        tables = [table.name for table in db.metadata.sorted_tables]
        statements = [f'DELETE FROM "{{schema}}"."{name}"'  # noqa: S608
                      for name in reversed(tables)]
        statements += [f'INSERT INTO "{{schema}}"."{name}" SELECT * FROM "{schema}"."{name}"'  # noqa: S608
                       for name in filled]
        statements += [f"""SELECT setval('"{{schema}}"."{name}"', last_value, is_called)"""  # noqa: S608
                       f' FROM "{schema}"."{name}"' for name in sequences]
        cls.refill = ";\n".join(statements)
        cls.template = schema

    @classmethod
    def give_back(cls, schema: str, populate: Populate) -> bool:
        """Empty ``schema``, give it the template's rows and keep it for the next test; False
        (the caller drops it) when its shape changed or a lock held by another connection is
        in the way."""
        if cls.template is None:
            cls._make_template(populate)
        try:
            with _server().begin() as conn:
                conn.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
                if conn.execute(_SHAPE, {"schema": schema}).scalar_one() != cls.shape:
                    return False
                conn.exec_driver_sql(cls.refill.replace("{schema}", schema))
        except Exception:  # a lock in the way, or a test that left the schema half-made
            return False
        cls.free.append(schema)
        return True

    @classmethod
    def _drop_all(cls) -> None:
        for schema in [*cls.free, *([cls.template] if cls.template else [])]:
            _drop_schema(schema)
        cls.free, cls.template = [], None
        _server().dispose()


class TestDatabase:
    """One test's database: its URL is known at once, the database is made on first use."""

    __test__ = False  # not a test class, whatever pytest's naming rules say

    def __init__(self, backend: str, folder: Path, name: str = "test") -> None:
        self.backend = backend
        self.made = False
        self.populate: Populate | None = None
        self.path = folder / f"{name}.db"
        recycled = _RecycledSchemas.take() if backend == "postgresql" else None
        self.recycled = recycled is not None
        self.schema = recycled or _new_schema_name(name)
        if backend == "sqlite":
            self.url = f"sqlite:///{self.path}"
        else:
            self.url = _schema_url(self.schema)

    def make(self, populate: Populate | None = None) -> bool:
        """Make the database if it is not made yet. With ``populate`` given, it holds the
        schema and the States at once when it can (True: the caller has nothing to create or
        load): on SQLite a copy of the template file (``populate`` builds the template), on
        PostgreSQL a schema emptied after an earlier test. Otherwise it is empty."""
        if self.made:
            return False
        self.made = True
        self.populate = populate
        if self.backend == "sqlite":
            if populate is None or self.path.exists():
                return False
            shutil.copyfile(_SqliteTemplate.get(populate), self.path)
            return True
        if self.recycled and populate is not None:
            return True
        if self.recycled:  # an empty schema is wanted: this one holds tables
            _drop_schema(self.schema)
            self.recycled = False
        _create_schema(self.schema)
        return False

    def drop(self) -> None:
        if self.backend != "postgresql":
            return
        if not self.made:
            if self.recycled:  # taken from the pool and never used: still clean
                _RecycledSchemas.free.append(self.schema)
            return
        if self.populate is None or not _RecycledSchemas.give_back(self.schema, self.populate):
            _drop_schema(self.schema)


@contextmanager
def empty_database(backend: str, folder: Path, name: str = "test") -> Iterator[str]:
    """A fresh, empty database: a SQLite file in ``folder``, or a PostgreSQL schema of its own
    (dropped afterwards, ending any connection a test left open on it)."""
    database = TestDatabase(backend, folder, name)
    database.make()
    try:
        yield database.url
    finally:
        database.drop()
