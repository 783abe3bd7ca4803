"""Starting a new cycle's response from the State's last accepted submission of an earlier one.

Keys go through the new version's ``maps_from`` for the older version; a key it does not
list keeps its name when the new version still has that question (keys are never reused).
Answers that the new version does not ask, or that are not valid there, are left behind.
Carried answers are marked with the earlier cycle's name until someone confirms or changes
them (``save_answers`` clears the mark).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from models import Answer, Cycle, Response, Submission, User, WorkflowState, db
from questionnaire import access
from questionnaire.definition import Definition
from questionnaire.expressions import is_empty
from questionnaire.fields.base import field_type_for
from questionnaire.workflow import Action, Capacity, next_state
from services import audit
from web.questionnaires.store import definition_of
from web.workspace.answers import load_answers, save_answers

if TYPE_CHECKING:
    from web.workspace.context import Workspace


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


def carry_offer(ws: Workspace, answers: Mapping[str, Answer]) -> CarryOffer | None:
    """What to offer on the page: only to the focal point, only while nothing is answered."""
    if has_answers(answers) or not ws.is_open_for_edits:
        return None
    if not access.is_focal_point(ws.user, ws.iso3):
        return None
    source = carry_source(ws.response)
    return CarryOffer(source[0], source[1].name) if source else None


def carried_values(source: Definition, target: Definition,
                   values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(values under the target's keys, source keys left behind)."""
    same = source.id == target.id and source.version == target.version
    mapping = {} if same else dict(target.maps_from.get(source.version) or {})
    carried: dict[str, Any] = {}
    left: list[str] = []
    for old_key, value in values.items():
        new_key = mapping.get(old_key, old_key)
        if is_empty(value) or not target.has_question(new_key) or new_key in carried:
            left.append(old_key)
            continue
        carried[new_key] = value
    for key in list(carried):
        if field_type_for(target.question(key)).validate(carried[key], carried):
            del carried[key]
            left.append(next(k for k in values if mapping.get(k, k) == key))
    return carried, sorted(left)


def carry_forward(response: Response, definition: Definition, user: User | None) -> CarryResult:
    """Fill an empty response from the earlier accepted submission."""
    if has_answers(load_answers(response)):
        raise CarryRefused("The response already has answers.")
    source = carry_source(response)
    if source is None:
        raise CarryRefused("There is no accepted submission of an earlier cycle.")
    submission, cycle = source
    source_definition = definition_of(cycle.questionnaire_version)
    values, left = carried_values(source_definition, definition, submission.answers or {})
    result = save_answers(response, definition, {k: (v, 0) for k, v in values.items()}, user,
                          source="carry_forward")
    for answer in result.saved.values():
        answer.carried_from = cycle.name
    response.carried_from_submission_id = submission.id
    if result.saved and response.workflow_state is WorkflowState.NOT_STARTED:
        response.workflow_state = next_state(response.workflow_state, Action.EDIT,
                                             {Capacity.EDITOR})
    audit.record("response.carried_forward", actor=user, state=response.state_iso3,
                 object_type="response", object_id=response.id, cycle=cycle.name,
                 submission=submission.number, carried=len(result.saved), left_behind=len(left))
    db.session.flush()
    return CarryResult(cycle.name, sorted(result.saved), left)
