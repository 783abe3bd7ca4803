"""``flask backup`` / ``flask restore``: a round trip keeps every table and every file."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
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
    Submission,
    TokenPurpose,
    User,
    db,
)
from models.report import JobStatus
from tests.conftest import PASSWORD
from tests.databases import empty_database
from tests.security.world import World, world  # noqa: F401  (world: the fixture)
from web.accounts.passwords import verify_password
from web.bootstrap import upgrade_to_head

ROOT = Path(__file__).resolve().parents[1]
FLASK = Path(sys.executable).with_name("flask")


def connection_rows(conn) -> dict[str, list[str]]:
    """Every table's rows as text, ordered by primary key, read through ``conn``."""
    contents = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        contents[table.name] = [repr(tuple(row)) for row in
                                conn.execute(select(table).order_by(*order))]
    return contents


def stored_files(instance: Path) -> dict[str, bytes]:
    files = {}
    for folder in ("uploads", "reports"):
        base = instance / folder
        if base.is_dir():
            files.update({f"{folder}/{p.name}": p.read_bytes() for p in base.iterdir()})
    return files


@pytest.fixture
def second_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same backend, to restore into."""
    with empty_database(backend, tmp_path, "restored") as url:
        yield url


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
    # A response started from an earlier submission: its key points at a table restored
    # after it (response -> submission), which the restore must set last.
    world.ken.response.carried_from_submission_id = db.session.scalar(select(Submission.id))
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
    from services.sessions import open_session

    open_session(focal, address="127.0.0.1", user_agent="test", max_age=timedelta(hours=12))
    db.session.commit()
    stamp()  # the schema was made by create_all; record the revision it equals
    return world


def test_round_trip_keeps_every_table_and_file(app, full_instance, second_database,
                                               tmp_path):
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) > 0
    instance = Path(app.config["INSTANCE_PATH"])
    with db.engine.connect() as conn:
        before = connection_rows(conn), stored_files(instance)
    assert [name for name, rows in before[0].items() if not rows] == [], \
        "the data set should fill every table"
    archive = tmp_path / "backup.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", "--out", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output
    assert archive.stat().st_mode & 0o777 == 0o600  # hashes and secrets: the owner's alone

    # As an operator would: a new instance whose first start migrates the empty database
    # and loads the registry, then the restore command.
    restored = tmp_path / "restored-instance"
    env = {**os.environ, "DATABASE_URL": second_database, "ENVSAQ_INSTANCE_PATH": str(restored),
           "SECRET_KEY": "restore-test", "ENVSAQ_AUTO_MIGRATE": "1", "ENVSAQ_ENV": "development"}
    env.pop("REDIS_URL", None)
    done = subprocess.run([str(FLASK), "--app", "app", "restore", str(archive)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Restored" in done.stdout

    engine = create_engine(second_database)
    try:
        with engine.connect() as conn:
            assert connection_rows(conn) == before[0]
            assert stored_files(restored) == before[1]
            # Ids continue after the restored ones (PostgreSQL sequences were reset).
            new_id = conn.execute(insert(User).values(
                email="after-restore@example.org", password_hash="x", name="", locale="en",
                active=True, mfa_enabled=False, mfa_last_step=0,
                created_at=datetime.now(UTC)).returning(User.id)).scalar()
            assert new_id > max(full_instance.users[r].id for r in full_instance.users)
            assert new_id > conn.execute(select(func.max(User.id)).where(
                User.email != "after-restore@example.org")).scalar()
            # The restored accounts keep their passwords.
            stored_hash = conn.execute(select(User.password_hash).where(
                User.email == full_instance.users["focal-point"].email)).scalar()
            assert verify_password(stored_hash, PASSWORD)
            conn.rollback()
    finally:
        engine.dispose()


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
