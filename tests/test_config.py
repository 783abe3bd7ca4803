"""Configuration from the environment, and its refusals in production."""

from __future__ import annotations

import sqlite3

import pytest

from web.config import ConfigError, load_config


def test_defaults_use_sqlite_in_instance_folder_and_a_stored_secret(tmp_path):
    env = {"ENVSAQ_INSTANCE_PATH": str(tmp_path / "inst")}
    config = load_config(env)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'envsaq.db'}"
    secret_file = tmp_path / "inst" / "secret_key"
    assert secret_file.read_text() == config["SECRET_KEY"]
    assert len(config["SECRET_KEY"]) >= 40
    assert oct(secret_file.stat().st_mode & 0o777) == "0o600"
    # Generated once: the next start reads the same key.
    assert load_config(env)["SECRET_KEY"] == config["SECRET_KEY"]
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {"ENVSAQ_INSTANCE_PATH": str(tmp_path), "ENVSAQ_ENV": "production",
           "DATABASE_URL": "postgresql+psycopg://db/envsaq"}
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(env)


def test_production_refuses_sqlite_unless_allowed(tmp_path):
    env = {"ENVSAQ_INSTANCE_PATH": str(tmp_path), "ENVSAQ_ENV": "production",
           "SECRET_KEY": "x" * 40, "ENVSAQ_BASE_URL": "https://envsaq.example.org",
           "MAIL_SERVER": "smtp.example.org"}
    with pytest.raises(ConfigError, match="SQLite"):
        load_config(env)
    config = load_config({**env, "ENVSAQ_ALLOW_SQLITE": "1"})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True


def test_production_needs_a_base_url_and_it_must_be_an_address(tmp_path):
    env = {"ENVSAQ_INSTANCE_PATH": str(tmp_path), "ENVSAQ_ENV": "production",
           "SECRET_KEY": "x" * 40, "ENVSAQ_ALLOW_SQLITE": "1", "ENVSAQ_MAIL_TO_FILES": "1"}
    with pytest.raises(ConfigError, match="ENVSAQ_BASE_URL"):
        load_config(env)
    for bad in ("envsaq.example.org", "ftp://envsaq.example.org", "https://", "https://x/?a=1"):
        with pytest.raises(ConfigError, match="ENVSAQ_BASE_URL"):
            load_config({**env, "ENVSAQ_BASE_URL": bad})
    config = load_config({**env, "ENVSAQ_BASE_URL": "https://envsaq.example.org/"})
    assert config["BASE_URL"] == "https://envsaq.example.org"


def test_unknown_mode_and_bad_numbers_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="ENVSAQ_ENV"):
        load_config({"ENVSAQ_INSTANCE_PATH": str(tmp_path), "ENVSAQ_ENV": "staging"})
    with pytest.raises(ConfigError, match="ENVSAQ_SESSION_IDLE_MINUTES"):
        load_config({"ENVSAQ_INSTANCE_PATH": str(tmp_path), "ENVSAQ_SESSION_IDLE_MINUTES": "ten"})


def test_sqlite_connections_use_wal_and_a_busy_timeout(make_app, backend):
    if backend != "sqlite":
        pytest.skip("SQLite pragmas")
    app = make_app()
    from models import db

    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        finally:
            raw.close()
    assert sqlite3.sqlite_version_info >= (3, 7)


PRODUCTION = {"ENVSAQ_ENV": "production", "SECRET_KEY": "k" * 48,
              "DATABASE_URL": "postgresql+psycopg://db/envsaq",
              "ENVSAQ_BASE_URL": "https://envsaq.example.org", "MAIL_SERVER": "smtp.example.org"}


def test_production_starts_on_safe_settings(tmp_path):
    config = load_config({**PRODUCTION, "ENVSAQ_INSTANCE_PATH": str(tmp_path)})
    assert config["BASE_URL"] == "https://envsaq.example.org"


