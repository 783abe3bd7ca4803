"""Fixtures for workspace tests: a published questionnaire, an open cycle, complete answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import Cycle, QuestionnaireVersion, Response, db
from questionnaire.definition import Definition
from services.cycles import create_cycle
from services.definitions import DEFAULT_DEFINITION, definition_of, publish
from web.cli.demo_answers import context_for, demo_answers

CYCLE_STATES = ["KEN", "MEX", "NOR"]


@pytest.fixture
def version(app) -> QuestionnaireVersion:
    stored, _ = publish(DEFAULT_DEFINITION)
    db.session.commit()
    return stored


@pytest.fixture
def definition(version) -> Definition:
    return definition_of(version)


@pytest.fixture
def cycle(version) -> Cycle:
    created = create_cycle("2026 reporting cycle", version, date(2026, 12, 31), CYCLE_STATES, None)
    db.session.commit()
    return created


def response_of(cycle: Cycle, iso3: str) -> Response:
    return db.session.scalar(select(Response).where(Response.cycle_id == cycle.id,
                                                    Response.state_iso3 == iso3))


def complete_answers(definition: Definition, iso3: str = "KEN") -> dict:
    """A full, valid set of answers (every required relevant question answered)."""
    return demo_answers(definition, context_for(iso3, "african", seed=7))
