"""Aggregation of submitted answers across States: pure functions over plain snapshots.

Each field type summarises its own answers (``FieldType.summarize``); this module decides which
answers go in (relevance, filters by regional group and party status, accepted-only) and adds
the per-group breakdown, the answered / unanswered / not-applicable counts, rankings and the
per-State gap profile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from questionnaire.definition import Definition, Question
from questionnaire.fields import field_type_for

NO_GROUP = "none"
"""Group code used for States that belong to no regional group (e.g. the United States)."""


@dataclass(frozen=True)
class Respondent:
    """One State's snapshot as the aggregation sees it."""

    iso3: str
    group: str | None
    party_status: str
    answers: Mapping[str, Any]
    accepted: bool = False


@dataclass(frozen=True)
class Selection:
    """Which respondents count: filters by group and party status, and accepted-only."""

    groups: frozenset[str] = frozenset()
    party_statuses: frozenset[str] = frozenset()
    accepted_only: bool = False

    def admits(self, respondent: Respondent) -> bool:
        group = respondent.group or NO_GROUP
        if self.groups and group not in self.groups:
            return False
        if self.party_statuses and respondent.party_status not in self.party_statuses:
            return False
        return respondent.accepted or not self.accepted_only


def select(respondents: Iterable[Respondent], selection: Selection | None = None
           ) -> list[Respondent]:
    """Respondents admitted by ``selection`` (all when None), in their given order."""
    selection = selection or Selection()
    return [respondent for respondent in respondents if selection.admits(respondent)]


@dataclass
class QuestionAggregate:
    """One question across the selected States."""

    key: str
    type: str
    respondents: int
    answered: int
    not_answered: int
    not_applicable: int
    summary: dict[str, Any]
    by_group: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Regional group code (``NO_GROUP`` for none) -> the field type's summary for that group."""


def relevance_of(definition: Definition, respondents: Iterable[Respondent]
                 ) -> dict[str, set[str]]:
    """State -> keys of its relevant questions (computed once per State)."""
    return {r.iso3: definition.relevant_keys(r.answers) for r in respondents}


def aggregate_question(
    definition: Definition,
    question: Question,
    respondents: Sequence[Respondent],
    lang: str,
    relevant: Mapping[str, set[str]] | None = None,
) -> QuestionAggregate:
    """Summary of one question over ``respondents``, overall and per regional group."""
    relevant = relevant if relevant is not None else relevance_of(definition, respondents)
    field_type = field_type_for(question)
    values: list[tuple[str, Any]] = []
    per_group: dict[str, list[tuple[str, Any]]] = {}
    not_applicable = 0
    for respondent in respondents:
        if question.key not in relevant[respondent.iso3]:
            not_applicable += 1
            continue
        value = respondent.answers.get(question.key)
        if not field_type.is_valid(value):
            continue
        values.append((respondent.iso3, value))
        per_group.setdefault(respondent.group or NO_GROUP, []).append((respondent.iso3, value))
    answered = len(values)
    return QuestionAggregate(
        key=question.key,
        type=question.type,
        respondents=len(respondents),
        answered=answered,
        not_answered=len(respondents) - not_applicable - answered,
        not_applicable=not_applicable,
        summary=field_type.summarize(values, lang),
        by_group={
            group: field_type.summarize(items, lang) for group, items in sorted(per_group.items())
        },
    )


def aggregate(
    definition: Definition,
    respondents: Sequence[Respondent],
    lang: str,
    keys: Collection[str] | None = None,
) -> dict[str, QuestionAggregate]:
    """Aggregates of every question (or of ``keys``), in questionnaire order."""
    relevant = relevance_of(definition, respondents)
    return {
        question.key: aggregate_question(definition, question, respondents, lang, relevant)
        for question in definition.questions
        if keys is None or question.key in keys
    }


def ranked_choices(summary: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a choice summary, most chosen first (ties keep the option order).

    Used for technical-assistance needs and for the elements proposed for a protocol.
    """
    if summary.get("kind") != "choices":
        raise ValueError("ranked_choices needs a choice summary")
    rows = list(summary["rows"])
    return sorted(rows, key=lambda row: -row["count"])


def group_counts(respondents: Iterable[Respondent]) -> dict[str, int]:
    """Number of respondents per regional group code (``NO_GROUP`` for none)."""
    return dict(sorted(Counter(r.group or NO_GROUP for r in respondents).items()))






