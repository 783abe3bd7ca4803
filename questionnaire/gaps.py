"""Gap analysis: the status of each question for a State, and counts across States.

Pure functions over a Definition and plain answer mappings; no database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questionnaire.definition import Definition, Question


class GapStatus(StrEnum):
    in_place = "in_place"
    partly = "partly"
    gap = "gap"
    no_answer = "no_answer"
    not_applicable = "not_applicable"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class GapFinding:
    """The status of one question (and crime type, for a matrix) for one State."""

    question_key: str
    section_key: str
    paragraphs: tuple[int, ...]
    articles: tuple[str, ...]
    crime_type: str | None
    status: GapStatus


"""(question key, crime type or None) or (paragraph number, article or "")."""


def _findings_for(
    question: Question, result: GapStatus | Mapping[str, GapStatus]
) -> list[GapFinding]:
    def finding(crime_type: str | None, status: GapStatus) -> GapFinding:
        return GapFinding(
            question.key, question.section_key, question.paragraphs, question.articles,
            crime_type, status,
        )

    if isinstance(result, Mapping):
        return [finding(crime_type, status) for crime_type, status in result.items()]
    return [finding(None, result)]


def evaluate_state(definition: Definition, answers: Mapping[str, Any]) -> list[GapFinding]:
    """Findings for every question with a gap rule, in questionnaire order."""
    # Imported here because field types import GapStatus from this module.
    from questionnaire.fields import field_type_for

    relevant = definition.relevant_keys(answers)
    findings: list[GapFinding] = []
    for question in definition.questions:
        if question.gap is None:
            continue
        field_type = field_type_for(question)
        if question.key in relevant:
            result = field_type.gap(answers.get(question.key))
        else:
            result = field_type.gap(None)
            if isinstance(result, Mapping):
                result = {key: GapStatus.not_applicable for key in result}
            else:
                result = GapStatus.not_applicable
        if result is not None:
            findings.extend(_findings_for(question, result))
    return findings


def findings_by_state(
    definition: Definition, answers_by_state: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[GapFinding]]:
    return {
        state: evaluate_state(definition, answers) for state, answers in answers_by_state.items()
    }


def _uses_year_threshold(question: Question) -> bool:
    rule = question.gap or {}
    inner = rule.get("per_crime_type", rule)
    threshold = inner.get("threshold") if isinstance(inner, Mapping) else None
    return isinstance(threshold, Mapping) and "min_years" in threshold


@dataclass(frozen=True)
class ThresholdShortfall:
    crime_type: str
    meets: int
    below: int
    no_answer: int

    @property
    def answered(self) -> int:
        return self.meets + self.below

    @property
    def share_meeting(self) -> float:
        return self.meets / self.answered if self.answered else 0.0


def threshold_shortfalls(
    definition: Definition, findings_by_state: Mapping[str, Iterable[GapFinding]]
) -> list[ThresholdShortfall]:
    """Crime types ordered from least to most often meeting a penalty threshold.

    Counts findings of questions whose rule is a `min_years` threshold: crime-matrix findings by
    their crime type, plain penalty questions by their `crime_types` tags.
    """
    order = {crime_type.key: index for index, crime_type in enumerate(definition.crime_types)}
    tallies: dict[str, Counter[str]] = {key: Counter() for key in order}
    for findings in findings_by_state.values():
        for finding in findings:
            question = definition.question(finding.question_key)
            if not _uses_year_threshold(question):
                continue
            crime_types = [finding.crime_type] if finding.crime_type else question.crime_types
            outcome = {GapStatus.in_place: "meets", GapStatus.gap: "below"}.get(
                finding.status, "no_answer" if finding.status == GapStatus.no_answer else None
            )
            if outcome is None:
                continue
            for crime_type in crime_types:
                tallies.setdefault(crime_type, Counter())[outcome] += 1
    rows = [
        ThresholdShortfall(key, tally["meets"], tally["below"], tally["no_answer"])
        for key, tally in tallies.items()
    ]
    rows.sort(key=lambda row: (row.share_meeting if row.answered else 2.0,
                               order.get(row.crime_type, len(order))))
    return rows
