"""Small frictions of the focal points' day (UX review m6, m7, m9, m12, p2, p3, p6, p12, p13)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models import AuditEvent, Role, db
from services.answers import load_answers, save_answers
from tests.workspace.test_workspace import (
    INSTITUTION,
    fill_completely,
    hidden,
    submit_via_service,
    url,
)


def test_certifying_name_is_typed_by_the_person_and_the_page_recaps_what_is_sent(
        client, signed_in, cycle, definition):
    user = signed_in(Role.FOCAL_POINT, "KEN", name="Focal point KEN")
    fill_completely(cycle, definition, user)
    page = client.get(url(cycle, tail="submit")).get_data(as_text=True)
    assert 'id="certified_name" name="certified_name" value=""' in page
    assert "Focal point KEN" not in page.split('id="certified_name"')[1].split(">")[0]
    assert "Questions answered:" in page
    assert "0 comment threads are still open." in page
    refused = client.post(url(cycle, tail="submit"), data={
        "csrf_token": hidden(page, "csrf_token"), "revision": hidden(page, "revision"),
        "certified_name": "  ", "certify": "yes"})
    assert refused.status_code == 400
    text = refused.get_data(as_text=True)
    assert 'href="#certified_name"' in text and 'id="certified_name-error"' in text
    assert 'id="certify-error"' not in text


def test_overview_before_and_after_a_submission(client, signed_in, make_user, cycle,
                                                definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    before = client.get(url(cycle)).get_data(as_text=True)
    assert "Compare with the last submission" not in before
    assert "Download the draft as PDF" in before
    assert "Questions answered" in before and ">Completion<" not in before
    submit_via_service(cycle, definition, make_user(Role.FOCAL_POINT, "KEN"))
    after = client.get(url(cycle)).get_data(as_text=True)
    assert "Compare with the last submission" in after
    assert "Download the current answers as PDF" in after
    assert "Download the draft as PDF" not in after


def test_a_passed_deadline_is_shown_as_such(client, signed_in, cycle):
    cycle.deadline = date.today() - timedelta(days=3)
    db.session.commit()
    signed_in(Role.FOCAL_POINT, "KEN")
    for path in ("/", url(cycle)):
        page = client.get(path).get_data(as_text=True)
        assert "deadline passed 3 days ago" in page, path
    cycle.deadline = date.today() + timedelta(days=3)
    db.session.commit()
    assert "deadline passed" not in client.get(url(cycle)).get_data(as_text=True)


def test_secretariat_pages_show_a_passed_deadline(client, signed_in, cycle):
    cycle.deadline = date.today() - timedelta(days=1)
    db.session.commit()
    signed_in(Role.SECRETARIAT_ADMIN, None)
    for path in ("/secretariat/cycles/", f"/secretariat/?cycle={cycle.id}"):
        assert "deadline passed 1 day ago" in client.get(path).get_data(as_text=True), path


def test_a_returned_response_says_why_on_its_overview(client, signed_in, make_user, cycle,
                                                      definition, app):
    from questionnaire.workflow import Action
    from services.workflow import apply_transition

    response = submit_via_service(cycle, definition, make_user(Role.FOCAL_POINT, "KEN"))
    reviewer = make_user(Role.SECRETARIAT_REVIEWER)
    apply_transition(response, definition, Action.RETURN, reviewer,
                     expected_revision=response.revision,
                     comment="Please cite the wildlife act of 2013.", link="http://localhost/")
    db.session.commit()
    signed_in(Role.FOCAL_POINT, "KEN")
    overview = client.get(url(cycle)).get_data(as_text=True)
    assert "The Secretariat returned the response for changes" in overview
    assert "Please cite the wildlife act of 2013." in overview
    assert "comments#thread-" in overview


def test_history_names_how_a_change_was_made_and_never_shows_a_python_repr(
        client, signed_in, cycle, definition):
    user = signed_in(Role.FOCAL_POINT, "KEN")
    from tests.workspace.workspace_fixtures import response_of

    response = response_of(cycle, "KEN")
    penalty_key, penalty_value = _invalid_penalty(definition)
    save_answers(response, definition, {INSTITUTION: ("Ministry of Justice " * 40, 0)},
                 user, source="autosave")
    save_answers(response, definition, {penalty_key: (penalty_value, 0)}, user)
    db.session.commit()
    assert load_answers(response)[penalty_key].is_valid is False
    page = client.get(url(cycle, tail="history")).get_data(as_text=True)
    assert "Saved automatically while typing" in page
    assert "Saved with the form" in page
    assert ">autosave<" not in page and ">form<" not in page
    assert "{&#39;" not in page and "{'" not in page
    assert "not valid when saved" in page
    assert '<details class="long-value">' in page


def _invalid_penalty(definition) -> tuple[str, object]:
    """The crime matrix, with a penalty typed in words where a number is expected."""
    for question in definition.questions:
        if question.type == "crime_matrix":
            from questionnaire.fields.base import field_type_for

            crime_type = field_type_for(question).crime_types()[0].key
            return question.key, {crime_type: {"max_penalty": {
                "kind": "term", "years": "ten", "months": 14, "fine": "KES 20,000,000"}}}
    raise AssertionError("the definition has no crime matrix")


def test_audit_omits_empty_details(client, signed_in):
    admin = signed_in(Role.SECRETARIAT_ADMIN, None)
    db.session.add(AuditEvent(action="test.event", actor_id=admin.id,
                              details={"submission": None, "kept": "yes"}))
    db.session.commit()
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "kept=yes" in page
    assert "submission=None" not in page


def test_api_token_page_shows_the_header_with_its_placeholder(client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN, None)
    page = client.get("/secretariat/api-tokens").get_data(as_text=True)
    assert "Authorization: Bearer &lt;token&gt;" in page


def test_line_breaks_become_one_form_at_every_depth():
    from questionnaire.line_breaks import normalized_line_breaks

    assert normalized_line_breaks("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert normalized_line_breaks({"rows": [{"text": "x\r\ny"}], "n": 3}) == {
        "rows": [{"text": "x\ny"}], "n": 3}
    assert normalized_line_breaks(None) is None


def test_an_untouched_multiline_answer_sent_with_crlf_is_not_an_edit(
        client, signed_in, make_user, cycle, definition):
    """A colleague's newer multi-line answer stands when I save another question of the
    section: my browser sent the old text back with CRLF line breaks (third-party review 3.4)."""
    from models import AnswerChange
    from tests.workspace.workspace_fixtures import response_of

    response = response_of(cycle, "KEN")
    colleague = make_user(Role.CONTRIBUTOR, "KEN")
    key, field = "gen.contributors", "gen__contributors"
    save_answers(response, definition, {key: ("Ministry of Justice\nCustoms", 0)}, colleague)
    db.session.commit()
    me = signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general")
    page = client.get(path).get_data(as_text=True)
    form = {"csrf_token": hidden(page, "csrf_token"),
            field: "Ministry of Justice\r\nCustoms",
            f"__v__{field}": hidden(page, f"__v__{field}"),
            f"__h__{field}": hidden(page, f"__h__{field}"),
            "gen__institution": "Office of the Attorney General",
            "__v__gen__institution": hidden(page, "__v__gen__institution"),
            "__h__gen__institution": hidden(page, "__h__gen__institution")}
    # The colleague saves a newer text after my page was loaded.
    save_answers(response, definition,
                 {key: ("Ministry of Justice\nCustoms\nPolice", 1)}, colleague)
    db.session.commit()
    result = client.post(path + "/autosave", data=form, headers={"Accept": "application/json"})
    assert result.status_code == 200, result.get_data(as_text=True)[:500]
    answers = load_answers(response)
    assert answers[key].value == "Ministry of Justice\nCustoms\nPolice"
    assert answers[INSTITUTION].value == "Office of the Attorney General"
    mine = db.session.scalars(select(AnswerChange.question_key).where(
        AnswerChange.changed_by_id == me.id)).all()
    assert INSTITUTION in mine and key not in mine
    assert result.get_json()["conflicts"] == []


def test_answer_fields_follow_the_direction_of_what_is_typed(client, signed_in, cycle):
    import re

    signed_in(Role.FOCAL_POINT, "KEN")
    page = client.get(url(cycle, tail="sections/general")).get_data(as_text=True)
    for field in ("gen__institution", "gen__contributors"):
        tag = re.search(rf'<(?:input|textarea)[^>]*id="{field}"[^>]*>', page)
        assert tag and 'dir="auto"' in tag.group(0), field


def test_team_page_has_one_csrf_id_at_most(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    make_user(Role.CONTRIBUTOR, "KEN")
    page = client.get(url(cycle, tail="team")).get_data(as_text=True)
    assert page.count('id="csrf_token"') <= 1
