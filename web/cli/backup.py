"""``flask backup --out FILE`` and ``flask restore FILE``: the whole instance in one archive.

The archive is a gzipped tar holding ``manifest.json`` (format, schema revision, row counts,
the SHA-256 of every member), ``tables/NNN-<table>.jsonl`` (every row of every table as JSON
lines, parents before children) and the instance's stored files (``uploads/``: attachments;
``reports/``: compiled reports). Values are written portably (datetimes as ISO 8601 text,
bytes as base64), so a SQLite backup restores into PostgreSQL and back.
"""

from __future__ import annotations

import base64
import contextlib
import decimal
import enum
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from sqlalchemy import JSON, Table, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

from models import db
from web.cli.base import CommandError

FORMAT = "envsaq-backup"
FORMAT_VERSION = 1
#: Instance sub-folders whose files belong to the data (caches and previews do not).
FILE_FOLDERS = ("uploads", "reports")
#: Tables that a first start fills by itself (the State registry): replaced, not refused.
SEEDED_TABLES = frozenset({"state"})
BATCH = 1000


class BackupError(CommandError):
    """A backup or restore that cannot go ahead; the message says why, in one line."""


# ----------------------------------------------------------------------- values <-> JSON


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def _python_type(column) -> type | None:
    if isinstance(column.type, JSON):
        return None  # stored as JSON already
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl  # e.g. our UTC datetimes: the stored type decides
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


def _from_json(value: Any, kind: type | None) -> Any:
    if value is None or kind is None:
        return value
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is time:
        return time.fromisoformat(value)
    if kind is bytes:
        return base64.b64decode(value)
    if kind is decimal.Decimal:
        return decimal.Decimal(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    return value


# ------------------------------------------------------------------------------ helpers


def schema_revision(conn: Connection) -> str | None:
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _member_name(index: int, table: Table) -> str:
    return f"tables/{index:03d}-{table.name}.jsonl"


def _table_rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for row in result.mappings():
        yield dict(row)


def _stored_files(instance: Path) -> Iterator[tuple[str, Path]]:
    for folder in FILE_FOLDERS:
        base = instance / folder
        if base.is_dir():
            for path in sorted(base.iterdir()):
                if path.is_file():
                    yield f"{folder}/{path.name}", path


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ------------------------------------------------------------------------------- backup


@contextlib.contextmanager
def _one_read_view() -> Iterator[Connection]:
    """A connection whose reads all see the database as it was at the first one, so that a
    backup taken while people work holds no answer without its response."""
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if conn.dialect.name == "sqlite":
                # The driver opens a transaction only before a write; a read view needs one.
                conn.exec_driver_sql("BEGIN")
            yield conn


def write_backup(out: Path) -> dict[str, Any]:
    """Write the archive to ``out`` (via a temporary file beside it); return the manifest."""
    instance = Path(current_app.config["INSTANCE_PATH"])
    tables = db.metadata.sorted_tables
    counts: dict[str, int] = {}
    hashes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        with _one_read_view() as conn:
            revision = schema_revision(conn)
            if revision is None:
                raise BackupError("the database has no schema revision (alembic_version): "
                                  "run 'flask --app app db upgrade' first")
            members: list[tuple[str, Path]] = []
            for index, table in enumerate(tables):
                path = work / f"{index:03d}.jsonl"
                count = 0
                with path.open("w", encoding="utf-8") as handle:
                    for row in _table_rows(conn, table):
                        # Key order kept as stored: JSON columns come back identical.
                        handle.write(json.dumps(row, default=_to_json, ensure_ascii=False)
                                     + "\n")
                        count += 1
                counts[table.name] = count
                members.append((_member_name(index, table), path))
        members += list(_stored_files(instance))
        for name, path in members:
            hashes[name] = _sha256_file(path)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(), "schema_revision": revision,
            "dialect": db.engine.dialect.name, "tables": [t.name for t in tables],
            "counts": counts, "files": sum(1 for n, _ in members if not n.startswith("tables/")),
            "sha256": hashes,
        }
        partial = out.with_name(out.name + ".partial")
        # Password and token hashes, MFA secrets: readable by the owner alone.
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        partial.replace(out)
    return manifest


# ------------------------------------------------------------------------------ restore


def _set_later(conn: Connection, later: list[tuple[Table, dict[str, Any]]]) -> None:
    for table, values in later:
        keys = {column.name for column in table.primary_key.columns}
        conn.execute(table.update().where(*(table.c[key] == values[key] for key in keys))
                     .values({name: value for name, value in values.items()
                              if name not in keys}))


def _reset_sequences(conn: Connection) -> None:
    """After explicit ids, PostgreSQL's sequences must continue after the largest one."""
    if conn.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        for column in table.primary_key.columns:
            if _python_type(column) is not int:
                continue
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": f'"{table.name}"', "c": column.name}).scalar()
            if sequence:
                conn.execute(text(
                    f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM '  # noqa: S608
                    f'"{table.name}"), 1), (SELECT MAX("{column.name}") FROM '
                    f'"{table.name}") IS NOT NULL)'), {"s": sequence})


# ------------------------------------------------------------------------------ commands


@click.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The archive to write (a .tar.gz).")
def backup_command(out: Path) -> None:
    """Write every table and every stored file to one archive."""
    manifest = write_backup(out)
    rows = sum(manifest["counts"].values())
    click.echo(f"Backup written to {out}: {rows} rows in {len(manifest['counts'])} tables, "
               f"{manifest['files']} files, schema {manifest['schema_revision']}.")


def register_backup_commands(app: Flask) -> None:
    from web.cli.restore import restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
