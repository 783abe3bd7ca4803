"""Test databases: an empty one per test, or on SQLite a copy of a template that already holds
the schema and the registry of States.

Creating the tables and loading the 198 States cost about a quarter of a second per SQLite
test, for over a thousand tests. Each test process builds a template file once
(``db.create_all`` and ``load_states``, exactly what a test's app did) and each SQLite test's
database starts as a copy of it. A database is made when the first app is built on it, so an
app built with ``schema=False`` still gets an empty one.

PostgreSQL tests get a schema of their own and create their tables in it: a database copied
from a template (``CREATE DATABASE ... TEMPLATE``) took 0.3 s on this machine, more than the
schema and its tables (0.2 s), because the copy writes the whole database, catalogs
included, to the write-ahead log.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def _admin() -> Engine:
    return create_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")


class TestDatabase:
    """One test's database: its URL is known at once, the database is made on first use."""

    __test__ = False  # not a test class, whatever pytest's naming rules say

    def __init__(self, backend: str, folder: Path, name: str = "test") -> None:
        self.backend = backend
        self.made = False
        self.path = folder / f"{name}.db"
        self.schema = f"{name[:1]}_{uuid.uuid4().hex[:20]}"
        if backend == "sqlite":
            self.url = f"sqlite:///{self.path}"
        else:
            base = os.environ["TEST_DATABASE_URL"]
            separator = "&" if "?" in base else "?"
            self.url = f"{base}{separator}options=-csearch_path%3D{self.schema}"

    def make(self, populate: Populate | None = None) -> bool:
        """Make the database if it is not made yet. On SQLite with ``populate`` given, it is a
        copy of the template (``populate`` builds the template): True then, the caller has
        nothing to create or load. Otherwise it is empty."""
        if self.made:
            return False
        self.made = True
        if self.backend == "sqlite":
            if populate is None or self.path.exists():
                return False
            shutil.copyfile(_SqliteTemplate.get(populate), self.path)
            return True
        engine = _admin()
        with engine.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        engine.dispose()
        return False

    def drop(self) -> None:
        if self.backend != "postgresql" or not self.made:
            return
        engine = _admin()
        with engine.connect() as conn:
            # A connection left in a transaction on this schema would block the drop forever.
            conn.execute(text(
                "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
                "JOIN pg_class c ON c.oid = l.relation "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :schema AND l.pid <> pg_backend_pid()"),
                {"schema": self.schema})
            conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        engine.dispose()


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
