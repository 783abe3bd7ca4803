"""``flask restore`` with a bad, damaged, cut or foreign archive: one line and exit status 1,
never a traceback, nothing written; members are streamed, never read whole (security review
finding 15)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from flask_migrate import stamp
from sqlalchemy import func, select

from models import User, db
from web.cli import restore
from web.cli.backup import FORMAT, FORMAT_VERSION, _member_name, schema_revision

BIG_FILE_BYTES = 48 * 1024 * 1024


def table_members(rows: dict[str, list[str]] | None = None) -> dict[str, bytes]:
    """Every table's member, empty unless ``rows`` (table -> JSON lines) fills it."""
    rows = rows or {}
    return {_member_name(index, table): "".join(line + "\n" for line in rows.get(table.name, []))
            .encode() for index, table in enumerate(db.metadata.sorted_tables)}


def manifest_for(members: dict[str, bytes], revision: str, **changes: Any) -> dict[str, Any]:
    counts = {table.name: 0 for table in db.metadata.sorted_tables}
    for name, data in members.items():
        if name.startswith("tables/"):
            counts[name.split("-", 1)[1].removesuffix(".jsonl")] = data.count(b"\n")
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": "2026-12-03T00:00:00+00:00", "schema_revision": revision,
                "dialect": "sqlite", "tables": [t.name for t in db.metadata.sorted_tables],
                "counts": counts, "files": sum(1 for n in members if not n.startswith("tables/")),
                "sha256": {n: hashlib.sha256(d).hexdigest() for n, d in members.items()}}
    manifest.update(changes)
    return manifest


def write_archive(path: Path, manifest: Any, members: dict[str, bytes],
                  extra: list[tarfile.TarInfo] = ()) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        for info in extra:
            archive.addfile(info)
    return path


@pytest.fixture
def revision(app) -> str:
    """The test database, empty but for the State registry, stamped at the head revision."""
    stamp()
    with db.engine.connect() as conn:
        return schema_revision(conn)


