"""Starting a new cycle from the State's accepted submission of an earlier cycle."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import AuditEvent, Cycle, Role, Submission, User, WorkflowState, db, utcnow
from questionnaire.loader import load_definition_text
from services.answers import load_answers, save_answers
from services.carry_forward import CarryRefused, carried_values, carry_forward
from services.cycles import create_cycle
from services.definitions import DEFAULT_DEFINITION, definition_of, publish
from tests.conftest import csrf_token
from tests.workspace.workspace_fixtures import response_of

EARLIER = {
    "gen.institution": "Ministry of Environment",
    "op1.leg.serious_crime": "partly",
    "op1.enf.statistics": {"2020": {"offences_recorded": 4}},
}


def version_two_source() -> str:
    """v1 with one question renamed, and the mapping that says so."""
    source = DEFAULT_DEFINITION.read_text(encoding="utf-8")
    source = source.replace('version: "1"', 'version: "2"', 1)
    source = source.replace("- key: gen.institution\n", "- key: gen.lead_institution\n", 1)
    return source.replace("\nsections:\n",
                          '\nmaps_from:\n  "1":\n    gen.institution: gen.lead_institution\n'
                          "\nsections:\n", 1)


def accept_submission(cycle: Cycle, iso3: str, answers: dict, user: User) -> Submission:
    response = response_of(cycle, iso3)
    submission = Submission(response_id=response.id, number=1, answers=answers, sha256="0" * 64,
                            certified_by_id=user.id, certified_name=user.email,
                            accepted_at=utcnow())
    response.workflow_state = WorkflowState.ACCEPTED
    db.session.add(submission)
    cycle.created_at = utcnow() - timedelta(days=400)
    db.session.commit()
    return submission


@pytest.fixture
def next_cycle(cycle, make_user, tmp_path):
    """The 2026 cycle accepted for KEN; a 2028 cycle on version 2 of the questionnaire."""
    accept_submission(cycle, "KEN", EARLIER, make_user(Role.FOCAL_POINT, "KEN"))
    path = tmp_path / "v2.yaml"
    path.write_text(version_two_source(), encoding="utf-8")
    version, _created = publish(path)
    opened = create_cycle("2028 reporting cycle", version, date(2028, 12, 31), ["KEN", "MEX"], None)
    db.session.commit()
    return opened


def test_keys_go_through_the_version_mapping(definition):
    target = load_definition_text(version_two_source(), "v2.yaml")
    carried = carried_values(definition, target, {
        **EARLIER, "op1.leg.serious_crime_laws": [{"title": "Act"}],
        "op1.enf.units": "no such value", "gone.question": "x"})
    values = carried.values
    left = sorted(item.old_key for item in carried.unmapped)
    assert values == {"gen.lead_institution": "Ministry of Environment",
                      "op1.leg.serious_crime": "partly",
                      "op1.enf.statistics": {"2020": {"offences_recorded": 4}},
                      "op1.leg.serious_crime_laws": [{"title": "Act"}]}
    assert left == ["gone.question", "op1.enf.units"]


def test_same_version_keeps_the_keys(definition):
    carried = carried_values(definition, definition, EARLIER)
    assert carried.values == EARLIER and carried.unmapped == []


def test_focal_point_starts_from_the_accepted_submission(client, signed_in, next_cycle, cycle):
    user = signed_in(Role.FOCAL_POINT, "KEN")
    page = url(next_cycle, "import")
    assert "Start from our accepted submission of 2026 reporting cycle" in client.get(
        page).get_data(as_text=True)
    response = client.post(url(next_cycle, "carry-forward"),
                           data={"csrf_token": csrf_token(client, page)})
    assert response.status_code == 302
    target = response_of(next_cycle, "KEN")
    answers = load_answers(target)
    assert answers["gen.lead_institution"].value == "Ministry of Environment"
    assert {a.carried_from for a in answers.values()} == {cycle.name}
    assert len(answers) == 3
    assert target.carried_from_submission_id is not None
    assert target.workflow_state is WorkflowState.IN_PROGRESS
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "response.carried_forward")).details["carried"] == 3
    # Offered only while the response has no answers.
    assert "Start from our accepted submission" not in client.get(page).get_data(as_text=True)

    definition = definition_of(next_cycle.questionnaire_version)
    save_answers(target, definition, {
        "op1.leg.serious_crime": ("partly", answers["op1.leg.serious_crime"].version),
        "gen.lead_institution": ("Ministry of Forests",
                                 answers["gen.lead_institution"].version)}, user)
    db.session.commit()
    after = load_answers(target)
    assert after["op1.leg.serious_crime"].carried_from is None  # confirmed as it stands
    assert after["gen.lead_institution"].carried_from is None  # changed
    assert after["op1.enf.statistics"].carried_from == cycle.name  # not yet looked at


def test_carrying_forward_twice_is_refused(next_cycle, make_user):
    target = response_of(next_cycle, "KEN")
    definition = definition_of(next_cycle.questionnaire_version)
    carry_forward(target, definition, make_user(Role.FOCAL_POINT, "KEN"))
    with pytest.raises(CarryRefused):
        carry_forward(target, definition, None)


def test_without_an_accepted_submission_nothing_is_offered(client, signed_in, next_cycle):
    signed_in(Role.FOCAL_POINT, "MEX")
    page = url(next_cycle, "import", iso3="MEX")
    assert "Start from our accepted submission" not in client.get(page).get_data(as_text=True)
    client.post(url(next_cycle, "carry-forward", iso3="MEX"),
                data={"csrf_token": csrf_token(client, page)})
    assert load_answers(response_of(next_cycle, "MEX")) == {}


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.OBSERVER])
def test_only_the_focal_point_may_carry_forward(client, signed_in, next_cycle, role):
    signed_in(role, "KEN")
    token = csrf_token(client, url(next_cycle, "history"))
    response = client.post(url(next_cycle, "carry-forward"), data={"csrf_token": token})
    assert response.status_code == 403
    assert load_answers(response_of(next_cycle, "KEN")) == {}


def url(cycle, tail, iso3="KEN"):
    return f"/states/{iso3}/cycles/{cycle.id}/{tail}"
