"""Section status and completeness, and what stops a submission."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from models import Answer
from questionnaire.definition import Definition, Question, Section
from questionnaire.expressions import is_empty
from services.answers import valid_values


class SectionStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    HAS_ERRORS = "has_errors"


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    relevant: int
    answered: int
    invalid: int
    required_missing: int
    status: SectionStatus
    last_edited_at: datetime | None
    last_edited_by: str | None

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.relevant) if self.relevant else 100


@dataclass(frozen=True)
class MissingItem:
    question: Question
    section: Section
    reason: str  # "required" or "invalid"


def relevant_keys(definition: Definition, answers: Mapping[str, Answer]) -> set[str]:
    return definition.relevant_keys(valid_values(definition, answers))


def section_progress(definition: Definition, answers: Mapping[str, Answer],
                     relevant: set[str] | None = None) -> list[SectionProgress]:
    relevant = relevant_keys(definition, answers) if relevant is None else relevant
    rows = []
    for section in definition.sections:
        keys = [q.key for q in section.questions if q.key in relevant]
        stored = [answers[k] for k in keys if k in answers and not is_empty(answers[k].value)]
        invalid = sum(1 for a in stored if not a.is_valid)
        answered = len(stored) - invalid
        required_missing = sum(
            1 for q in section.questions
            if q.required and q.key in relevant
            and (q.key not in answers or is_empty(answers[q.key].value))
        )
        if invalid:
            status = SectionStatus.HAS_ERRORS
        elif not stored:
            status = SectionStatus.NOT_STARTED
        elif required_missing == 0:
            status = SectionStatus.COMPLETE
        else:
            status = SectionStatus.IN_PROGRESS
        touched = [a for k in (q.key for q in section.questions) if (a := answers.get(k))]
        last = max(touched, key=lambda a: a.updated_at, default=None)
        editor = last.updated_by if last else None
        rows.append(SectionProgress(
            section=section, relevant=len(keys), answered=answered, invalid=invalid,
            required_missing=required_missing, status=status,
            last_edited_at=last.updated_at if last else None,
            last_edited_by=(editor.name or editor.email) if editor else None))
    return rows


def missing_for_submission(definition: Definition,
                           answers: Mapping[str, Answer]) -> list[MissingItem]:
    """Relevant required questions without an answer, and relevant answers that are invalid."""
    relevant = relevant_keys(definition, answers)
    missing = []
    for section in definition.sections:
        for question in section.questions:
            if question.key not in relevant:
                continue
            answer = answers.get(question.key)
            empty = answer is None or is_empty(answer.value)
            if answer is not None and not empty and not answer.is_valid:
                missing.append(MissingItem(question, section, "invalid"))
            elif empty and question.required:
                missing.append(MissingItem(question, section, "required"))
    return missing


def overall_counts(progress: list[SectionProgress]) -> tuple[int, int]:
    """(questions answered, questions that apply) over every section: counts, never a
    percentage (no share is given for a named State anywhere)."""
    return sum(p.answered for p in progress), sum(p.relevant for p in progress)
