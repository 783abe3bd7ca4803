"""First start: bring an empty database to the newest schema and load the State registry."""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy import inspect, select, text

from models import State, db

log = logging.getLogger(__name__)


def database_is_empty() -> bool:
    return not inspect(db.engine).get_table_names()


def upgrade_to_head() -> None:
    from flask_migrate import upgrade

    upgrade()


def prepare_database(app: Flask) -> None:
    """Upgrade an empty database and load the registry; leave an existing one alone."""
    with app.app_context():
        is_postgres = db.engine.dialect.name == "postgresql"
        with db.engine.connect() as lock_conn:
            if is_postgres:
                # Several workers starting at once: only one of them migrates.
                lock_conn.execute(text("SELECT pg_advisory_lock(424242)"))
            try:
                if database_is_empty():
                    log.info("empty database: upgrading to the newest schema")
                    upgrade_to_head()
                if db.session.scalar(select(State.iso3).limit(1)) is None:
                    from services.registry import load_states

                    count = load_states()
                    db.session.commit()
                    log.info("loaded %d States into the registry", count)
            finally:
                if is_postgres:
                    lock_conn.execute(text("SELECT pg_advisory_unlock(424242)"))
                    lock_conn.commit()
