"""The demo's second cycle: questionnaire version 2, open for the demo States.

It shows version 2 beside version 1 and the carry-over of a State's version 1 answers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Cycle, User, db
from services.cycles import create_cycle
from services.definitions import DEFINITIONS_DIR, publish

NEXT_DEFINITION = DEFINITIONS_DIR / "res-12-4" / "v2.yaml"
NEXT_CYCLE_NAME = "Reporting cycle 2027"
NEXT_OPENS = date(2026, 12, 1)
NEXT_DEADLINE = date(2027, 6, 30)


def ensure_next_cycle(states: tuple[str, ...], admin: User | None) -> tuple[Cycle, bool]:
    """The open version 2 cycle for ``states`` (created once); (cycle, newly created)."""
    version, _new = publish(NEXT_DEFINITION)
    cycle = db.session.scalar(select(Cycle).where(Cycle.questionnaire_version_id == version.id)
                              .order_by(Cycle.id).limit(1))
    if cycle is not None:
        return cycle, False
    return create_cycle(NEXT_CYCLE_NAME, version, NEXT_DEADLINE, states, admin,
                        opens=NEXT_OPENS), True
