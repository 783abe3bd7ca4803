"""Opening reporting cycles and finding a State's response in them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from models import Cycle, CycleStatus, QuestionnaireVersion, Response, State, User, db
from services import audit


def open_cycle(name: str, version: QuestionnaireVersion, deadline: date,
               states: Iterable[str] | None, created_by: User | None) -> Cycle:
    """Open a cycle and give each invited State (all when ``states`` is None) a response."""
    cycle = Cycle(name=name.strip(), questionnaire_version_id=version.id, deadline=deadline,
                  created_by_id=created_by.id if created_by else None)
    db.session.add(cycle)
    db.session.flush()
    stmt = select(State.iso3).order_by(State.iso3)
    if states is not None:
        stmt = stmt.where(State.iso3.in_([s.strip().upper() for s in states]))
    codes = list(db.session.scalars(stmt))
    db.session.add_all(Response(cycle_id=cycle.id, state_iso3=code) for code in codes)
    audit.record("cycle.opened", actor=created_by, object_type="cycle", object_id=cycle.id,
                 name=cycle.name, version=version.label, states=len(codes))
    db.session.flush()
    return cycle


def open_cycles() -> list[Cycle]:
    return list(db.session.scalars(
        select(Cycle).where(Cycle.status == CycleStatus.OPEN).order_by(Cycle.created_at.desc())))


def current_response(iso3: str, cycle_id: int | None = None) -> Response | None:
    """The State's response in ``cycle_id``, or in the newest open cycle."""
    stmt = select(Response).join(Cycle).where(Response.state_iso3 == iso3)
    if cycle_id is not None:
        stmt = stmt.where(Response.cycle_id == cycle_id)
    else:
        stmt = stmt.where(Cycle.status == CycleStatus.OPEN)
    return db.session.scalar(stmt.order_by(Cycle.created_at.desc()).limit(1))


def responses_of_state(iso3: str) -> list[Response]:
    return list(db.session.scalars(
        select(Response).join(Cycle).where(Response.state_iso3 == iso3)
        .order_by(Cycle.created_at.desc())))
