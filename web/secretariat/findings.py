"""A cycle's submitted answers as findings by provision (questionnaire.analysis), no State named."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models import Cycle, State
from models.state import EntityType, PartyStatus
from questionnaire.analysis import (
    Comparison,
    Findings,
    Respondent,
    Status,
    analyse,
    basis_term,
    compare,
    shortfall_term,
)
from questionnaire.definition import Definition
from questionnaire.gaps import evaluate_state
from questionnaire.vocabulary import term
from services.secretariat import all_cycles, cycle_definition, snapshots


def is_measured(state: State) -> bool:
    """Parties are measured against the Convention; a non-party's answers are information, and
    so are the European Union's (its declared competence is not recorded per provision)."""
    return (state.party_status is PartyStatus.PARTY
            and state.entity_type is not EntityType.REGIONAL_ORGANIZATION)


def cycle_findings(cycle: Cycle, *, accepted_only: bool = False) -> Findings:
    """Findings from each responding State's latest (accepted) snapshot in ``cycle``."""
    return analyse(cycle_definition(cycle), [
        Respondent(item.answers, is_measured(item.state))
        for item in snapshots(cycle, accepted_only=accepted_only)
    ])


def comparable_cycles(cycle: Cycle) -> list[Cycle]:
    """Earlier cycles on another version of the same questionnaire: those ``cycle`` can be
    compared with through its version's ``replaces`` declarations."""
    definition = cycle_definition(cycle)
    found = []
    for other in all_cycles():
        if other.id == cycle.id or other.created_at > cycle.created_at:
            continue
        theirs = cycle_definition(other)
        if theirs.id == definition.id and theirs.version != definition.version:
            found.append(other)
    return found


def cycle_comparison(cycle: Cycle, earlier: Cycle, *, accepted_only: bool = False
                     ) -> Comparison:
    """``cycle`` beside ``earlier`` by provision (questionnaire.analysis.compare): the parties'
    counts on the questions that replace one of the earlier version; no State named."""
    def respondents(which: Cycle) -> list[Respondent]:
        return [Respondent(item.answers, is_measured(item.state))
                for item in snapshots(which, accepted_only=accepted_only)]

    return compare(cycle_definition(earlier), respondents(earlier), cycle_definition(cycle),
                   respondents(cycle))


def state_findings(definition: Definition, answers: Mapping[str, Any],
                   lang: str) -> list[dict[str, Any]]:
    """One State's status per rule (per crime type for a matrix), worded by legal force: an unmet
    obligation is a gap, any other unmet measure a measure not (yet) adopted."""
    rows = []
    for finding in evaluate_state(definition, answers):
        question = definition.question(finding.question_key)
        force = question.legal_force
        if force is None:
            continue
        status = Status.of(finding.status)
        key = shortfall_term(force.basis) if status is Status.not_in_place else f"gap_{status}"
        rows.append({
            "question": question, "crime_type": finding.crime_type,
            "provisions": force.provisions, "basis": term(lang, basis_term(force.basis)),
            "status": term(lang, key),
        })
    return rows
