"""The response workflow: one state machine, pure, tested on its own.

    not started -> in progress -> submitted -> under review -> accepted
                                     |  ^            |
                              recall |  | submit     | return (with a comment)
                                     v  |            v
                                 in progress <--- returned

Who may do what is decided here from the actor's capacities, not from role names.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class WorkflowState(enum.StrEnum):
    """Where a State's response stands in the workflow."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    RETURNED = "returned"
    ACCEPTED = "accepted"


S = WorkflowState

#: States in which answers can be changed.
EDITABLE_STATES = frozenset({S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED})


class Action(enum.StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    RECALL = "recall"
    START_REVIEW = "start_review"
    ACCEPT = "accept"
    RETURN = "return"


class Capacity(enum.StrEnum):
    EDITOR = "editor"  # may change at least one section of the State's response
    FOCAL_POINT = "focal_point"  # certifies and submits for the State
    SECRETARIAT = "secretariat"  # reviews


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[WorkflowState]
    target: WorkflowState
    capacity: Capacity
    needs_comment: bool = False
    needs_complete_answers: bool = False


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.EDIT, frozenset({S.NOT_STARTED, S.RETURNED, S.IN_PROGRESS}),
                   S.IN_PROGRESS, Capacity.EDITOR),
        Transition(Action.SUBMIT, frozenset({S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED}),
                   S.SUBMITTED, Capacity.FOCAL_POINT, needs_complete_answers=True),
        Transition(Action.RECALL, frozenset({S.SUBMITTED}), S.IN_PROGRESS, Capacity.FOCAL_POINT),
        Transition(Action.START_REVIEW, frozenset({S.SUBMITTED}), S.UNDER_REVIEW,
                   Capacity.SECRETARIAT),
        Transition(Action.ACCEPT, frozenset({S.SUBMITTED, S.UNDER_REVIEW}), S.ACCEPTED,
                   Capacity.SECRETARIAT),
        Transition(Action.RETURN, frozenset({S.SUBMITTED, S.UNDER_REVIEW}), S.RETURNED,
                   Capacity.SECRETARIAT, needs_comment=True),
    )
}


class TransitionRefused(Exception):
    """The transition is not allowed; ``reason`` is a short code, the message is English."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def allowed_actions(state: WorkflowState, capacities: set[Capacity]) -> list[Action]:
    """The actions an actor with ``capacities`` may take from ``state``, in a stable order."""
    return [
        t.action for t in TRANSITIONS.values()
        if state in t.sources and t.capacity in capacities and t.action is not Action.EDIT
    ]


def next_state(
    state: WorkflowState,
    action: Action,
    capacities: set[Capacity],
    *,
    comment: str | None = None,
    missing_answers: int = 0,
) -> WorkflowState:
    """The state after ``action``; raises :class:`TransitionRefused` with the reason."""
    transition = TRANSITIONS[action]
    if transition.capacity not in capacities:
        raise TransitionRefused("not_permitted", f"{action.value} needs the {transition.capacity} "
                                                 "capacity")
    if state not in transition.sources:
        raise TransitionRefused("wrong_state", f"cannot {action.value} a response that is "
                                               f"{state.value}")
    if transition.needs_comment and not (comment or "").strip():
        raise TransitionRefused("comment_required", f"{action.value} needs a comment")
    if transition.needs_complete_answers and missing_answers:
        raise TransitionRefused("incomplete", f"{missing_answers} answers are missing or invalid")
    return transition.target


def is_editable(state: WorkflowState) -> bool:
    return state in EDITABLE_STATES
