"""The demo's second cycle: questionnaire version 2, open for the demo States.

It shows version 2 beside version 1 and the carry-over of a State's version 1 answers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Cycle, User, db
from services.cycles import change_cycle, create_cycle
from services.definitions import DEFINITIONS_DIR, publish
from web.cli.demo_people import NEXT_DEADLINE_IN_DAYS, demo_deadline

NEXT_DEFINITION = DEFINITIONS_DIR / "res-12-4" / "v2.yaml"
NEXT_CYCLE_NAME = "Reporting cycle 2027"


def ensure_next_cycle(states: tuple[str, ...], admin: User | None) -> tuple[Cycle, bool]:
    """The open version 2 cycle for ``states`` (created once); (cycle, newly created)."""
    version, _new = publish(NEXT_DEFINITION)
    cycle = db.session.scalar(select(Cycle).where(Cycle.questionnaire_version_id == version.id)
                              .order_by(Cycle.id).limit(1))
    today = date.today()
    if cycle is not None:
        if cycle.deadline < today:  # a demo database kept for months: a deadline ahead
            change_cycle(cycle.id, name=cycle.name, changed_by=admin,
                         deadline=demo_deadline(today, NEXT_DEADLINE_IN_DAYS))
        return cycle, False  # open now, due well after the version 1 cycle (both ahead of today)
    return create_cycle(NEXT_CYCLE_NAME, version, demo_deadline(today, NEXT_DEADLINE_IN_DAYS),
                        states, admin, opens=today), True
