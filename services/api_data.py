"""What the read-only API lists: the registry, the cycles, and each cycle's responses and
submissions, as statements that ``services/paging.py`` pages through."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from models import Cycle, Response, State, Submission


def states() -> Select:
    return select(State).order_by(State.iso3)


def cycles() -> Select:
    return select(Cycle).order_by(Cycle.id)


def responses(cycle_id: int) -> Select:
    """Each response of the cycle with its workflow state and latest submission's number."""
    latest = (select(Submission.response_id, func.max(Submission.number).label("number"))
              .group_by(Submission.response_id).subquery())
    return (select(Response.id, Response.state_iso3, Response.workflow_state,
                   Response.last_edited_at, latest.c.number)
            .outerjoin(latest, latest.c.response_id == Response.id)
            .where(Response.cycle_id == cycle_id).order_by(Response.state_iso3))


def submissions(cycle_id: int, *, current_only: bool = False,
                iso3: str | None = None) -> Select:
    """The cycle's submissions with their State, by State and number; ``current_only``: those
    not superseded; ``iso3``: one State's."""
    stmt = (select(Submission, Response.state_iso3)
            .join(Response, Submission.response_id == Response.id)
            .where(Response.cycle_id == cycle_id).order_by(Response.state_iso3,
                                                            Submission.number))
    if current_only:
        stmt = stmt.where(Submission.superseded_at.is_(None))
    if iso3 is not None:
        stmt = stmt.where(Response.state_iso3 == iso3.upper())
    return stmt
