"""A published version's source (half a megabyte and more) is read from the database only to
parse it, once per process: not with every cycle and response that joins its version."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event, inspect, select

from models import Response, db
from services.definitions import definition_of


@pytest.fixture
def statements(app) -> Iterator[list[str]]:
    """The SQL the app's engine runs while the test watches."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def _fresh_response(cycle_id: int) -> Response:
    """A response of the cycle as a request would load it: nothing of it in the session."""
    db.session.expunge_all()
    return db.session.scalar(select(Response).where(Response.cycle_id == cycle_id))


def test_loading_a_response_leaves_the_source_in_the_database(cycle, statements):
    statements.clear()
    response = _fresh_response(cycle.id)
    version = response.cycle.questionnaire_version  # joined with the response
    assert "source" in inspect(version).unloaded
    assert version.content_hash and version.version
    assert not any("questionnaire_version.source" in sql for sql in statements), statements


def test_the_definition_is_parsed_once_and_found_again_by_its_hash(cycle, statements):
    cycle_id = cycle.id
    first = definition_of(_fresh_response(cycle_id).cycle.questionnaire_version)
    statements.clear()
    version = _fresh_response(cycle_id).cycle.questionnaire_version
    assert definition_of(version) is first
    assert "source" in inspect(version).unloaded
    assert not any("questionnaire_version.source" in sql for sql in statements), statements


def test_the_source_is_read_when_no_parse_of_its_hash_is_known(cycle, statements, monkeypatch):
    from services import definitions

    monkeypatch.setattr(definitions, "_BY_HASH", {})
    version = _fresh_response(cycle.id).cycle.questionnaire_version
    statements.clear()
    definition = definition_of(version)
    assert definition.question("op1.leg.legal_persons").key == "op1.leg.legal_persons"
    assert any("questionnaire_version.source" in sql for sql in statements), statements
