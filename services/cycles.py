"""Reporting cycles: opening one on a published questionnaire version, listing, renaming or
moving the deadline, closing.

One rule set for the administration page and the ``flask cycles`` commands. A cycle is on one
questionnaire version, so aggregates and reports of a cycle never mix versions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from models import (
    Cycle,
    CycleStatus,
    QuestionnaireVersion,
    Response,
    State,
    User,
    WorkflowState,
    db,
)
from services import audit
from services.errors import Conflict, DomainError, NotFound

MAX_NAME_LENGTH = 200


class CycleRefused(DomainError):
    """The cycle cannot be opened as asked; the message says why (English, for the caller)."""


@dataclass(frozen=True)
class CycleSummary:
    cycle: Cycle
    states: int
    """Number of invited States (responses)."""


def create_cycle(name: str, version: QuestionnaireVersion, deadline: date,
                 states: Iterable[str] | None, created_by: User | None,
                 opens: date | None = None) -> Cycle:
    """Open a cycle and give each invited State (all when ``states`` is None) a response."""
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise CycleRefused(f"the name must be 1 to {MAX_NAME_LENGTH} characters")
    if opens is not None and deadline < opens:
        raise CycleRefused(f"the deadline {deadline.isoformat()} is before the opening date "
                           f"{opens.isoformat()}")
    stmt = select(State.iso3).order_by(State.iso3)
    if states is not None:
        wanted = sorted({code.strip().upper() for code in states if code.strip()})
        if not wanted:
            raise CycleRefused("no State was named")
        stmt = stmt.where(State.iso3.in_(wanted))
    codes = list(db.session.scalars(stmt))
    if states is not None:
        unknown = sorted(set(wanted) - set(codes))
        if unknown:
            raise CycleRefused(f"unknown State code(s): {', '.join(unknown)}")
    if not codes:
        raise CycleRefused("the registry has no States; load them first (flask states load)")
    cycle = Cycle(name=name, questionnaire_version_id=version.id, deadline=deadline,
                  opens_on=opens, created_by_id=created_by.id if created_by else None)
    db.session.add(cycle)
    db.session.flush()
    db.session.add_all(Response(cycle_id=cycle.id, state_iso3=code) for code in codes)
    audit.record("cycle.opened", actor=created_by, object_type="cycle", object_id=cycle.id,
                 name=cycle.name, version=version.label, states=len(codes))
    db.session.flush()
    return cycle


def find_cycle(cycle_id: int | None) -> Cycle | None:
    """The cycle with this id; ``None`` when there is none (or no id was given)."""
    return db.session.get(Cycle, cycle_id) if cycle_id else None


def get_cycle(cycle_id: int | None) -> Cycle:
    """The cycle with this id; :class:`NotFound` when there is none."""
    cycle = find_cycle(cycle_id)
    if cycle is None:
        raise NotFound(f"no cycle with id {cycle_id}")
    return cycle


def change_cycle(cycle_id: int, *, name: str, deadline: date, changed_by: User | None) -> Cycle:
    """Rename a cycle or move its deadline (open or closed); audited with the values before
    and after. The same rules as opening one: a name of 1 to 200 characters, a deadline not
    before the opening date."""
    cycle = get_cycle(cycle_id)
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise CycleRefused(f"the name must be 1 to {MAX_NAME_LENGTH} characters")
    if cycle.opens_on is not None and deadline < cycle.opens_on:
        raise CycleRefused(f"the deadline {deadline.isoformat()} is before the opening date "
                           f"{cycle.opens_on.isoformat()}")
    before = {"name": cycle.name, "deadline": cycle.deadline.isoformat()}
    after = {"name": name, "deadline": deadline.isoformat()}
    if before == after:
        return cycle
    cycle.name, cycle.deadline = name, deadline
    audit.record("cycle.changed", actor=changed_by, object_type="cycle", object_id=cycle.id,
                 before=before, after=after)
    db.session.flush()
    return cycle


def close_cycle(cycle_id: int, closed_by: User | None) -> Cycle:
    """Close an open cycle: its responses can no longer be changed through it."""
    cycle = get_cycle(cycle_id)
    if cycle.status is CycleStatus.CLOSED:
        raise Conflict(f"the cycle {cycle.id} ({cycle.name}) is already closed")
    cycle.status = CycleStatus.CLOSED
    audit.record("cycle.closed", actor=closed_by, object_type="cycle", object_id=cycle.id,
                 name=cycle.name)
    db.session.flush()
    return cycle


def list_cycles() -> list[CycleSummary]:
    """Every cycle, newest first, with the number of invited States."""
    counts = dict(db.session.execute(
        select(Response.cycle_id, func.count()).group_by(Response.cycle_id)).all())
    cycles = db.session.scalars(select(Cycle).order_by(Cycle.created_at.desc(),
                                                       Cycle.id.desc()))
    return [CycleSummary(cycle, counts.get(cycle.id, 0)) for cycle in cycles]


def workflow_counts() -> dict[tuple[int, WorkflowState], int]:
    """How many responses of each cycle are in each workflow state (absent: none)."""
    return {
        (cycle_id, state): n for cycle_id, state, n in db.session.execute(
            select(Response.cycle_id, Response.workflow_state, func.count())
            .group_by(Response.cycle_id, Response.workflow_state))
    }


def invited_count(cycle_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Response).where(Response.cycle_id == cycle_id)) or 0


def open_cycles() -> list[Cycle]:
    return list(db.session.scalars(
        select(Cycle).where(Cycle.status == CycleStatus.OPEN)
        .order_by(Cycle.created_at.desc(), Cycle.id.desc())))


def open_responses(codes: Iterable[str]) -> list[Response]:
    """The responses of these States in open cycles, newest cycle first, then by State."""
    codes = list(codes)
    if not codes:
        return []
    return list(db.session.scalars(
        select(Response).join(Cycle)
        .where(Response.state_iso3.in_(codes), Cycle.status == CycleStatus.OPEN)
        .order_by(Cycle.created_at.desc(), Response.state_iso3)))


def current_response(iso3: str, cycle_id: int | None = None) -> Response | None:
    """The State's response in ``cycle_id``, or in its newest open cycle."""
    stmt = select(Response).join(Cycle).where(Response.state_iso3 == iso3)
    if cycle_id is not None:
        stmt = stmt.where(Response.cycle_id == cycle_id)
    else:
        stmt = stmt.where(Cycle.status == CycleStatus.OPEN)
    return db.session.scalar(stmt.order_by(Cycle.created_at.desc(), Cycle.id.desc()).limit(1))
