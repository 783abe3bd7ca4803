"""Migrations build the schema from nothing, and agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from models import State, db
from web.bootstrap import prepare_database, upgrade_to_head


def test_upgrade_from_empty_matches_the_models(make_app):
    app = make_app(schema=False)
    with app.app_context():
        upgrade_to_head()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations disagree: {differences}"


def test_first_start_upgrades_an_empty_database_and_loads_the_registry(make_app):
    app = make_app(schema=False)
    prepare_database(app)
    with app.app_context():
        assert "state" in inspect(db.engine).get_table_names()
        assert db.session.scalar(select(func.count()).select_from(State)) == 198
    # A second start changes nothing and does not fail.
    prepare_database(app)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(State)) == 198


def test_downgrade_to_nothing_and_back(make_app):
    from flask_migrate import downgrade

    app = make_app(schema=False)
    with app.app_context():
        upgrade_to_head()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade_to_head()
        assert "submission" in inspect(db.engine).get_table_names()
