"""Reading and saving a response's answers: versions checked, history kept, nothing lost."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from models import Answer, AnswerChange, Response, User, db, utcnow
from questionnaire.definition import Definition
from questionnaire.expressions import is_empty
from questionnaire.fields.base import field_type_for
from services import errors


@dataclass(frozen=True)
class Conflict:
    """Someone else saved this question since the editor loaded it."""

    key: str
    mine: Any
    theirs: Any
    their_version: int
    changed_by: str
    changed_at: datetime


class ConcurrentSave(errors.Conflict):
    """Another editor saved the same answer at the same moment: nothing of this save is kept
    (the caller rolls back; the web answers 409, like a conflict, and the next save shows the
    other editor's value)."""


@dataclass
class SaveResult:
    saved: dict[str, Answer] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def versions(self) -> dict[str, int]:
        return {key: answer.version for key, answer in self.saved.items()}


def load_answers(response: Response) -> dict[str, Answer]:
    """Every stored answer of the response, by question key (one query)."""
    rows = db.session.scalars(select(Answer).where(Answer.response_id == response.id))
    return {answer.question_key: answer for answer in rows}


def answer_changes(response: Response, question_key: str | None = None) -> Select:
    """The response's answer history (of one question when ``question_key`` is given), newest
    first, as a statement the caller pages through."""
    stmt = select(AnswerChange).where(AnswerChange.response_id == response.id)
    if question_key:
        stmt = stmt.where(AnswerChange.question_key == question_key)
    return stmt.order_by(AnswerChange.id.desc())


def answer_values(answers: Mapping[str, Answer]) -> dict[str, Any]:
    return {key: answer.value for key, answer in answers.items() if not is_empty(answer.value)}


def valid_values(definition: Definition, answers: Mapping[str, Answer]) -> dict[str, Any]:
    """Values that are answered and valid: what relevance, gaps and snapshots work from."""
    return {
        key: answer.value for key, answer in answers.items()
        if answer.is_valid and not is_empty(answer.value) and definition.has_question(key)
    }


def validate_value(definition: Definition, key: str, value: Any,
                   answers: Mapping[str, Any]) -> list[str]:
    return field_type_for(definition.question(key)).validate(value, answers)


def save_answers(
    response: Response,
    definition: Definition,
    changes: Mapping[str, tuple[Any, int]],
    user: User | None,
    *,
    source: str = "form",
    existing: dict[str, Answer] | None = None,
) -> SaveResult:
    """Apply ``{question key: (value, version the editor started from)}``.

    A value based on a stale version is not written: it comes back as a :class:`Conflict`.
    Invalid values are stored as typed (drafts may be incomplete) and reported in ``errors``.
    """
    answers = load_answers(response) if existing is None else existing
    merged = answer_values(answers)
    merged.update({key: value for key, (value, _) in changes.items()})
    result = SaveResult()
    now = utcnow()
    with db.session.no_autoflush:
        _apply(response, definition, changes, user, source, answers, merged, result, now)
    if result.saved:
        response.last_edited_at = now
        response.last_edited_by_id = user.id if user else None
    try:
        db.session.flush()
    except (IntegrityError, StaleDataError) as race:
        # Another editor saved one of these answers between our read and our write; the
        # session's transaction is spent, and the caller rolls it back.
        raise ConcurrentSave() from race
    return result


def _apply(response, definition, changes, user, source, answers, merged, result, now) -> None:
    for key, (value, base_version) in changes.items():
        value = None if is_empty(value) else value
        errors = validate_value(definition, key, value, merged)
        if errors:
            result.errors[key] = errors
        current = answers.get(key)
        current_value = current.value if current else None
        current_version = current.version if current else 0
        if current is not None and _same(current_value, value):
            if current.carried_from and source != "carry_forward":
                current.carried_from = None  # confirmed as it stands
            result.saved[key] = current
            continue
        if base_version != current_version:
            who = current.updated_by if current else None
            result.conflicts.append(Conflict(
                key=key, mine=value, theirs=current_value, their_version=current_version,
                changed_by=(who.name or who.email) if who else "",
                changed_at=current.updated_at if current else now))
            continue
        if current is None:
            current = Answer(response_id=response.id, question_key=key, version=1, value=value)
            db.session.add(current)
            answers[key] = current
        db.session.add(AnswerChange(
            response_id=response.id, question_key=key, old_value=current_value, new_value=value,
            changed_by_id=user.id if user else None, source=source))
        current.value = value
        current.is_valid = not errors
        current.version = current_version + 1
        current.updated_at = now
        current.updated_by_id = user.id if user else None
        current.carried_from = None if source != "carry_forward" else current.carried_from
        result.saved[key] = current


def _same(a: Any, b: Any) -> bool:
    return (is_empty(a) and is_empty(b)) or a == b
