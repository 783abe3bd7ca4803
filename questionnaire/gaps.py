"""Gap rules applied to one respondent: the status of each question (and crime type).

Pure functions over a Definition and plain answer mappings; no database. Counting across
respondents is the analysis's (``questionnaire.analysis``).
"""

from __future__ import annotations

from collections.abc import Mapping
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
