"""The living workspace a newcomer sees: an open cycle with three partly answered drafts."""

from __future__ import annotations

from sqlalchemy import select

from models import Answer, Response, State, User, WorkflowState, db
from services.answers import save_answers
from services.definitions import definition_of
from web.cli.demo_answers import context_for, demo_answers, registry_answers
from web.cli.demo_people import focal_point_name, people_answers
from web.cli.demo_states import ensure_cycle, ensure_version

#: Sections the demo drafts have already answered (the rest is left to the visitor).
ANSWERED_SECTIONS = ("general", "op1_legislation", "op1_enforcement")


def seed_demo_drafts(states: tuple[str, ...], admin: User | None, seed: int) -> int:
    """Give each State in ``states`` a draft with its first sections answered, if it has none.

    Returns how many drafts were written. Answers go through the ordinary save path, so the
    history shows who wrote what.
    """
    version = ensure_version()
    definition = definition_of(version)
    cycle = ensure_cycle(version, admin)
    db.session.flush()
    written = 0
    for iso3 in states:
        response = db.session.scalar(select(Response).where(
            Response.cycle_id == cycle.id, Response.state_iso3 == iso3))
        state = db.session.get(State, iso3)
        has_answers = db.session.scalar(
            select(Answer.id).where(Answer.response_id == response.id).limit(1))
        if response is None or has_answers is not None:
            continue
        editor = db.session.scalar(select(User).where(
            User.email == f"contributor.{iso3.lower()}@envsaq.example"))
        group = state.regional_group.value if state.regional_group else None
        lang = context_for(iso3, group, seed).lang
        focal_email = f"focal.{iso3.lower()}@envsaq.example"
        focal = db.session.scalar(select(User).where(User.email == focal_email))
        known = registry_answers(state.party_status.value, state.party_date) | people_answers(
            focal.name if focal and focal.name else focal_point_name(iso3, group, seed),
            focal_email, lang)
        values = demo_answers(definition, context_for(iso3, group, seed, known=known))
        keys = {q.key for key in ANSWERED_SECTIONS for q in definition.section(key).questions}
        changes = {key: (value, 0) for key, value in values.items() if key in keys}
        save_answers(response, definition, changes, editor, source="demo")
        response.workflow_state = WorkflowState.IN_PROGRESS
        response.answer_language = lang
        written += 1
    db.session.flush()
    return written
