"""Opening reporting cycles and finding a State's response in them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from models import Cycle, QuestionnaireVersion, Response, User, db
from services.cycles import create_cycle, current_response, open_cycles

__all__ = ["current_response", "open_cycle", "open_cycles", "responses_of_state"]


def open_cycle(name: str, version: QuestionnaireVersion, deadline: date,
               states: Iterable[str] | None, created_by: User | None,
               opens: date | None = None) -> Cycle:
    """Open a cycle (see ``services.cycles.create_cycle``)."""
    return create_cycle(name, version, deadline, states, created_by, opens)


def responses_of_state(iso3: str) -> list[Response]:
    return list(db.session.scalars(
        select(Response).join(Cycle).where(Response.state_iso3 == iso3)
        .order_by(Cycle.created_at.desc())))
