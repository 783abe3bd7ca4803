"""Configuration from environment variables, with safe defaults for the embedded setup."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from exports.seal import SELF_SIGNED_FILE, Seal, SealError, ensure_self_signed, load_seal


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says what to set."""


def _env_bool(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from exc


def _base_url(env: Mapping[str, str]) -> str:
    """``ENVSAQ_BASE_URL``: the public address every mailed, API and PDF link is built on."""
    value = (env.get("ENVSAQ_BASE_URL") or DEFAULT_BASE_URL).strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(f"ENVSAQ_BASE_URL must be an http(s) address such as "
                          f"https://envsaq.example.org, not {value!r}")
    return value


def instance_secret(instance_path: Path) -> str:
    """Return the secret key kept in the instance folder, creating it on first use."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    # O_EXCL: two processes starting at once must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _seal(env: Mapping[str, str], instance_path: Path, production: bool) -> Seal:
    """The seal of snapshot PDFs: ``ENVSAQ_SEAL_P12`` (with ``ENVSAQ_SEAL_PASSWORD``), else
    a self-signed certificate made on first start in the instance folder (mode 0600)."""
    named = env.get("ENVSAQ_SEAL_P12")
    password = env.get("ENVSAQ_SEAL_PASSWORD") or None
    tsa_url = env.get("ENVSAQ_TSA_URL") or None
    if named:
        if production and not password:
            raise ConfigError("ENVSAQ_SEAL_P12 needs ENVSAQ_SEAL_PASSWORD in production")
        try:
            data = Path(named).read_bytes()
        except OSError as error:
            raise ConfigError(f"ENVSAQ_SEAL_P12 cannot be read: {error.strerror}") from None
    else:
        host = urlsplit(_base_url(env)).hostname or "localhost"
        path = ensure_self_signed(instance_path, f"EnvSAQ seal of {host} (self-signed)")
        data = path.read_bytes()
        password = None
    try:
        return load_seal(data, password.encode() if password else None, tsa_url)
    except SealError as error:
        variable = "ENVSAQ_SEAL_P12" if named else f"{instance_path}/{SELF_SIGNED_FILE}"
        raise ConfigError(f"{variable}: {error}") from None


DEFAULT_BASE_URL = "http://127.0.0.1:5000"
MIN_SECRET_BYTES = 32


def _refuse_unsafe_production(env: Mapping[str, str], secret_key: str | None) -> None:
    """Production does not start on settings that are only safe on one's own machine."""
    if not secret_key:
        raise ConfigError("ENVSAQ_ENV=production needs SECRET_KEY to be set")
    if len(secret_key.encode()) < MIN_SECRET_BYTES:
        raise ConfigError(f"ENVSAQ_ENV=production needs a SECRET_KEY of at least "
                          f"{MIN_SECRET_BYTES} bytes (48 random characters are recommended)")
    if (env.get("ENVSAQ_BASE_URL") or DEFAULT_BASE_URL).rstrip("/") == DEFAULT_BASE_URL:
        raise ConfigError("ENVSAQ_ENV=production needs ENVSAQ_BASE_URL, the public address "
                          "that mailed links point to (e.g. https://envsaq.example.org)")
    if not env.get("MAIL_SERVER") and not _env_bool(env, "ENVSAQ_MAIL_TO_FILES"):
        raise ConfigError("ENVSAQ_ENV=production needs MAIL_SERVER, or ENVSAQ_MAIL_TO_FILES=1 "
                          "to keep outgoing mail as files in the instance folder's mail/")


def load_config(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask configuration from the environment (``os.environ`` by default)."""
    env = os.environ if env is None else env
    mode = env.get("ENVSAQ_ENV", "development").strip().lower()
    if mode not in {"development", "production"}:
        raise ConfigError("ENVSAQ_ENV must be 'development' or 'production'")
    production = mode == "production"

    instance_path = Path(env.get("ENVSAQ_INSTANCE_PATH", "instance")).resolve()
    instance_path.mkdir(mode=0o700, parents=True, exist_ok=True)  # created for the app's user only

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'envsaq.db'}"
    secret_key = env.get("SECRET_KEY")
    if production:
        _refuse_unsafe_production(env, secret_key)
        if database_url.startswith("sqlite") and not _env_bool(env, "ENVSAQ_ALLOW_SQLITE"):
            raise ConfigError(
                "ENVSAQ_ENV=production refuses SQLite; set DATABASE_URL to PostgreSQL "
                "or ENVSAQ_ALLOW_SQLITE=1 to accept it"
            )
    if not secret_key:
        secret_key = instance_secret(instance_path)
    seal = _seal(env, instance_path, production)

    return {
        "ENVSAQ_ENV": mode,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": env.get("REDIS_URL") or None,
        "MAIL_SERVER": env.get("MAIL_SERVER") or None,
        "MAIL_PORT": _env_int(env, "MAIL_PORT", 587),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _env_bool(env, "MAIL_USE_TLS", True),
        "MAIL_FROM": env.get("MAIL_FROM", "envsaq@localhost"),
        "BASE_URL": _base_url(env),
        "SESSION_IDLE_MINUTES": _env_int(env, "ENVSAQ_SESSION_IDLE_MINUTES", 30),
        "SESSION_ABSOLUTE_HOURS": _env_int(env, "ENVSAQ_SESSION_ABSOLUTE_HOURS", 12),
        "MFA_REQUIRED_FOR_SECRETARIAT": _env_bool(env, "ENVSAQ_MFA_REQUIRED_FOR_SECRETARIAT"),
        "THROTTLE_MAX_FAILURES": _env_int(env, "ENVSAQ_THROTTLE_MAX_FAILURES", 5),
        "THROTTLE_WINDOW_MINUTES": _env_int(env, "ENVSAQ_THROTTLE_WINDOW_MINUTES", 15),
        "THROTTLE_MAX_FAILURES_PER_ADDRESS": _env_int(
            env, "ENVSAQ_THROTTLE_MAX_FAILURES_PER_ADDRESS", 50),
        "THROTTLE_MAX_DELAY_SECONDS": _env_int(env, "ENVSAQ_THROTTLE_MAX_DELAY_SECONDS", 300),
        "RESET_MAX_PER_ACCOUNT": _env_int(env, "ENVSAQ_RESET_MAX_PER_ACCOUNT", 3),
        "RESET_MAX_PER_ADDRESS": _env_int(env, "ENVSAQ_RESET_MAX_PER_ADDRESS", 20),
        "MAX_CONTENT_LENGTH": _env_int(env, "ENVSAQ_MAX_UPLOAD_MB", 25) * 1024 * 1024,
        "UPLOAD_QUOTA_MB_PER_STATE": _env_int(env, "ENVSAQ_UPLOAD_QUOTA_MB_PER_STATE", 200),
        "PERMANENT_SESSION_LIFETIME": timedelta(
            hours=_env_int(env, "ENVSAQ_SESSION_ABSOLUTE_HOURS", 12)),
        # __Host-: the browser keeps it for this exact host only, over HTTPS, for every path.
        "SESSION_COOKIE_NAME": "__Host-envsaq_session" if production else "envsaq_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "WTF_CSRF_TIME_LIMIT": None,  # the session bounds the token's life
        "BABEL_DEFAULT_LOCALE": "en",
        "AUTO_MIGRATE": _env_bool(env, "ENVSAQ_AUTO_MIGRATE", True),
        "PDF_RENDER_TIMEOUT": _env_int(env, "ENVSAQ_PDF_TIMEOUT_SECONDS", 60),
        "SEAL": seal,  # exports.seal.Seal: seals every snapshot PDF
        "SEAL_IS_SELF_SIGNED": not env.get("ENVSAQ_SEAL_P12"),
        # Report parts rendered in the background after each submission (web/report_prerender.py)
        "REPORT_PRERENDER": _env_bool(env, "ENVSAQ_REPORT_PRERENDER", True),
        # The report part cache; worker machines sharing a queue share it (web/jobs.py)
        "REPORT_CACHE": env.get("ENVSAQ_REPORT_CACHE") or None,
        "PDF_JOBS_PER_USER": _env_int(env, "ENVSAQ_PDF_JOBS_PER_USER", 2),
        "PDF_JOBS_GLOBAL": _env_int(env, "ENVSAQ_PDF_JOBS_GLOBAL", 8),
        "HUEY_IMMEDIATE": _env_bool(env, "ENVSAQ_JOBS_IMMEDIATE", False),
        "PROXY_FIX": _env_int(env, "ENVSAQ_PROXY_FIX", 0),  # reverse proxies in front
        "MIN_FREE_MB": _env_int(env, "ENVSAQ_MIN_FREE_MB", 500),  # /ready fails below
        "METRICS_TOKEN": env.get("ENVSAQ_METRICS_TOKEN") or None,  # /metrics is off without
        "PROXY_TRUST_HOST": _env_bool(env, "ENVSAQ_PROXY_TRUST_HOST"),
        "EXTRA_TRUSTED_HOSTS": [name.strip().lower() for name in
                                env.get("ENVSAQ_TRUSTED_HOSTS", "").split(",") if name.strip()],
    }
