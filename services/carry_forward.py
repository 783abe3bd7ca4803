"""Starting a new cycle's response from the State's last accepted submission of an earlier one.

Answers go through ``questionnaire.version_map``: the new version's declaration of what each
question replaces (or, for a version that declares nothing, its ``maps_from`` renames and the
same keys). Answers that the new version does not take over, or that are not valid there, are
left behind and listed to the focal point with their text (``left_behind``).
Carried answers are marked with the earlier cycle's name until someone confirms or changes
them (``save_answers`` clears the mark).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from models import Answer, Cycle, Response, Submission, User, db
from questionnaire import access
from questionnaire.definition import Definition, Question
from questionnaire.expressions import is_empty
from questionnaire.fields.base import field_type_for
from questionnaire.i18n import translated
from questionnaire.version_map import Carried, MappingError, Unmapped, VersionMap, version_map
from questionnaire.workflow import is_editable
from services import audit
from services.answers import load_answers, save_answers
from services.definitions import definition_of
from services.workflow import record_edit


class CarryRefused(Exception):
    """Carrying forward is not possible; the message is English, for the user."""


@dataclass(frozen=True)
class CarryOffer:
    submission: Submission
    cycle_name: str


@dataclass
class CarryResult:
    cycle_name: str
    carried: list[str] = field(default_factory=list)
    left_behind: list[str] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


def carry_source(response: Response) -> tuple[Submission, Cycle] | None:
    """The State's most recently accepted submission in an earlier cycle, with its cycle."""
    row = db.session.execute(
        select(Submission, Cycle)
        .join(Response, Submission.response_id == Response.id)
        .join(Cycle, Response.cycle_id == Cycle.id)
        .where(Response.state_iso3 == response.state_iso3,
               Response.cycle_id != response.cycle_id,
               Cycle.created_at <= response.cycle.created_at,
               Submission.accepted_at.is_not(None))
        .order_by(Submission.accepted_at.desc(), Submission.id.desc())
        .limit(1)).first()
    return (row[0], row[1]) if row else None


def has_answers(answers: Mapping[str, Answer]) -> bool:
    return any(not is_empty(answer.value) for answer in answers.values())


def carry_offer(response: Response, user: User,
                answers: Mapping[str, Answer]) -> CarryOffer | None:
    """What to offer on the page: only to the focal point, only while nothing is answered."""
    if has_answers(answers) or not is_editable(response.workflow_state):
        return None
    if not access.is_focal_point(user, response.state_iso3):
        return None
    source = carry_source(response)
    return CarryOffer(source[0], source[1].name) if source else None


def carried_values(source: Definition, target: Definition, values: Mapping[str, Any]) -> Carried:
    """The earlier answers under the target's keys, and what did not map (with the reason)."""
    if source.id == target.id and source.version == target.version:
        source = target
    return VersionMap(source, target).translate(values)


@dataclass(frozen=True)
class LeftBehindItem:
    """An earlier answer that was not carried over, ready to show: the earlier question, its
    answer as a display node, and why it was left (with the version's own note, if any)."""

    question: Question
    node: Mapping[str, Any]
    reason: str
    note: str


@dataclass(frozen=True)
class LeftBehindList:
    cycle_name: str
    items: list[LeftBehindItem]


def left_behind_for(response: Response, user: User, lang: str,
                    translate: Callable[[str], str]) -> LeftBehindList | None:
    """What the focal point should see of the answers carry-forward left behind."""
    if not access.is_focal_point(user, response.state_iso3):
        return None
    found = left_behind(response)
    if found is None or not found[1]:
        return None
    mapping, unmapped, cycle_name = found
    items = []
    for item in unmapped:
        if not mapping.source.has_question(item.old_key):
            continue
        question = mapping.source.question(item.old_key)
        note = mapping.dropped.get(item.old_key)
        items.append(LeftBehindItem(
            question, field_type_for(question).display(item.value, lang),
            translated(item.reason, translate, lang), note.get(lang) if note else ""))
    return LeftBehindList(cycle_name, items) if items else None


def left_behind(response: Response) -> tuple[VersionMap, list[Unmapped], str] | None:
    """What the carry-forward of ``response`` did not take over, worked out again from its
    source submission (the same mapping gives the same answer), with the earlier cycle's name;
    None when nothing was carried."""
    if response.carried_from_submission_id is None:
        return None
    submission = db.session.get(Submission, response.carried_from_submission_id)
    if submission is None:
        return None
    earlier = db.session.get(Response, submission.response_id)
    if earlier is None:
        return None
    source = definition_of(earlier.cycle.questionnaire_version)
    target = definition_of(response.cycle.questionnaire_version)
    mapping = VersionMap(source, target)
    return mapping, mapping.translate(submission.answers or {}).unmapped, earlier.cycle.name


def carry_forward(response: Response, definition: Definition, user: User | None) -> CarryResult:
    """Fill an empty response from the earlier accepted submission."""
    if has_answers(load_answers(response)):
        raise CarryRefused("The response already has answers.")
    source = carry_source(response)
    if source is None:
        raise CarryRefused("There is no accepted submission of an earlier cycle.")
    submission, cycle = source
    source_definition = definition_of(cycle.questionnaire_version)
    try:
        version_map(source_definition, definition)
    except MappingError as error:
        raise CarryRefused(f"The questionnaire versions do not map: {error}") from None
    carried = carried_values(source_definition, definition, submission.answers or {})
    left = sorted({item.old_key for item in carried.unmapped})
    result = save_answers(response, definition, {k: (v, 0) for k, v in carried.values.items()},
                          user, source="carry_forward")
    for answer in result.saved.values():
        answer.carried_from = cycle.name
    response.carried_from_submission_id = submission.id
    if result.saved:
        record_edit(response)
    audit.record("response.carried_forward", actor=user, state=response.state_iso3,
                 object_type="response", object_id=response.id, cycle=cycle.name,
                 submission=submission.number, carried=len(result.saved), left_behind=len(left))
    db.session.flush()
    return CarryResult(cycle.name, sorted(result.saved), left, carried.unmapped)
