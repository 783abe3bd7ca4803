"""The workflow state machine, on its own (no database)."""

from __future__ import annotations

import pytest

from models.cycle import WorkflowState as S
from questionnaire.workflow import (
    Action,
    Capacity,
    TransitionRefused,
    allowed_actions,
    is_editable,
    next_state,
)

FOCAL = {Capacity.EDITOR, Capacity.FOCAL_POINT}
CONTRIBUTOR = {Capacity.EDITOR}
SECRETARIAT = {Capacity.SECRETARIAT}
OBSERVER: set[Capacity] = set()


def test_the_whole_happy_path():
    state = next_state(S.NOT_STARTED, Action.EDIT, CONTRIBUTOR)
    assert state is S.IN_PROGRESS
    state = next_state(state, Action.SUBMIT, FOCAL)
    assert state is S.SUBMITTED
    state = next_state(state, Action.START_REVIEW, SECRETARIAT)
    assert state is S.UNDER_REVIEW
    state = next_state(state, Action.RETURN, SECRETARIAT, comment="Please cite the law.")
    assert state is S.RETURNED
    state = next_state(state, Action.EDIT, CONTRIBUTOR)
    assert state is S.IN_PROGRESS
    state = next_state(state, Action.SUBMIT, FOCAL)
    state = next_state(state, Action.ACCEPT, SECRETARIAT)
    assert state is S.ACCEPTED


@pytest.mark.parametrize(("state", "action", "capacities", "reason"), [
    (S.IN_PROGRESS, Action.SUBMIT, CONTRIBUTOR, "not_permitted"),
    (S.IN_PROGRESS, Action.SUBMIT, SECRETARIAT, "not_permitted"),
    (S.IN_PROGRESS, Action.SUBMIT, OBSERVER, "not_permitted"),
    (S.SUBMITTED, Action.SUBMIT, FOCAL, "wrong_state"),
    (S.UNDER_REVIEW, Action.RECALL, FOCAL, "wrong_state"),
    (S.SUBMITTED, Action.RECALL, CONTRIBUTOR, "not_permitted"),
    (S.IN_PROGRESS, Action.ACCEPT, SECRETARIAT, "wrong_state"),
    (S.SUBMITTED, Action.ACCEPT, FOCAL, "not_permitted"),
    (S.ACCEPTED, Action.EDIT, FOCAL, "wrong_state"),
    (S.SUBMITTED, Action.EDIT, FOCAL, "wrong_state"),
    (S.IN_PROGRESS, Action.EDIT, OBSERVER, "not_permitted"),
    (S.SUBMITTED, Action.START_REVIEW, FOCAL, "not_permitted"),
])
def test_refused_transitions(state, action, capacities, reason):
    with pytest.raises(TransitionRefused) as refused:
        next_state(state, action, capacities)
    assert refused.value.reason == reason


def test_return_needs_a_comment():
    with pytest.raises(TransitionRefused) as refused:
        next_state(S.UNDER_REVIEW, Action.RETURN, SECRETARIAT, comment="   ")
    assert refused.value.reason == "comment_required"


def test_submit_needs_complete_answers():
    with pytest.raises(TransitionRefused) as refused:
        next_state(S.IN_PROGRESS, Action.SUBMIT, FOCAL, missing_answers=3)
    assert refused.value.reason == "incomplete"


def test_recall_before_review_only():
    assert next_state(S.SUBMITTED, Action.RECALL, FOCAL) is S.IN_PROGRESS


def test_allowed_actions_per_capacity():
    assert allowed_actions(S.IN_PROGRESS, FOCAL) == [Action.SUBMIT]
    assert allowed_actions(S.IN_PROGRESS, CONTRIBUTOR) == []
    assert allowed_actions(S.SUBMITTED, FOCAL) == [Action.RECALL]
    assert allowed_actions(S.SUBMITTED, SECRETARIAT) == [Action.START_REVIEW, Action.ACCEPT,
                                                         Action.RETURN]
    assert allowed_actions(S.ACCEPTED, SECRETARIAT | FOCAL) == []


def test_editable_states():
    assert {s for s in S if is_editable(s)} == {S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED}
