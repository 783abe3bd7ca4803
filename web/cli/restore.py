"""``flask restore FILE``: an archive of ``flask backup`` back into an empty database.

Nothing in the archive is trusted. A first pass reads it as a stream and checks its manifest
(shape, format, names) and every member against its SHA-256, refusing members the manifest
does not list; a second pass inserts the rows line by line and copies the files in chunks,
so no member is ever held whole in memory. Every refusal is one line (:class:`BackupError`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click
from flask import current_app
from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from models import db
from web.cli.backup import (
    BATCH,
    FILE_FOLDERS,
    FORMAT,
    FORMAT_VERSION,
    SEEDED_TABLES,
    BackupError,
    _from_json,
    _member_name,
    _python_type,
    _reset_sequences,
    _set_later,
    schema_revision,
)

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
#: The longest row a backup may hold (one JSON line); a longer one is refused, not read.
MAX_ROW_BYTES = 64 * 1024 * 1024
CHUNK = 1 << 20
SHA256 = re.compile(r"[0-9a-f]{64}")
#: What the manifest must hold, and of which JSON type.
MANIFEST_FIELDS: dict[str, type] = {
    "format": str, "format_version": int, "schema_revision": str, "tables": list,
    "counts": dict, "sha256": dict, "files": int}
#: Errors of a damaged or cut gzip stream or tar archive.
UNREADABLE = (OSError, EOFError, tarfile.TarError, zlib.error)


def _damaged(what: str) -> BackupError:
    return BackupError(f"the backup is damaged: {what}")


def _is_file_member(name: str) -> bool:
    folder, _, filename = name.partition("/")
    return (folder in FILE_FOLDERS and bool(filename) and "/" not in filename
            and not filename.startswith(".") and "\\" not in filename)


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("this file is not an EnvSAQ backup (its manifest is not one)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"this backup is of format version {manifest.get('format_version')!r}; "
                          f"this version of EnvSAQ reads version {FORMAT_VERSION}")
    for key, kind in MANIFEST_FIELDS.items():
        if not isinstance(manifest.get(key), kind) or isinstance(manifest[key], bool):
            raise _damaged(f"the manifest's {key!r} is missing or not a {kind.__name__}")
    if not all(isinstance(name, str) for name in manifest["tables"]):
        raise _damaged("the manifest's 'tables' are not all names")
    for name, count in manifest["counts"].items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise _damaged(f"the manifest's count of {name!r} is not a number of rows")
    for name, digest in manifest["sha256"].items():
        if not isinstance(digest, str) or not SHA256.fullmatch(digest):
            raise _damaged(f"the manifest's checksum of {name!r} is not a SHA-256")
        if not (name.startswith("tables/") and "/" not in name[7:]) \
                and not _is_file_member(name):
            raise _damaged(f"the manifest lists {name!r}, which a backup never holds")
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> tuple[dict[str, Any], tarfile.TarInfo]:
    member = archive.next()
    if member is None or member.name != MANIFEST or not member.isfile():
        raise BackupError("this file is not an EnvSAQ backup (it does not start with a "
                          "manifest)")
    handle = archive.extractfile(member)
    data = b""
    while handle is not None and len(data) <= MAX_MANIFEST_BYTES and (
            chunk := handle.read(CHUNK)):  # read(n) would set n bytes aside at once
        data += chunk
    if len(data) > MAX_MANIFEST_BYTES:
        raise _damaged("the manifest is too large")
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise BackupError("this file is not an EnvSAQ backup (no readable manifest)") from exc
    return _check_manifest(manifest), member


def _hash_stream(handle: IO[bytes], out: IO[bytes] | None = None) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
        if out is not None:
            out.write(chunk)
    return digest.hexdigest()


def verify_archive(source: Path) -> dict[str, Any]:
    """First pass, as a stream: the manifest, then every member against its checksum."""
    # gzip.open bounds what one read inflates; tarfile's own "r|gz" stream does not.
    with gzip.open(source, "rb") as stream, tarfile.open(fileobj=stream, mode="r|") as archive:
        manifest, first = _read_manifest(archive)
        expected: dict[str, str] = manifest["sha256"]
        seen: set[str] = set()
        for member in archive:
            if member is first:
                continue
            if member.name not in expected:
                raise _damaged(f"it holds {member.name!r}, which its manifest does not list")
            if member.name in seen:
                raise _damaged(f"it holds {member.name!r} twice")
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                raise _damaged(f"{member.name} is not a file")
            if _hash_stream(handle) != expected[member.name]:
                raise _damaged(f"{member.name} does not match its checksum")
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"the backup is incomplete: {missing[0]} is missing")
    return manifest


def _check_target(conn: Connection, manifest: dict[str, Any]) -> None:
    revision = schema_revision(conn)
    if revision is None:
        raise BackupError("the database has no schema: run 'flask --app app db upgrade' "
                          "before restoring")
    if revision != manifest["schema_revision"]:
        raise BackupError(f"the backup is of schema revision {manifest['schema_revision']} "
                          f"but the database is at {revision}: restore with the matching "
                          f"version of EnvSAQ, or upgrade after restoring")
    known = {t.name for t in db.metadata.sorted_tables}
    if set(manifest["tables"]) != known:
        raise BackupError("the backup's tables differ from this version's: restore with the "
                          "matching version of EnvSAQ")
    busy = [t.name for t in db.metadata.sorted_tables if t.name not in SEEDED_TABLES
            and conn.execute(select(func.count()).select_from(t)).scalar()]
    if busy:
        raise BackupError(f"the database is not empty (rows in {', '.join(busy)}): restore "
                          f"into a new, empty database")


def _rows(archive: tarfile.TarFile, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of a table member, one line at a time, with their line numbers."""
    try:
        handle = archive.extractfile(name)
    except KeyError:
        raise BackupError(f"the backup is incomplete: {name} is missing") from None
    assert handle is not None  # verify_archive saw a regular file
    number = 0
    while line := handle.readline(MAX_ROW_BYTES + 1):
        number += 1
        if len(line) > MAX_ROW_BYTES:
            raise _damaged(f"{name} line {number} is longer than "
                           f"{MAX_ROW_BYTES // (1024 * 1024)} MB")
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise _damaged(f"{name} line {number} is not a JSON row") from None
        if not isinstance(row, dict):
            raise _damaged(f"{name} line {number} is not a JSON object")
        yield number, row