def bad_archives(tmp_path: Path, revision: str) -> dict[str, tuple[Path, str]]:
    """Name -> (archive, the words its one-line refusal must hold)."""
    good = table_members()
    user_columns = {c.name for c in User.__table__.columns}
    user = {"id": 1, "email": "a@example.org", "name": "", "password_hash": "x",
            "active": True, "locale": "en", "mfa_enabled": False, "mfa_secret": None,
            "created_at": "2026-12-01T00:00:00+00:00", "last_sign_in_at": None}
    user = {k: v for k, v in user.items() if k in user_columns}

    def with_rows(name: str, table: str, lines: list[str], **changes: Any) -> Path:
        members = table_members({table: lines})
        return write_archive(tmp_path / f"{name}.tar.gz", manifest_for(members, revision,
                                                                        **changes), members)

    valid = write_archive(tmp_path / "valid.tar.gz", manifest_for(good, revision), good)
    whole = valid.read_bytes()
    flipped = bytearray(whole)
    for offset in range(len(flipped) // 3, len(flipped) // 3 + 40):
        flipped[offset] ^= 0xFF
    cases: dict[str, tuple[Path, str]] = {}

    def raw(name: str, data: bytes, words: str) -> None:
        path = tmp_path / name
        path.write_bytes(data)
        cases[name] = (path, words)

    raw("garbage.tar.gz", b"hello, this is not an archive\n" * 10, "not a complete gzipped")
    raw("cut.tar.gz", whole[: len(whole) // 2], "not a complete gzipped")
    raw("flipped.tar.gz", bytes(flipped), "")
    raw("not-a-tar.tar.gz", gzip.compress(b"x" * 5000), "not a complete gzipped")
    cases["list-manifest"] = (write_archive(tmp_path / "list.tar.gz", [1, 2], good),
                              "not an EnvSAQ backup")
    no_counts = manifest_for(good, revision)
    del no_counts["counts"]
    cases["no-counts"] = (write_archive(tmp_path / "nocounts.tar.gz", no_counts, good),
                          "'counts' is missing")
    cases["sha-list"] = (write_archive(tmp_path / "shalist.tar.gz",
                                       manifest_for(good, revision, sha256=["x"]), good),
                         "'sha256' is missing or not a dict")
    cases["bad-digest"] = (write_archive(tmp_path / "digest.tar.gz", manifest_for(
        good, revision, sha256={n: "zz" for n in good}), good), "not a SHA-256")
    cases["count-text"] = (write_archive(tmp_path / "count-text.tar.gz", manifest_for(
        good, revision, counts={"user": "many"}), good), "not a number of rows")
    cases["newer-format"] = (write_archive(tmp_path / "v2.tar.gz", manifest_for(
        good, revision, format_version=FORMAT_VERSION + 1), good),
        f"reads version {FORMAT_VERSION}")
    cases["other-revision"] = (write_archive(tmp_path / "rev.tar.gz", manifest_for(
        good, "older0000000"), good), "schema revision older0000000")
    traversal = {**good, "uploads/../../escaped": b"x"}
    cases["traversal"] = (write_archive(tmp_path / "traversal.tar.gz",
                                        manifest_for(traversal, revision), traversal),
                          "which a backup never holds")
    cases["unlisted"] = (write_archive(tmp_path / "unlisted.tar.gz",
                                       manifest_for(good, revision),
                                       {**good, "uploads/extra": b"x"}),
                         "which its manifest does not list")
    link = tarfile.TarInfo("uploads/link")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    linked = manifest_for(good, revision)
    linked["sha256"]["uploads/link"] = "0" * 64
    cases["symlink"] = (write_archive(tmp_path / "symlink.tar.gz", linked, good, [link]),
                        "uploads/link is not a file")
    missing = dict(good)
    missing.pop(next(iter(missing)))
    cases["missing-table"] = (write_archive(tmp_path / "missing.tar.gz",
                                            manifest_for(missing, revision), missing),
                              "is missing")
    cases["unknown-column"] = (with_rows("column", "user", [json.dumps({**user, "evil": 1})]),
                               "column this version does not know: 'evil'")
    cases["not-json"] = (with_rows("notjson", "user", ["{not json"]), "not a JSON row")
    cases["json-list"] = (with_rows("jsonlist", "user", ["[1, 2]"]), "not a JSON object")
    cases["wrong-kind"] = (with_rows("kind", "user", [json.dumps(
        {**user, "created_at": "yesterday"})]), "value of the wrong kind")
    latin = dict(good)
    latin[_member_name(next(i for i, t in enumerate(db.metadata.sorted_tables)
                            if t.name == "user"), User.__table__)] = b'{"email": "\xe9"}\n'
    cases["not-utf8"] = (write_archive(tmp_path / "latin.tar.gz",
                                       manifest_for(latin, revision), latin), "not a JSON row")
    cases["foreign-key"] = (with_rows("fk", "membership", [json.dumps(
        {"id": 1, "user_id": 999, "role": "observer", "state_iso3": "KEN",
         "sections": []})]), "do not fit this database")
    cases["wrong-count"] = (with_rows("count", "user", [json.dumps(user)],
                                      counts={**manifest_for(good, revision)["counts"],
                                              "user": 5}), "the manifest says 5")
    return cases


def test_every_bad_archive_is_refused_in_one_line_and_writes_nothing(app, revision, tmp_path):
    runner = app.test_cli_runner()
    instance = Path(app.config["INSTANCE_PATH"])
    states = db.session.scalar(select(func.count()).select_from(db.metadata.tables["state"]))
    for name, (path, words) in bad_archives(tmp_path, revision).items():
        result = runner.invoke(args=["restore", str(path)])
        output = result.output.strip()
        assert result.exit_code == 1, (name, output, result.exception)
        assert len(output.splitlines()) == 1 and output.startswith("Error: "), (name, output)
        assert "Traceback" not in output and words in output, (name, output)
        assert db.session.scalar(select(func.count()).select_from(User)) == 0, name
        assert db.session.scalar(select(func.count()).select_from(
            db.metadata.tables["state"])) == states, name  # the registry is still there
        assert not (instance / "uploads").exists() or not any((instance / "uploads").iterdir())
        assert not list(instance.glob(".restore-*")), name  # the staging folder is gone
        assert not (tmp_path.parent / "escaped").exists()


def test_a_row_longer_than_the_limit_is_refused_without_reading_it(
        app, revision, tmp_path, monkeypatch):
    monkeypatch.setattr(restore, "MAX_ROW_BYTES", 1000)
    members = table_members({"audit_event": ['{"id": 1, "details": "' + "x" * 5000 + '"}']})
    path = write_archive(tmp_path / "long.tar.gz", manifest_for(members, revision), members)
    result = app.test_cli_runner().invoke(args=["restore", str(path)])
    assert result.exit_code == 1
    assert "line 1 is longer than" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_members_are_streamed_not_read_whole(app, revision, tmp_path):
    """A 48 MB stored file (a few KB compressed) is restored while Python never holds more
    than a few MB; reading members whole, as before, held all of it at once."""
    members = {**table_members(), "uploads/big": bytes(BIG_FILE_BYTES)}
    path = write_archive(tmp_path / "big.tar.gz", manifest_for(members, revision), members)
    del members
    tracemalloc.start()
    try:
        restore.restore_backup(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    restored = Path(app.config["INSTANCE_PATH"]) / "uploads" / "big"
    assert restored.stat().st_size == BIG_FILE_BYTES
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