@pytest.mark.parametrize(("change", "named"), [
    ({"SECRET_KEY": "x"}, "SECRET_KEY"),
    ({"SECRET_KEY": "k" * 31}, "SECRET_KEY"),
    ({"ENVSAQ_BASE_URL": None}, "ENVSAQ_BASE_URL"),
    ({"ENVSAQ_BASE_URL": "http://127.0.0.1:5000/"}, "ENVSAQ_BASE_URL"),
    ({"MAIL_SERVER": None}, "MAIL_SERVER"),
])
def test_production_refuses_unsafe_settings(tmp_path, change, named):
    env = {**PRODUCTION, "ENVSAQ_INSTANCE_PATH": str(tmp_path), **change}
    env = {key: value for key, value in env.items() if value is not None}
    with pytest.raises(ConfigError, match=named):
        load_config(env)


def test_production_keeps_mail_as_files_only_when_told(tmp_path):
    env = {**PRODUCTION, "ENVSAQ_INSTANCE_PATH": str(tmp_path), "ENVSAQ_MAIL_TO_FILES": "1"}
    del env["MAIL_SERVER"]
    assert load_config(env)["MAIL_SERVER"] is None


def test_every_environment_variable_is_in_the_readme_table():
    """One table, real names (ops review F10): each variable web/config.py reads is a row."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    source = (root / "web" / "config.py").read_text()
    read = set(re.findall(r'env(?:\.get\(|, )"([A-Z][A-Z0-9_]+)"', source))
    assert {"DATABASE_URL", "ENVSAQ_PDF_TIMEOUT_SECONDS", "ENVSAQ_PROXY_FIX"} <= read
    rows = [line for line in (root / "README.md").read_text().splitlines()
            if line.startswith("| `")]
    documented = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`",
                                                              row.split("|")[1])}
    assert sorted(read - documented) == []


def test_a_new_instance_folder_is_readable_by_the_apps_user_only(tmp_path):
    load_config({"ENVSAQ_INSTANCE_PATH": str(tmp_path / "new-instance")})
    assert (tmp_path / "new-instance").stat().st_mode & 0o777 == 0o700


def test_the_seal_is_self_signed_in_the_instance_folder_unless_one_is_named(tmp_path):
    from exports.seal import self_signed_p12

    config = load_config({"ENVSAQ_INSTANCE_PATH": str(tmp_path / "a")})
    assert (tmp_path / "a" / "seal.p12").stat().st_mode & 0o777 == 0o600
    assert config["SEAL_IS_SELF_SIGNED"] is True
    assert "127.0.0.1" in config["SEAL"].name
    assert load_config({"ENVSAQ_INSTANCE_PATH": str(tmp_path / "a")})["SEAL"] == config["SEAL"]
    named = tmp_path / "org.p12"
    named.write_bytes(self_signed_p12("Ministry seal"))
    config = load_config({"ENVSAQ_INSTANCE_PATH": str(tmp_path / "b"),
                          "ENVSAQ_SEAL_P12": str(named), "ENVSAQ_TSA_URL": "https://tsa.test"})
    assert config["SEAL"].name.startswith("Ministry seal")
    assert config["SEAL"].tsa_url == "https://tsa.test"
    assert not (tmp_path / "b" / "seal.p12").exists()


def test_production_refuses_a_seal_it_cannot_use(tmp_path):
    from exports.seal import self_signed_p12

    named = tmp_path / "org.p12"
    named.write_bytes(self_signed_p12("Ministry seal"))
    env = {**PRODUCTION, "ENVSAQ_INSTANCE_PATH": str(tmp_path)}
    with pytest.raises(ConfigError, match="ENVSAQ_SEAL_PASSWORD"):
        load_config({**env, "ENVSAQ_SEAL_P12": str(named)})
    with pytest.raises(ConfigError, match="ENVSAQ_SEAL_P12"):
        load_config({**env, "ENVSAQ_SEAL_P12": str(tmp_path / "missing.p12"),
                     "ENVSAQ_SEAL_PASSWORD": "x"})
    with pytest.raises(ConfigError, match=r"ENVSAQ_SEAL_P12.*password"):
        load_config({**env, "ENVSAQ_SEAL_P12": str(named), "ENVSAQ_SEAL_PASSWORD": "x"})
