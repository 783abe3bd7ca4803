"""The State workspace over HTTP: filling, saving, conflicts, access, submission."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from models import Answer, AnswerChange, Role, Submission, WorkflowState, db
from questionnaire.fields.base import field_name
from questionnaire.snapshot import snapshot_document, snapshot_hash
from services.answers import load_answers, save_answers
from tests.conftest import csrf_token
from tests.workspace.workspace_fixtures import complete_answers, response_of


def url(cycle, iso3="KEN", tail=""):
    return f"/states/{iso3}/cycles/{cycle.id}/{tail}"


def page_token(client, path):
    return csrf_token(client, path)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert match, name
    return match.group(1)


INSTITUTION = "gen.institution"


def test_overview_lists_sections_with_status(client, signed_in, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    html = client.get(url(cycle)).get_data(as_text=True)
    assert "Kenya" in html
    for section in definition.sections:
        assert section.title.get("en") in html
    assert "Not started" in html
    assert "31 December 2026" in html and "Dec 31, 2026" not in html


def test_every_section_renders_every_field_type(client, signed_in, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    seen_types = set()
    for section in definition.sections:
        response = client.get(url(cycle, tail=f"sections/{section.key}"))
        assert response.status_code == 200, section.key
        html = response.get_data(as_text=True)
        assert '="None"' not in html, section.key  # no attribute rendered from a None
        for q in section.questions:
            assert f'data-question="{field_name(q.key)}"' in html
            seen_types.add(q.type)
    assert {"yes_partly_no", "citations", "cases", "statistics", "crime_matrix", "attachment",
            "multiple_choice", "single_choice", "long_text", "short_text"} <= seen_types


def test_plain_post_saves_and_redirects(client, signed_in, cycle):
    user = signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general")
    html = client.get(path).get_data(as_text=True)
    response = client.post(path, data={
        "csrf_token": hidden(html, "csrf_token"), field_name(INSTITUTION): "Ministry of Justice",
        f"__v__{field_name(INSTITUTION)}": "0", "go": "stay"})
    assert response.status_code == 302
    answers = load_answers(response_of(cycle, "KEN"))
    assert answers[INSTITUTION].value == "Ministry of Justice"
    assert answers[INSTITUTION].version == 1
    assert answers[INSTITUTION].updated_by_id == user.id
    assert response_of(cycle, "KEN").workflow_state is WorkflowState.IN_PROGRESS
    assert "Ministry of Justice" in client.get(path).get_data(as_text=True)
    change = db.session.scalar(select(AnswerChange))
    assert change.new_value == "Ministry of Justice" and change.old_value is None


def test_invalid_value_is_kept_as_typed_with_a_message(client, signed_in, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    question = next(q for q in definition.questions if q.type == "integer")
    section = definition.section_of(question.key)
    path = url(cycle, tail=f"sections/{section.key}")
    html = client.get(path).get_data(as_text=True)
    client.post(path, data={"csrf_token": hidden(html, "csrf_token"),
                            field_name(question.key): "twelve", "go": "stay"})
    answer = load_answers(response_of(cycle, "KEN"))[question.key]
    assert answer.value == "twelve" and answer.is_valid is False
    html = client.get(path).get_data(as_text=True)
    assert 'value="twelve"' in html
    assert "Some answers need attention" in html
    assert f'href="#q-{question.key.replace(".", "-")}"' in html


def test_autosave_returns_versions_and_relevance(client, signed_in, cycle):
    signed_in(Role.CONTRIBUTOR, "KEN")
    path = url(cycle, tail="sections/general")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    response = client.post(path + "/autosave", data={field_name(INSTITUTION): "Attorney General"},
                           headers={"X-CSRFToken": token, "X-Requested-With": "fetch"})
    assert response.status_code == 200, response.get_data(as_text=True)
    payload = response.get_json()
    assert payload["status"] == "saved"
    assert payload["versions"][field_name(INSTITUTION)] == 1
    assert isinstance(payload["relevant"], list)


def test_autosave_without_csrf_is_refused_and_changes_nothing(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general/autosave")
    response = client.post(path, data={field_name(INSTITUTION): "x"},
                           headers={"X-Requested-With": "fetch"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "csrf"
    assert load_answers(response_of(cycle, "KEN")) == {}


def test_autosave_after_session_expiry_is_401_not_a_redirect(client, signed_in, cycle):
    import time

    signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    with client.session_transaction() as sess:
        sess["last_seen"] = int(time.time()) - 3600
    response = client.post(path + "/autosave", data={field_name(INSTITUTION): "x"},
                           headers={"X-CSRFToken": token, "X-Requested-With": "fetch"})
    assert response.status_code == 401  # never a silent redirect to an HTML page
    assert response.is_json
    assert load_answers(response_of(cycle, "KEN")) == {}


def test_stale_version_gives_a_conflict_view_not_an_overwrite(client, signed_in, make_user, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general")
    html = client.get(path).get_data(as_text=True)
    token, base_hash = hidden(html, "csrf_token"), hidden(html, f"__h__{field_name(INSTITUTION)}")
    # Someone else saves first.
    other = make_user(Role.CONTRIBUTOR, "KEN", name="Ana Other")
    response = response_of(cycle, "KEN")
    from services.definitions import definition_of

    save_answers(response, definition_of(cycle.questionnaire_version),
                 {INSTITUTION: ("Their institution", 0)}, other)
    db.session.commit()
    result = client.post(path, data={
        "csrf_token": token, field_name(INSTITUTION): "My institution",
        f"__v__{field_name(INSTITUTION)}": "0", f"__h__{field_name(INSTITUTION)}": base_hash})
    page = result.get_data(as_text=True)
    assert result.status_code == 409
    assert "changed in another window or by another person while you were editing" in page
    assert "Their institution" in page and "My institution" in page and "Ana Other" in page
    assert load_answers(response)[INSTITUTION].value == "Their institution"
    # The editor keeps their version.
    resolve = client.post(path + "/conflicts", data={
        "csrf_token": token, "key": INSTITUTION, f"choice__{INSTITUTION}": "mine",
        f"mine__{INSTITUTION}": '"My institution"', f"version__{INSTITUTION}": "1"})
    assert resolve.status_code == 302
    answer = load_answers(response)[INSTITUTION]
    assert answer.value == "My institution" and answer.version == 2


def test_untouched_questions_do_not_conflict(client, signed_in, make_user, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general")
    html = client.get(path).get_data(as_text=True)
    token = hidden(html, "csrf_token")
    hashes = {q.key: hidden(html, f"__h__{field_name(q.key)}")
              for q in definition.section("general").questions}
    other = make_user(Role.CONTRIBUTOR, "KEN")
    response = response_of(cycle, "KEN")
    save_answers(response, definition, {INSTITUTION: ("Theirs", 0)}, other)
    db.session.commit()
    data = {"csrf_token": token, "go": "stay"}
    for key, value_hash in hashes.items():
        data[f"__h__{field_name(key)}"] = value_hash
        data[f"__v__{field_name(key)}"] = "0"
    focal_key = "gen.focal_point_name"
    data[field_name(focal_key)] = "Jane Doe"
    result = client.post(path, data=data)
    assert result.status_code == 302
    answers = load_answers(response)
    assert answers[INSTITUTION].value == "Theirs"  # kept, no false conflict
    assert answers[focal_key].value == "Jane Doe"


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.SECRETARIAT_REVIEWER])
def test_read_only_roles_cannot_save(client, signed_in, cycle, role):
    signed_in(role, "KEN")
    path = url(cycle, tail="sections/general")
    html = client.get(path).get_data(as_text=True)
    assert client.get(path).status_code == 200
    response = client.post(path, data={"csrf_token": hidden(html, "csrf_token"),
                                       field_name(INSTITUTION): "x"})
    assert response.status_code == 403
    assert load_answers(response_of(cycle, "KEN")) == {}


def test_contributor_limited_to_sections(client, signed_in, cycle):
    signed_in(Role.CONTRIBUTOR, "KEN", sections=["op1_legislation"])
    general = url(cycle, tail="sections/general")
    html = client.get(general).get_data(as_text=True)
    assert "You can read this section but not change it." in html
    response = client.post(general, data={"csrf_token": hidden(html, "csrf_token"),
                                          field_name(INSTITUTION): "x"})
    assert response.status_code == 403
    legislation = url(cycle, tail="sections/op1_legislation")
    html = client.get(legislation).get_data(as_text=True)
    assert "data-autosave-url" in html


def test_other_states_data_is_never_reachable(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "MEX")
    for tail in ("", "sections/general", "comments", "history", "diff", "submit"):
        assert client.get(url(cycle, "KEN", tail)).status_code == 403, tail
    token = csrf_token(client, url(cycle, "MEX"))
    for tail in ("sections/general", "sections/general/autosave", "comments", "submit",
                 "transition/recall"):
        assert client.post(url(cycle, "KEN", tail), data={"csrf_token": token},
                           headers={"X-CSRFToken": token}).status_code == 403, tail


def test_unknown_state_cycle_or_section_is_404(client, signed_in, cycle):
    signed_in(Role.SECRETARIAT_ADMIN)
    assert client.get(url(cycle, "ZZZ")).status_code == 404
    assert client.get(f"/states/KEN/cycles/{cycle.id + 99}/").status_code == 404
    assert client.get(url(cycle, tail="sections/nope")).status_code == 404


def fill_completely(cycle, definition, user, iso3="KEN"):
    response = response_of(cycle, iso3)
    values = complete_answers(definition, iso3)
    save_answers(response, definition, {k: (v, 0) for k, v in values.items()}, user)
    response.workflow_state = WorkflowState.IN_PROGRESS
    db.session.commit()
    return response


def test_submission_lists_what_is_missing(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    html = client.get(url(cycle, tail="submit")).get_data(as_text=True)
    assert "Before you can submit" in html
    assert "#q-gen-institution" in html


def test_submit_once_with_snapshot_hash_even_on_double_click(client, signed_in, cycle,
                                                             definition):
    user = signed_in(Role.FOCAL_POINT, "KEN")
    response = fill_completely(cycle, definition, user)
    html = client.get(url(cycle, tail="submit")).get_data(as_text=True)
    assert "All required answers are present and valid." in html
    data = {"csrf_token": hidden(html, "csrf_token"), "revision": hidden(html, "revision"),
            "certified_name": "Jane Doe, Director", "certify": "yes"}
    first = client.post(url(cycle, tail="submit"), data=data)
    second = client.post(url(cycle, tail="submit"), data=data)
    assert first.status_code == second.status_code == 302
    submissions = db.session.scalars(select(Submission)).all()
    assert len(submissions) == 1
    snapshot = submissions[0]
    db.session.refresh(response)
    assert response.workflow_state is WorkflowState.SUBMITTED
    assert snapshot.number == 1 and snapshot.certified_name == "Jane Doe, Director"
    document = snapshot_document(state="KEN", questionnaire="res-12-4", version="1",
                                 answers=snapshot.answers)
    assert snapshot.sha256 == snapshot_hash(document)
    # Locked: editing is refused while submitted.
    path = url(cycle, tail="sections/general")
    page = client.get(path).get_data(as_text=True)
    assert "locked" in page
    assert client.post(path, data={"csrf_token": hidden(page, "csrf_token")}).status_code == 409


def test_certification_is_required(client, signed_in, cycle, definition):
    user = signed_in(Role.FOCAL_POINT, "KEN")
    fill_completely(cycle, definition, user)
    html = client.get(url(cycle, tail="submit")).get_data(as_text=True)
    response = client.post(url(cycle, tail="submit"), data={
        "csrf_token": hidden(html, "csrf_token"), "revision": hidden(html, "revision"),
        "certified_name": "Jane"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Tick the certification to submit the response." in page
    assert 'href="#certify"' in page  # the error points at the box that was not ticked
    assert 'id="certify-error"' in page and 'id="certified_name-error"' not in page
    assert 'value="Jane"' in page
    assert db.session.scalars(select(Submission)).all() == []


def test_contributor_cannot_submit(client, signed_in, cycle):
    signed_in(Role.CONTRIBUTOR, "KEN")
    assert client.get(url(cycle, tail="submit")).status_code == 403


def submit_via_service(cycle, definition, focal):
    from questionnaire.workflow import Action
    from services.workflow import apply_transition

    response = fill_completely(cycle, definition, focal)
    apply_transition(response, definition, Action.SUBMIT, focal,
                     expected_revision=response.revision, certified_name="Jane Doe",
                     link="http://localhost/")
    db.session.commit()
    return response


def test_review_return_needs_comment_then_resubmit_supersedes(client, signed_in, make_user,
                                                               cycle, definition, app):
    focal = make_user(Role.FOCAL_POINT, "KEN")
    response = submit_via_service(cycle, definition, focal)
    signed_in(Role.SECRETARIAT_REVIEWER)
    token = csrf_token(client, url(cycle))
    refused = client.post(url(cycle, tail="transition/return"), data={
        "csrf_token": token, "revision": response.revision, "comment": " "})
    assert refused.status_code == 302
    db.session.refresh(response)
    assert response.workflow_state is WorkflowState.SUBMITTED
    client.post(url(cycle, tail="transition/return"), data={
        "csrf_token": token, "revision": response.revision,
        "comment": "Please cite the wildlife act."})
    db.session.refresh(response)
    assert response.workflow_state is WorkflowState.RETURNED
    # The State edits and submits again: a new snapshot; the first is superseded.
    save_answers(response, definition, {INSTITUTION: ("Ministry of Environment",
                                                      load_answers(response)[INSTITUTION].version)},
                 focal)
    db.session.commit()
    from questionnaire.workflow import Action
    from services.workflow import apply_transition

    apply_transition(response, definition, Action.SUBMIT, focal,
                     expected_revision=response.revision, certified_name="Jane Doe",
                     link="http://localhost/")
    db.session.commit()
    snapshots = db.session.scalars(select(Submission).order_by(Submission.number)).all()
    assert [s.number for s in snapshots] == [1, 2]
    assert snapshots[0].superseded_at is not None and snapshots[1].superseded_at is None
    client.post(url(cycle, tail="transition/accept"), data={
        "csrf_token": token, "revision": response.revision})
    db.session.refresh(response)
    assert response.workflow_state is WorkflowState.ACCEPTED
    assert db.session.get(Submission, snapshots[1].id).accepted_at is not None


def test_focal_point_recalls_before_review(client, signed_in, cycle, definition):
    focal = signed_in(Role.FOCAL_POINT, "KEN")
    response = submit_via_service(cycle, definition, focal)
    token = csrf_token(client, url(cycle))
    client.post(url(cycle, tail="transition/recall"), data={
        "csrf_token": token, "revision": response.revision})
    db.session.refresh(response)
    assert response.workflow_state is WorkflowState.IN_PROGRESS


def test_comments_post_reply_resolve_and_count(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "KEN")
    token = csrf_token(client, url(cycle, tail="comments"))
    client.post(url(cycle, tail="comments"), data={
        "csrf_token": token, "question_key": INSTITUTION, "body": "Which ministry leads?"})
    from models import CommentThread

    thread = db.session.scalar(select(CommentThread))
    assert thread.question_key == INSTITUTION and thread.is_open
    html = client.get(url(cycle)).get_data(as_text=True)
    assert "Open comments" in html
    client.post(url(cycle, tail=f"comments/{thread.id}/reply"), data={
        "csrf_token": token, "body": "The Ministry of Justice."})
    client.post(url(cycle, tail=f"comments/{thread.id}/resolve"), data={"csrf_token": token})
    db.session.refresh(thread)
    assert len(thread.comments) == 2 and not thread.is_open


def test_history_and_diff_pages(client, signed_in, cycle, definition):
    focal = signed_in(Role.FOCAL_POINT, "KEN")
    submit_via_service(cycle, definition, focal)
    assert "History of changes" in client.get(url(cycle, tail="history")).get_data(as_text=True)
    html = client.get(url(cycle, tail="diff?from=1&to=draft")).get_data(as_text=True)
    assert "No differences." in html


class QueryCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args, **kwargs):
        self.count += 1


def test_section_page_and_autosave_use_a_bounded_number_of_queries(client, signed_in, cycle,
                                                                   definition):
    focal = signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/op1_legislation")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")

    def measure():
        with QueryCounter(db.engine) as page:
            client.get(path)
        with QueryCounter(db.engine) as save:
            client.post(path + "/autosave", data={"q": "1"},
                        headers={"X-CSRFToken": token, "X-Requested-With": "fetch"})
        return page.count, save.count

    few = measure()
    fill_completely(cycle, definition, focal)
    many = measure()
    assert many[0] <= few[0] + 2 and many[1] <= few[1] + 2, (few, many)
    assert many[0] < 25 and many[1] < 25
    assert db.session.scalar(select(Answer).limit(1)) is not None


def test_presence_shows_other_editors_and_expires(client, signed_in, make_user, cycle, app):
    from datetime import timedelta

    from models import Presence
    from tests.conftest import sign_in

    signed_in(Role.FOCAL_POINT, "KEN")
    other = make_user(Role.CONTRIBUTOR, "KEN", name="Bea Other")
    second = app.test_client()
    sign_in(second, other)
    path = url(cycle, tail="sections/general")
    token = hidden(second.get(path).get_data(as_text=True), "csrf_token")
    beat = second.post(path + "/presence", headers={"X-CSRFToken": token,
                                                    "X-Requested-With": "fetch"})
    assert beat.status_code == 200 and beat.get_json()["others"] == []
    html = client.get(path).get_data(as_text=True)
    assert "Also editing this section now: Bea Other" in html
    for presence in db.session.scalars(select(Presence)):
        presence.seen_at -= timedelta(minutes=5)
    db.session.commit()
    assert "Bea Other" not in client.get(path).get_data(as_text=True)


def test_a_refused_save_shows_what_was_typed(client, signed_in, cycle, definition):
    focal = signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/general")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    response = fill_completely(cycle, definition, focal)
    response.workflow_state = WorkflowState.SUBMITTED  # locked while this editor was typing
    db.session.commit()
    refused = client.post(path, data={"csrf_token": token,
                                      field_name(INSTITUTION): "Typed while it was locked"})
    assert refused.status_code == 409
    assert "Typed while it was locked" in refused.get_data(as_text=True)


def test_messages_give_their_limit_in_the_users_language(client, signed_in, cycle, definition):
    """A too-long text: the message at the field and in the autosave answer says the limit,
    translated as a whole (here in French)."""
    user = signed_in(Role.FOCAL_POINT, "KEN")
    user.locale = "fr"
    db.session.commit()
    path = url(cycle, tail="sections/general")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    limit = definition.question(INSTITUTION).settings["max_length"]
    response = client.post(path + "/autosave", data={field_name(INSTITUTION): "x" * (limit + 1)},
                           headers={"X-CSRFToken": token, "X-Requested-With": "fetch"})
    expected = f"Saisissez au plus {limit} caractères."
    assert response.get_json()["errors"][field_name(INSTITUTION)] == [expected]
    assert expected in client.get(path).get_data(as_text=True)
