"""Carry-forward from an accepted version 1 submission into a version 2 cycle."""

from __future__ import annotations

from datetime import date

from models import Role, db
from questionnaire.fields.base import field_type_for, node_text
from services.answers import answer_values, load_answers
from services.cycles import create_cycle
from services.definitions import definition_of, publish
from tests.conftest import csrf_token
from tests.workspace.test_carry_forward import accept_submission
from tests.workspace.workspace_fixtures import complete_answers, response_of
from web.cli.demo_next import NEXT_DEFINITION


def texts_of(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts_of(item)]
    if isinstance(value, list):
        return [t for item in value for t in texts_of(item)]
    return []


def test_focal_point_carries_v1_answers_into_v2_and_sees_what_was_left(
        client, signed_in, cycle, definition, make_user):
    earlier = complete_answers(definition, "KEN")
    earlier.update({"op1.leg.jurisdiction": "partly", "ta.needs.top_priority": "high",
                    "op1.coop.mla_requests_sent": 17,
                    "op1.cap.assistance_details": "Customs training given to Botswana in 2023."})
    accept_submission(cycle, "KEN", earlier, make_user(Role.FOCAL_POINT, "KEN"))
    version, _created = publish(NEXT_DEFINITION)
    next_cycle = create_cycle("2027 reporting cycle", version, date(2027, 6, 30), ["KEN"], None,
                              opens=date(2027, 1, 1))
    db.session.commit()
    signed_in(Role.FOCAL_POINT, "KEN")
    page = f"/states/KEN/cycles/{next_cycle.id}/import"
    assert "Start from our accepted submission" in client.get(page).get_data(as_text=True)
    client.post(f"/states/KEN/cycles/{next_cycle.id}/carry-forward",
                data={"csrf_token": csrf_token(client, page)})

    target = definition_of(version)
    saved = answer_values(load_answers(response_of(next_cycle, "KEN")))
    assert saved["op1.coop.extradition_treaty_required"]
    assert "Customs training given to Botswana in 2023." in saved["ta.received"]
    assert all(target.has_question(key) for key in saved)
    overview = client.get(f"/states/KEN/cycles/{next_cycle.id}/").get_data(as_text=True)
    assert "Earlier answers that were not carried over" in overview
    for key, reason in (("ta.needs.top_priority", "Version 2 no longer asks this question."),
                        ("op1.leg.jurisdiction", "This answer has no equivalent in version 2."),
                        ("op1.coop.mla_requests_sent", "Version 2 no longer asks")):
        question = definition.question(key)
        assert question.label["en"].replace("'", "&#39;") in overview
        assert node_text(field_type_for(question).display(earlier[key], "en")) in overview
        assert reason in overview
    # the accepted version 1 submission beside the version 2 draft, question by question
    diff = client.get(f"/states/KEN/cycles/{next_cycle.id}/diff").get_data(as_text=True)
    assert "Compare with the accepted submission of 2026 reporting cycle" in diff
    side = client.get(f"/states/KEN/cycles/{next_cycle.id}/diff-earlier")
    assert side.status_code == 200
    side_html = side.get_data(as_text=True)
    assert "2026 reporting cycle (version 1)" in side_html
    assert "This draft (version 2)" in side_html
    old_label = definition.question("op1.coop.extradition_basis").label["en"]
    new_label = target.question("op1.coop.extradition_treaty_required").label["en"]
    row = side_html.split(new_label)[0].rsplit("<tr", 1)[1]
    assert old_label in row  # the replaced question stands in the same row
    assert "Changed" not in side_html.split(new_label)[1].split("</tr>")[0]
    # the version's own note on a dropped question is shown with it
    assert "the earlier total for 2019–2024 is kept here for reference" in overview
    # no text the State wrote is lost: carried or listed
    for key, value in earlier.items():
        question = definition.question(key)
        if question.type in ("yes_partly_no", "single_choice", "multiple_choice"):
            continue
        for text in texts_of(value):
            if text in ("yes", "partly", "no", "not_known", "not_applicable", "term", "life",
                        "none", "in_force", "bill") or text in question.option_values:
                continue
            carried = " ".join(texts_of(saved))
            assert text in carried or text.replace("'", "&#39;") in overview, (key, text)


def test_contributors_do_not_see_the_list(client, signed_in, cycle, definition, make_user):
    accept_submission(cycle, "KEN", {"ta.needs.top_priority": "high",
                                     "gen.institution": "Ministry"},
                      make_user(Role.FOCAL_POINT, "KEN"))
    version, _created = publish(NEXT_DEFINITION)
    next_cycle = create_cycle("2027", version, date(2027, 6, 30), ["KEN"], None)
    db.session.commit()
    from services.carry_forward import carry_forward

    carry_forward(response_of(next_cycle, "KEN"), definition_of(version), None)
    db.session.commit()
    signed_in(Role.CONTRIBUTOR, "KEN")
    overview = client.get(f"/states/KEN/cycles/{next_cycle.id}/").get_data(as_text=True)
    assert "Earlier answers that were not carried over" not in overview


def test_no_earlier_submission_no_side_by_side(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "MEX")
    assert client.get(f"/states/MEX/cycles/{cycle.id}/diff-earlier").status_code == 404