def _insert_rows(conn: Connection, table: Table, rows: Iterator[tuple[int, dict[str, Any]]],
                 later: list[tuple[Table, dict[str, Any]]]) -> int:
    """Insert ``rows`` in batches. A foreign key to a table inserted after this one
    (``use_alter``) is inserted empty and added to ``later`` (see ``_set_later``)."""
    kinds = {column.name: _python_type(column) for column in table.columns}
    forward = [fk.parent.name for fk in table.foreign_keys if fk.use_alter]
    keys = [column.name for column in table.primary_key.columns]
    batch: list[dict[str, Any]] = []
    count = 0
    for number, raw in rows:
        unknown = sorted(set(raw) - set(kinds))
        if unknown:
            raise _damaged(f"{table.name} line {number} has a column this version does not "
                           f"know: {unknown[0]!r}")
        try:
            row = {key: _from_json(value, kinds[key]) for key, value in raw.items()}
        except (ValueError, TypeError) as exc:
            raise _damaged(f"{table.name} line {number} holds a value of the wrong kind "
                           f"({exc})") from None
        pending = {name: row[name] for name in forward if row.get(name) is not None}
        if pending:
            later.append((table, {**{key: row.get(key) for key in keys}, **pending}))
            row.update(dict.fromkeys(pending))
        batch.append(row)
        if len(batch) >= BATCH:
            count += _insert_batch(conn, table, batch)
            batch = []
    return count + (_insert_batch(conn, table, batch) if batch else 0)


def _insert_batch(conn: Connection, table: Table, batch: list[dict[str, Any]]) -> int:
    try:  # a failure rolls the whole restore back (the caller's transaction)
        conn.execute(table.insert(), batch)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        raise _damaged(f"rows of {table.name} do not fit this database: {reason}") from None
    return len(batch)


def _restore_tables(conn: Connection, archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    _check_target(conn, manifest)
    for table in reversed(db.metadata.sorted_tables):
        if table.name in SEEDED_TABLES:
            conn.execute(table.delete())
    later: list[tuple[Table, dict[str, Any]]] = []
    for index, table in enumerate(db.metadata.sorted_tables):
        name = _member_name(index, table)
        if name not in manifest["sha256"]:
            raise BackupError(f"the backup is incomplete: {name} is missing")
        inserted = _insert_rows(conn, table, _rows(archive, name), later)
        wanted = manifest["counts"].get(table.name)
        if inserted != wanted:
            raise BackupError(f"{table.name}: {inserted} rows read, the manifest says {wanted}")
    _set_later(conn, later)
    _reset_sequences(conn)


def _stage_files(archive: tarfile.TarFile, manifest: dict[str, Any], staging: Path) -> list[str]:
    """Copy the stored files into ``staging``, in chunks; their names."""
    names = sorted(name for name in manifest["sha256"] if _is_file_member(name))
    for name in names:
        handle = archive.extractfile(name)
        assert handle is not None  # verify_archive saw a regular file
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            _hash_stream(handle, out)
    return names


def restore_backup(source: Path) -> dict[str, Any]:
    """Restore ``source`` into this app's empty database and instance folder."""
    instance = Path(current_app.config["INSTANCE_PATH"])
    instance.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=instance))
    try:
        try:
            manifest = verify_archive(source)
            with tarfile.open(source, "r:gz") as archive:
                names = _stage_files(archive, manifest, staging)
                with db.engine.connect() as conn, conn.begin():
                    _restore_tables(conn, archive, manifest)
        except UNREADABLE as exc:
            raise BackupError(f"cannot read {source}: not a complete gzipped tar archive "
                              f"({type(exc).__name__})") from None
        for name in names:
            (instance / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).replace(instance / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(source: Path) -> None:
    """Restore an archive made by 'backup' into an empty database at the same schema."""
    manifest = restore_backup(source)
    rows = sum(manifest["counts"].values())
    click.echo(f"Restored {rows} rows in {len(manifest['counts'])} tables and "
               f"{manifest['files']} files from {source}.")
