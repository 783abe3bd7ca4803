"""Loading what the secretariat aggregates: cycles, States and the snapshots to count.

Every function here issues a fixed number of queries, whatever the number of States.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models import Cycle, QuestionnaireVersion, Response, State, Submission, db
from questionnaire.aggregate import Respondent
from questionnaire.definition import Definition
from questionnaire.report_model import SnapshotEntry, StateEntry
from services.definitions import definition_of


@dataclass(frozen=True)
class Snapshot:
    """A State's snapshot chosen for aggregation, with the State's registry facts."""

    state: State
    submission_id: int
    number: int
    sha256: str
    created_at: datetime
    accepted: bool
    answers: dict
    language: str | None = None
    """The language the State answered in."""

    def respondent(self) -> Respondent:
        group = self.state.regional_group.value if self.state.regional_group else None
        return Respondent(self.state.iso3, group, self.state.party_status.value, self.answers,
                          self.accepted)

    def entry(self) -> SnapshotEntry:
        return SnapshotEntry(self.state.iso3, self.number, self.sha256, self.created_at,
                             self.accepted, self.answers, self.language)


def latest_cycle() -> Cycle | None:
    return db.session.scalar(select(Cycle).order_by(Cycle.created_at.desc(), Cycle.id.desc())
                             .limit(1))


def all_cycles() -> list[Cycle]:
    return list(db.session.scalars(select(Cycle).order_by(Cycle.created_at.desc())))


def cycle_definition(cycle: Cycle) -> Definition:
    version = cycle.questionnaire_version or db.session.get(QuestionnaireVersion,
                                                            cycle.questionnaire_version_id)
    if version is None:
        raise LookupError(f"cycle {cycle.id} has no questionnaire version")
    return definition_of(version)


def state_entries() -> list[StateEntry]:
    return [
        StateEntry(state.iso3, dict(state.names),
                   state.regional_group.value if state.regional_group else None,
                   state.party_status.value, state.entity_type.value)
        for state in db.session.scalars(select(State).order_by(State.iso3))
    ]


def invited_codes(cycle: Cycle) -> list[str]:
    return list(db.session.scalars(select(Response.state_iso3)
                                   .where(Response.cycle_id == cycle.id)))


def snapshots(cycle: Cycle, *, accepted_only: bool = False,
              cutoff: datetime | None = None, iso3: str | None = None) -> list[Snapshot]:
    """Each State's latest submission in ``cycle`` (latest accepted one with ``accepted_only``),
    made at or before ``cutoff``, of one State with ``iso3``; one query."""
    stmt = (select(Submission.id, Submission.response_id, Submission.number, Submission.sha256,
                   Submission.created_at, Submission.accepted_at, Submission.answers,
                   Response.answer_language, State)
            .join(Response, Submission.response_id == Response.id)
            .join(State, Response.state_iso3 == State.iso3)
            .where(Response.cycle_id == cycle.id)
            .order_by(Submission.response_id, Submission.number))
    if accepted_only:
        stmt = stmt.where(Submission.accepted_at.is_not(None))
    if cutoff is not None:
        stmt = stmt.where(Submission.created_at <= cutoff)
    if iso3 is not None:
        stmt = stmt.where(Response.state_iso3 == iso3)
    latest: dict[int, Snapshot] = {}
    for row in db.session.execute(stmt):
        accepted = row.accepted_at is not None and (cutoff is None or row.accepted_at <= cutoff)
        if accepted_only and not accepted:
            continue
        latest[row.response_id] = Snapshot(row.State, row.id, row.number, row.sha256,
                                           row.created_at, accepted, row.answers,
                                           row.answer_language)
    return sorted(latest.values(), key=lambda s: s.state.iso3)


def snapshots_digest(items: Sequence[Snapshot]) -> str:
    """SHA-256 over (State, snapshot hash) pairs in State order: names the data a report used."""
    digest = hashlib.sha256()
    for item in sorted(items, key=lambda s: s.state.iso3):
        digest.update(f"{item.state.iso3}:{item.sha256}\n".encode())
    return digest.hexdigest()
