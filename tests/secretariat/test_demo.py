"""``demo --states all``: every State submits a complete, valid and varied response."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from models import Response, State, Submission, User, WorkflowState, db
from questionnaire.fields import field_type_for
from questionnaire.loader import load_definition
from questionnaire.snapshot import snapshot_document, snapshot_hash
from web.cli.demo_answers import context_for, demo_answers, missing_required

DEFINITION = load_definition(Path(__file__).resolve().parents[2] / "questionnaire"
                             / "definitions" / "res-12-4" / "v1.yaml")


def test_answers_are_deterministic_valid_and_complete():
    first = demo_answers(DEFINITION, context_for("KEN", "african", 5))
    again = demo_answers(DEFINITION, context_for("KEN", "african", 5))
    other_seed = demo_answers(DEFINITION, context_for("KEN", "african", 6))
    assert first == again and first != other_seed
    assert missing_required(DEFINITION, first) == []
    for key, value in first.items():
        assert field_type_for(DEFINITION.question(key)).validate(value, first) == [], key


def test_a_crime_type_not_criminalized_has_no_penalty():
    matrices = [q.key for q in DEFINITION.questions if q.type == "crime_matrix"]
    uncovered = 0
    for iso3, group in (("KEN", "african"), ("NOR", "weog"), ("MEX", "grulac"), ("FJI", None)):
        for seed in range(6):
            answers = demo_answers(DEFINITION, context_for(iso3, group, seed))
            for key in matrices:
                gate = field_type_for(DEFINITION.question(key)).columns()[0][0]
                for row in (answers.get(key) or {}).values():
                    if row.get(gate) == "no":
                        uncovered += 1
                        assert row == {gate: "no"}, (iso3, seed, key, row)
    assert uncovered  # the case occurs in the data, so the check above checks something


def test_demo_all_states_submits_for_every_state(app, runner):
    result = runner.invoke(args=["demo", "--states", "all", "--seed", "3"])
    assert result.exit_code == 0, result.output
    states = db.session.scalar(select(func.count()).select_from(State))
    rows = db.session.execute(
        select(Response.state_iso3, Response.workflow_state, Response.answer_language,
               Submission.answers, Submission.sha256)
        .join(Submission, Submission.response_id == Response.id)).all()
    assert len(rows) == states == 198
    assert {row.workflow_state for row in rows} <= {WorkflowState.SUBMITTED,
                                                    WorkflowState.ACCEPTED}
    assert WorkflowState.ACCEPTED in {row.workflow_state for row in rows}
    # Realistic variety: several answer languages, every answer to a key question, gaps,
    # "not known", and regional patterns that differ.
    assert len({row.answer_language for row in rows}) >= 5
    serious = Counter(row.answers["op1.leg.serious_crime"] for row in rows)
    assert {"yes", "partly", "no"} <= set(serious) and serious["not_known"] > 0
    assert any("not_known" in str(row.answers.get("op1.enf.statistics")) for row in rows)
    for row in rows[:20]:
        assert missing_required(DEFINITION, row.answers) == [], row.state_iso3
        document = snapshot_document(state=row.state_iso3, questionnaire=DEFINITION.id,
                                     version=DEFINITION.version, answers=row.answers)
        assert snapshot_hash(document) == row.sha256
    # What each State says of its Convention status agrees with the registry.
    registry = {s.iso3: s for s in db.session.scalars(select(State))}
    expected = {"party": "party", "signatory": "signatory", "non_party": "not_party"}
    for row in rows:
        state = registry[row.state_iso3]
        assert row.answers["gen.untoc_status"] == expected[state.party_status.value], state.iso3
        reported = row.answers.get("gen.untoc_date")
        assert reported == (state.party_date.isoformat() if state.party_date else None), (
            state.iso3)
    assert registry["SSD"].party_status.value == "party"
    # Running it again adds nothing.
    assert runner.invoke(args=["demo", "--states", "all"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 198


def test_demo_refuses_a_database_with_real_accounts(app, runner, make_user):
    make_user(email="real.person@un.org")
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "real accounts (real.person@un.org" in result.output
    assert db.session.scalar(select(User).where(User.email == "admin@envsaq.example")) is None
