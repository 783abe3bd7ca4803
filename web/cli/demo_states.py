"""``demo --states all``: every State in the registry gets a complete, submitted response.

Written for speed: one focal point per State sharing one password hash, answers, snapshots and
workflow updates sent as bulk statements.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, insert, select, update

from models import (
    Answer,
    Cycle,
    Membership,
    QuestionnaireVersion,
    Response,
    Role,
    State,
    Submission,
    User,
    WorkflowState,
    db,
    utcnow,
)
from questionnaire.definition import Definition
from questionnaire.snapshot import snapshot_document, snapshot_hash
from services import audit
from services.cycles import change_cycle, create_cycle
from services.definitions import DEFAULT_DEFINITION, publish
from services.secretariat import cycle_definition, invited_codes
from web.accounts.passwords import hash_password
from web.cli.demo_answers import context_for, demo_answers, registry_answers
from web.cli.demo_people import demo_deadline, focal_point_name, people_answers

DEMO_CYCLE_NAME = "Reporting cycle 2026"
ACCEPTED_SHARE = 0.3
"""Share of the demo submissions that the secretariat has already accepted."""


@dataclass(frozen=True)
class SeedResult:
    cycle: Cycle
    submitted: int
    skipped: int


def ensure_version() -> QuestionnaireVersion:
    """Version 1, the questionnaire of the demo's main cycle (published if it is not yet)."""
    version, _new = publish(DEFAULT_DEFINITION)
    return version


def ensure_cycle(version: QuestionnaireVersion, admin: User | None,
                 only: Collection[str] | None = None) -> Cycle:
    """The newest cycle on ``version``, or a new one; every State (or those in ``only``) is
    invited."""
    cycle = db.session.scalar(select(Cycle).where(Cycle.questionnaire_version_id == version.id)
                              .order_by(Cycle.created_at.desc(), Cycle.id.desc()).limit(1))
    if cycle is None:
        return create_cycle(DEMO_CYCLE_NAME, version, demo_deadline(), only, admin)
    if cycle.deadline < date.today():  # a demo database kept for months: a deadline ahead
        change_cycle(cycle.id, name=cycle.name, deadline=demo_deadline(), changed_by=admin)
    invited = set(invited_codes(cycle))
    wanted = only if only is not None else list(db.session.scalars(select(State.iso3)))
    missing = [iso3 for iso3 in wanted if iso3 not in invited]
    if missing:
        db.session.execute(insert(Response), [
            {"cycle_id": cycle.id, "state_iso3": iso3, "revision": 0,
             "workflow_state": WorkflowState.NOT_STARTED, "created_at": utcnow()}
            for iso3 in missing])
    return cycle


def ensure_focal_points(states: list[State], password: str, seed: int = 2026) -> dict[str, User]:
    """A focal point for every State (``focal.<iso3>@envsaq.example``), by State code, with a
    person's name."""
    emails = {f"focal.{state.iso3.lower()}@envsaq.example": state for state in states}
    existing = {user.email: user for user in db.session.scalars(
        select(User).where(User.email.in_(list(emails))))}
    shared_hash = hash_password(password)
    for email, state in emails.items():
        if email in existing:
            continue
        group = state.regional_group.value if state.regional_group else None
        user = User(email=email, name=focal_point_name(state.iso3, group, seed),
                    password_hash=shared_hash)
        user.memberships.append(Membership(role=Role.FOCAL_POINT, state_iso3=state.iso3))
        db.session.add(user)
        existing[email] = user
    db.session.flush()
    return {state.iso3: existing[email] for email, state in emails.items()}


def seed_all_states(seed: int, password: str, admin: User | None = None,
                    only: Collection[str] | None = None) -> SeedResult:
    """Give every State (or those in ``only``) without a submission in the newest cycle a
    complete, submitted response."""
    cycle = ensure_cycle(ensure_version(), admin, only)
    db.session.flush()
    definition = cycle_definition(cycle)  # an existing cycle may be on an older version
    stmt = (select(Response, State).join(State, Response.state_iso3 == State.iso3)
            .where(Response.cycle_id == cycle.id).order_by(State.iso3))
    if only is not None:
        stmt = stmt.where(Response.state_iso3.in_(list(only)))
    rows = db.session.execute(stmt).all()
    submitted_ids = set(db.session.scalars(
        select(Submission.response_id).join(Response, Submission.response_id == Response.id)
        .where(Response.cycle_id == cycle.id)))
    todo = [(response, state) for response, state in rows if response.id not in submitted_ids]
    focal_points = ensure_focal_points([state for _response, state in todo], password, seed)
    now = utcnow()
    answer_rows, submission_rows, response_rows = [], [], []
    for response, state in todo:
        group = state.regional_group.value if state.regional_group else None
        focal = focal_points[state.iso3]
        known = registry_answers(state.party_status.value, state.party_date) | people_answers(
            focal.name, focal.email, context_for(state.iso3, group, seed).lang)
        context = context_for(state.iso3, group, seed, known=known)
        answers = demo_answers(definition, context)
        submitted_at = now - timedelta(days=context.rng.randint(1, 90),
                                       minutes=context.rng.randint(0, 1440))
        accepted = context.rng.random() < ACCEPTED_SHARE
        answer_rows.extend(
            {"response_id": response.id, "question_key": key, "value": value, "is_valid": True,
             "version": 1, "updated_at": submitted_at, "updated_by_id": focal.id}
            for key, value in answers.items())
        submission_rows.append(_submission_row(response, state, definition, answers, focal,
                                               context.lang, submitted_at, accepted))
        response_rows.append({
            "id": response.id, "answer_language": context.lang, "revision": response.revision + 2,
            "workflow_state": WorkflowState.ACCEPTED if accepted else WorkflowState.SUBMITTED,
            "last_edited_at": submitted_at, "last_edited_by_id": focal.id})
    if answer_rows:
        # Drafts of the demo States give way to the complete answers that are submitted.
        db.session.execute(delete(Answer).where(
            Answer.response_id.in_([response.id for response, _state in todo])))
        db.session.execute(insert(Answer), answer_rows)
        db.session.execute(insert(Submission), submission_rows)
        db.session.execute(update(Response), response_rows)
    audit.record("demo.seeded", actor=admin, object_type="cycle", object_id=cycle.id,
                 seed=seed, submitted=len(todo))
    db.session.flush()
    return SeedResult(cycle, len(todo), len(rows) - len(todo))


def _submission_row(response: Response, state: State, definition: Definition, answers: dict,
                    focal: User, lang: str, submitted_at, accepted: bool) -> dict:
    document = snapshot_document(state=state.iso3, questionnaire=definition.id,
                                 version=definition.version, answers=answers)
    return {
        "response_id": response.id, "number": 1, "answers": document["answers"],
        "sha256": snapshot_hash(document), "answer_language": lang,
        "certified_by_id": focal.id, "certified_name": f"{focal.name}, national focal point",
        "created_at": submitted_at,
        "accepted_at": submitted_at + timedelta(days=3) if accepted else None,
    }
