"""``flask backup`` / ``flask restore``: a round trip keeps every table and every file."""

from __future__ import annotations

import os
import re
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import stamp
from sqlalchemy import create_engine, func, insert, select, text

from models import (
    AccountToken,
    Presence,
    RecoveryCode,
    ReportJob,
    Role,
    SignInFailure,
    TokenPurpose,
    User,
    db,
)
from models.report import JobStatus
from tests.conftest import PASSWORD, _postgres_schema_url, sign_in
from tests.security.world import World, world  # noqa: F401  (world: the fixture)
from web.bootstrap import upgrade_to_head
from web.registry import load_states

#: Rows compared as text per table, with every file's bytes.
Snapshot = tuple[dict[str, list[str]], dict[str, bytes]]


def snapshot(instance: Path) -> Snapshot:
    from tests.security.db_state import table_rows

    files = {}
    for folder in ("uploads", "reports"):
        base = instance / folder
        if base.is_dir():
            files.update({f"{folder}/{p.name}": p.read_bytes() for p in base.iterdir()})
    return table_rows(), files


@pytest.fixture
def second_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same backend, to restore into."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    schema = "r_" + uuid.uuid4().hex[:20]
    admin = create_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def restore_target(make_app, database_url: str, instance: Path) -> Iterator[Flask]:
    """An app on the second database, its connections closed before the database goes."""
    target = make_app(schema=False, SQLALCHEMY_DATABASE_URI=database_url,
                      INSTANCE_PATH=str(instance))
    try:
        yield target
    finally:
        with target.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def full_instance(app, world, tmp_path):  # noqa: F811  (world is the imported fixture)
    """The security world, plus a report, a failed sign-in, an invitation, a recovery code
    and a presence row: every table holds something."""
    focal = world.users["focal-point"]
    db.session.add_all([
        Presence(user_id=focal.id, response_id=world.ken.response.id, section_key="general"),
        RecoveryCode(user_id=focal.id, code_hash="0" * 64),
        AccountToken(token_hash="1" * 64, purpose=TokenPurpose.INVITATION,
                     email="invited@example.org", role=Role.CONTRIBUTOR, state_iso3="KEN",
                     sections=["general"], created_by_id=focal.id,
                     expires_at=datetime.now(UTC) + timedelta(days=7)),
    ])
    db.session.commit()
    anonymous = app.test_client()
    from tests.conftest import csrf_token

    anonymous.post("/sign-in", data={"csrf_token": csrf_token(anonymous), "password": "no",
                                     "email": world.users["observer"].email})
    reports = Path(app.config["INSTANCE_PATH"]) / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "report-1-en.pdf").write_bytes(b"%PDF-1.7 compiled report\n\x00\xff")
    db.session.add(ReportJob(cycle_id=world.cycle.id, status=JobStatus.DONE,
                             options={"lang": "ar", "note": "تقرير"}, parts_done=3,
                             parts_total=3, file_name="report-1-en.pdf"))
    db.session.commit()
    stamp()  # the schema was made by create_all; record the revision it equals
    return world


def test_round_trip_keeps_every_table_and_file(app, full_instance, make_app, second_database,
                                               tmp_path):
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) > 0
    before = snapshot(Path(app.config["INSTANCE_PATH"]))
    empty_tables = [name for name, rows in before[0].items() if not rows]
    assert empty_tables == [], "the data set should fill every table"
    archive = tmp_path / "backup.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", "--out", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output

    restored_instance = tmp_path / "restored-instance"
    with restore_target(make_app, second_database, restored_instance) as target:
        _restore_and_compare(target, archive, before, restored_instance, full_instance)


def _restore_and_compare(target: Flask, archive: Path, before: Snapshot, instance: Path,
                         source: World) -> None:
    with target.app_context():
        upgrade_to_head()
        load_states()  # what a first start does: the restore replaces the registry
        db.session.commit()
        result = target.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 0, result.output
        after = snapshot(instance)
        assert after[0] == before[0]
        assert after[1] == before[1]
        # Ids continue after the restored ones (PostgreSQL sequences were reset).
        new_id = db.session.execute(insert(User).values(
            email="after-restore@example.org", password_hash="x", name="",
            locale="en", active=True, session_token="t", mfa_enabled=False, mfa_last_step=0,
            created_at=db.func.now()).returning(User.id)).scalar()
        assert new_id > max(int(re.match(r"\((\d+),", r).group(1)) for r in before[0]["user"])
        db.session.rollback()
    # The restored copy works: its users sign in with their old passwords.
    client = target.test_client()
    with target.app_context():
        user = db.session.scalar(select(User).where(User.email == source.users[
            "focal-point"].email))
        sign_in(client, user, PASSWORD)
        page = client.get(f"/states/KEN/cycles/{source.cycle.id}/attachments/"
                          f"{source.ken.attachment_id}")
        assert page.status_code == 200
        db.session.rollback()


def test_manifest_lists_counts_revision_and_checksums(app, full_instance, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert app.test_cli_runner().invoke(args=["backup", "--out", str(archive)]).exit_code == 0
    import json

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert manifest["schema_revision"] == revision
    assert manifest["counts"]["attachment"] == 2
    assert manifest["tables"] == [t.name for t in db.metadata.sorted_tables]
    assert set(manifest["sha256"]) == set(names) - {"manifest.json"}
    assert f"uploads/{full_instance.mex.attachment_id}" in names


def test_restore_refuses_a_database_that_is_not_empty(app, full_instance, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", "--out", str(archive)]).exit_code == 0
    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 1
    assert "the database is not empty" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_restore_refuses_another_schema_revision(app, full_instance, make_app,
                                                 second_database, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert app.test_cli_runner().invoke(args=["backup", "--out", str(archive)]).exit_code == 0
    with restore_target(make_app, second_database, tmp_path / "other") as target, \
            target.app_context():
        result = target.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 1 and "has no schema" in result.output
        upgrade_to_head()
        db.session.execute(text("UPDATE alembic_version SET version_num = 'older0000000'"))
        db.session.commit()
        result = target.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 1
        assert "schema revision" in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_restore_refuses_a_damaged_archive(app, full_instance, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert app.test_cli_runner().invoke(args=["backup", "--out", str(archive)]).exit_code == 0
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("uploads/"):
                data = data.replace(b"PDF", b"XXX")
            import io

            out.addfile(member, io.BytesIO(data))
    result = app.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert result.exit_code == 1 and "does not match its checksum" in result.output
    not_an_archive = tmp_path / "note.txt"
    not_an_archive.write_text("hello")
    result = app.test_cli_runner().invoke(args=["restore", str(not_an_archive)])
    assert result.exit_code == 1 and "not a complete gzipped tar archive" in result.output
