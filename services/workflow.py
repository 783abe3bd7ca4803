"""Applying workflow transitions: once only, audited, mailed to the people concerned; and the
EDIT transition that saving answers makes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, func, select, update

from models import (
    Comment,
    CommentThread,
    Membership,
    Response,
    Role,
    Submission,
    User,
    WorkflowState,
    db,
    utcnow,
)
from questionnaire import access
from questionnaire.definition import Definition
from questionnaire.snapshot import snapshot_document, snapshot_hash
from questionnaire.workflow import TRANSITIONS, Action, Capacity, TransitionRefused, next_state
from services import audit
from services.answers import load_answers, valid_values
from services.notify import notify
from services.progress import missing_for_submission, relevant_keys


def capacities_for(user: User, response: Response, section_keys: list[str]) -> set[Capacity]:
    capacities: set[Capacity] = set()
    if access.editable_sections(user, response.state_iso3, section_keys):
        capacities.add(Capacity.EDITOR)
    if access.is_focal_point(user, response.state_iso3):
        capacities.add(Capacity.FOCAL_POINT)
    if access.can_review(user):
        capacities.add(Capacity.SECRETARIAT)
    return capacities


@dataclass(frozen=True)
class TransitionResult:
    state: WorkflowState
    submission: Submission | None = None
    already_done: bool = False


def _claim(response: Response, expected_revision: int, target: WorkflowState) -> bool:
    """Move the response to ``target`` only if nobody moved it since ``expected_revision``."""
    result: CursorResult[Any] = db.session.execute(  # type: ignore[assignment]
        update(Response)
        .where(Response.id == response.id, Response.revision == expected_revision)
        .values(workflow_state=target, revision=Response.revision + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(response)
        return False
    db.session.refresh(response)
    return True


def apply_transition(
    response: Response,
    definition: Definition,
    action: Action,
    user: User,
    *,
    expected_revision: int,
    comment: str | None = None,
    certified_name: str | None = None,
    link: str,
) -> TransitionResult:
    """Apply ``action``; a repeat of the same request (double click, second tab) does nothing.

    The people concerned are told (``services.notify``), with ``link`` to the response.
    """
    section_keys = [s.key for s in definition.sections]
    capacities = capacities_for(user, response, section_keys)
    if response.revision != expected_revision:
        # Someone (maybe this user, a click ago) already moved the response on.
        return TransitionResult(response.workflow_state, already_done=True)
    answers = load_answers(response)
    missing = len(missing_for_submission(definition, answers)) if action is Action.SUBMIT else 0
    target = next_state(response.workflow_state, action, capacities, comment=comment,
                        missing_answers=missing)
    if action is Action.SUBMIT and not (certified_name or "").strip():
        raise TransitionRefused("certification_required", "submit needs the certifying name")
    if not _claim(response, expected_revision, target):
        return TransitionResult(response.workflow_state, already_done=True)

    submission = None
    now = utcnow()
    if action is Action.SUBMIT:
        submission = _snapshot(response, definition, answers, user, certified_name or "")
    if action is Action.ACCEPT:
        current = current_submission(response)
        if current is not None:
            current.accepted_at = now
    if action in (Action.SUBMIT, Action.ACCEPT):
        from services.report_prerender import inputs_changed

        inputs_changed(response.cycle_id)  # its report's parts are rendered after the commit
    if comment and comment.strip():
        thread = CommentThread(response_id=response.id, question_key=None)
        thread.comments.append(Comment(author_id=user.id, body=comment.strip()))
        db.session.add(thread)
    audit.record(f"response.{action.value}", actor=user, state=response.state_iso3,
                 object_type="response", object_id=response.id, to=target.value,
                 submission=submission.number if submission else None)
    db.session.flush()
    _notify(response, action, user, comment, link)
    return TransitionResult(target, submission)


def record_edit(response: Response, capacities: set[Capacity] | frozenset[Capacity] = frozenset(
        {Capacity.EDITOR}), *, language: str | None = None) -> None:
    """Answers were saved: a response not yet started, or returned, is now in progress (the
    EDIT transition); the first save also records the language the answers are written in."""
    if response.workflow_state in TRANSITIONS[Action.EDIT].sources:
        response.workflow_state = next_state(response.workflow_state, Action.EDIT,
                                             set(capacities))
    if language and response.answer_language is None:
        response.answer_language = language


def _snapshot(response: Response, definition: Definition, answers, user: User,
              certified_name: str) -> Submission:
    relevant = relevant_keys(definition, answers)
    values = {k: v for k, v in valid_values(definition, answers).items() if k in relevant}
    document = snapshot_document(state=response.state_iso3, questionnaire=definition.id,
                                 version=definition.version, answers=values)
    previous = db.session.scalar(
        select(func.max(Submission.number)).where(Submission.response_id == response.id)) or 0
    now = utcnow()
    for older in db.session.scalars(select(Submission).where(
            Submission.response_id == response.id, Submission.superseded_at.is_(None))):
        older.superseded_at = now
    submission = Submission(
        response_id=response.id, number=previous + 1, answers=document["answers"],
        sha256=snapshot_hash(document), answer_language=response.answer_language,
        certified_by_id=user.id, certified_name=certified_name.strip()[:300])
    db.session.add(submission)
    db.session.flush()
    return submission


def snapshot_digest_of(submission: Submission, response: Response, definition: Definition) -> str:
    """Recompute a snapshot's hash (to verify it)."""
    return snapshot_hash(snapshot_document(
        state=response.state_iso3, questionnaire=definition.id, version=definition.version,
        answers=submission.answers))


def submissions_of(response: Response) -> list[Submission]:
    """The response's snapshots, newest first."""
    return list(db.session.scalars(select(Submission).where(
        Submission.response_id == response.id).order_by(Submission.number.desc())))


def submission_numbers(response: Response) -> list[int]:
    """The numbers of the response's snapshots, oldest first."""
    return list(db.session.scalars(select(Submission.number).where(
        Submission.response_id == response.id).order_by(Submission.number)))


def current_submission(response: Response) -> Submission | None:
    return db.session.scalar(
        select(Submission).where(Submission.response_id == response.id,
                                 Submission.superseded_at.is_(None))
        .order_by(Submission.number.desc()).limit(1))


def _recipients(response: Response, action: Action) -> list[User]:
    state_roles = [Role.FOCAL_POINT]
    if action is Action.RETURN:
        state_roles.append(Role.CONTRIBUTOR)
    to_secretariat = action in (Action.SUBMIT, Action.RECALL)
    stmt = select(User).join(Membership).where(User.active.is_(True))
    if to_secretariat:
        stmt = stmt.where(Membership.role.in_([Role.SECRETARIAT_REVIEWER, Role.SECRETARIAT_ADMIN]))
    else:
        stmt = stmt.where(Membership.role.in_(state_roles),
                          Membership.state_iso3 == response.state_iso3)
    return list(db.session.scalars(stmt.distinct()))


def _notify(response: Response, action: Action, actor: User, comment: str | None,
            link: str) -> None:
    for user in _recipients(response, action):
        notify(user.email, "workflow", user.locale, action=action.value,
               state=response.state.name(user.locale), cycle=response.cycle.name,
               actor=actor.name or actor.email, comment=comment or "", link=link)
