"""Engine set-up and the request's transaction: one commit at the end, rollback on error."""

from __future__ import annotations

from flask import Flask, Response, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine

from models import User, db
from services.audit import AUDIT_CONTEXT

SQLITE_BUSY_TIMEOUT_MS = 15_000


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def skip_commit() -> None:
    """Ask for this request's changes to be rolled back instead of committed."""
    g.envsaq_rollback = True


def _request_audit_context() -> tuple[User | None, str | None]:
    """Who acts and from where, for ``services.audit`` (nobody outside a request)."""
    if not has_request_context():
        return None, None
    actor = current_user._get_current_object() if current_user.is_authenticated else None
    return actor, request.remote_addr


def _start_request() -> None:
    db.session.info[AUDIT_CONTEXT] = _request_audit_context


def _commit_request(response: Response) -> Response:
    if g.get("envsaq_rollback"):
        db.session.rollback()
    else:
        db.session.commit()
    return response


def init_database(app: Flask) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # sqlite3's own default of 5 s would beat our busy_timeout; make them agree.
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        options["connect_args"] = connect_args
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    app.before_request(_start_request)
    app.after_request(_commit_request)
