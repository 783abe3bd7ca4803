"""The submission PDF built from real responses: the data, the download view, the CLI.

The PDFs that the content tests read are rendered once (module-scoped ``rendered``); the view
and CLI tests render through their own entry points. The renders run on SQLite only: their
subject is the document; the PDF job and its data on PostgreSQL are tested in test_pdf_jobs.py,
and the access checks here run on both databases.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest
from sqlalchemy import select

from app import create_app
from exports.submission_pdf import render_submission_pdf
from models import AuditEvent, Membership, Response, Role, Submission, User, db
from questionnaire.definition import Definition, Question
from questionnaire.fields.base import field_type_for
from questionnaire.snapshot import snapshot_document, snapshot_hash
from questionnaire.workflow import Action
from services.answers import load_answers, save_answers, valid_values
from services.cycles import create_cycle
from services.definitions import DEFAULT_DEFINITION, definition_of, publish
from services.progress import missing_for_submission
from services.registry import load_states
from services.submission_pdf_data import submission_pdf_data
from services.workflow import apply_transition, snapshot_digest_of
from tests.databases import empty_database

# The module-scoped renders (``rendered``) are made once in one process: the module is one
# xdist group (``make test`` runs ``--dist loadgroup``).
RENDERS_ON = pytest.mark.parametrize("backend", ["sqlite"])
pytestmark = pytest.mark.xdist_group("submission-pdf-wiring")

CHECKED_LANGS = ("en", "fr", "ar", "zh")
WATERMARK = "DRAFT - not submitted"


def watermark(lang: str) -> str:
    """The draft banner as the PDF prints it in ``lang`` (translated once catalogs exist)."""
    from exports.i18n import load_translations

    return load_translations(lang).gettext(WATERMARK)
CERTIFIED = "Amina Odhiambo, Director of Public Prosecutions"
ARABIC_ANSWER = "تفتقر الدولة إلى مختبرات جنائية بيئية وإلى تدريب القضاة على هذه الجرائم"
CHINESE_ANSWER = "国际合作的主要障碍是请求的翻译费用和答复时间较长"
HIDDEN = "gen.untoc_date"  # relevant only for parties and signatories
NOT_APPLICABLE = "op1.leg.serious_crime"
TYPED: dict[str, Any] = {
    "gen.institution": "Office of the Director of Public Prosecutions",
    "gen.untoc_status": "not_party",
    HIDDEN: "2004-06-16",  # stored in the draft, hidden by the status above
    NOT_APPLICABLE: "not_applicable",
    "op1.leg.challenges": ARABIC_ANSWER,
    "op1.coop.challenges": CHINESE_ANSWER,
}

# ------------------------------------------------------------------ answers


def example_value(question: Question, answers: Mapping[str, Any], rng: random.Random) -> Any:
    """A valid example answer of the question's type (its constraint may refuse a few)."""
    field = field_type_for(question)
    for _attempt in range(50):
        value = field.example(rng)
        if field.validate(value, answers) == []:
            return value
    raise AssertionError(f"no valid example for {question.key}")


def complete_answers(definition: Definition, typed: Mapping[str, Any]) -> dict[str, Any]:
    """``typed`` plus an example answer for every relevant required question left empty."""
    rng = random.Random(12)
    values = dict(typed)
    while True:
        relevant = definition.relevant_keys(values)
        missing = [q for q in definition.questions
                   if q.required and q.key in relevant and q.key not in values]
        if not missing:
            return values
        values.update((q.key, example_value(q, values, rng)) for q in missing)


def add_user(role: Role, state: str | None, email: str) -> User:
    user = User(email=email, password_hash="-")
    user.memberships.append(Membership(role=role, state_iso3=state, sections=[]))
    db.session.add(user)
    db.session.flush()
    return user


def open_ken_cycle() -> tuple[Response, Definition]:
    version, _ = publish(DEFAULT_DEFINITION)
    cycle = create_cycle("2026 cycle", version, date(2026, 12, 31), ["KEN", "MEX"], created_by=None)
    response = db.session.scalar(select(Response).where(
        Response.cycle_id == cycle.id, Response.state_iso3 == "KEN"))
    return response, definition_of(version)


def fill_and_submit(response: Response, definition: Definition, focal: User) -> Submission:
    values = complete_answers(definition, TYPED)
    save_answers(response, definition, {key: (value, 0) for key, value in values.items()}, focal)
    assert missing_for_submission(definition, load_answers(response)) == []
    result = apply_transition(response, definition, Action.SUBMIT, focal,
                              expected_revision=response.revision, certified_name=CERTIFIED,
                              link="http://localhost/")
    assert result.submission is not None
    return result.submission


# ------------------------------------------------------------------ reading PDFs

_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f\u0670\\s]")


def folded(value: str) -> str:
    """Text without white space, bidi controls or Arabic vowel marks (extraction moves them)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", value))


def pieces(expected: str) -> list[str]:
    """What must appear contiguously: the whole text, or for Arabic each word (extractors
    cut right-to-left lines around brackets, digits and Latin runs and may reorder them)."""
    if not re.search("[\u0600-\u06ff]", expected):
        return [folded(expected)]
    return [folded(word) for word in re.split(r"[\s0-9A-Za-z().,:;/\-\u060c\u061f]+", expected)
            if len(folded(word)) >= 2]


def page_texts(pdf: bytes) -> list[str]:
    return [folded(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def contains(text_: str, expected: str) -> bool:
    return all(piece in text_ for piece in pieces(expected))


def is_plain(value: Any) -> bool:
    """Only JSON-like containers, strings, numbers, dates: nothing from the ORM."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(is_plain(item) for item in value)
    return value is None or type(value) in (str, int, float, bool, date, datetime)


# ------------------------------------------------------------------ one world, rendered once


@pytest.fixture(scope="module")
def module_database(tmp_path_factory) -> Iterator[str]:
    with empty_database("sqlite", tmp_path_factory.mktemp("pdfwire")) as url:
        yield url


@pytest.fixture(scope="module")
def rendered(module_database: str, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """A KEN response with typed answers: its draft data and PDF (en), then its first
    snapshot's data and PDFs in the checked languages, with the hashes to compare."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ENVSAQ_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
        for name in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "MAIL_SERVER", "ENVSAQ_ENV"):
            patch.delenv(name, raising=False)
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": module_database,
                          "SECRET_KEY": "test-secret-key", "SERVER_NAME": "localhost"})
        with app.app_context():
            db.create_all()
            load_states()
            focal = add_user(Role.FOCAL_POINT, "KEN", "focal@example.org")
            response, definition = open_ken_cycle()
            result: dict[str, Any] = {"definition": definition}
            values = complete_answers(definition, TYPED)
            save_answers(response, definition, {k: (v, 0) for k, v in values.items()}, focal)
            result["draft_data"] = submission_pdf_data(response, definition, "en")
            result["draft_pdf"] = page_texts(render_submission_pdf(result["draft_data"]))
            submission = fill_and_submit(response, definition, focal)
            db.session.commit()
            stored = {k: v for k, v in valid_values(definition, load_answers(response)).items()
                      if k != HIDDEN}
            result["sha256"] = submission.sha256
            result["recomputed"] = {
                snapshot_digest_of(submission, response, definition),
                snapshot_hash(snapshot_document(state="KEN", questionnaire=definition.id,
                                                version=definition.version, answers=stored)),
            }
            result["data"] = {lang: submission_pdf_data(response, definition, lang, submission)
                              for lang in CHECKED_LANGS}
            result["pdf"] = {lang: page_texts(render_submission_pdf(data))
                             for lang, data in result["data"].items()}
            db.session.remove()
            db.engine.dispose()
        yield result


# ------------------------------------------------------------------ the data


def test_data_is_plain_and_marks_the_draft(rendered):
    draft, snapshot = rendered["draft_data"], rendered["data"]["en"]
    assert is_plain(draft) and is_plain(snapshot)
    assert draft["is_draft"] is True and draft["snapshot"] is None
    assert draft["certified_by"] is None
    assert snapshot["is_draft"] is False and snapshot["certified_by"] == CERTIFIED
    assert snapshot["snapshot"]["number"] == 1
    assert snapshot["workflow_state"] == "submitted"
    assert snapshot["workflow_state_label"] == "Submitted"
    assert draft["workflow_state_label"] == "Not started"  # saved outside the editor
    assert rendered["data"]["ar"]["dir"] == "rtl" and snapshot["dir"] == "ltr"


def test_sections_follow_the_questionnaire_and_statuses_are_set(rendered):
    definition: Definition = rendered["definition"]
    data = rendered["data"]["en"]
    order = [s.key for s in definition.sections]
    keys = [s["key"] for s in data["sections"]]
    assert keys == sorted(keys, key=order.index)
    questions = {q["key"]: q for s in data["sections"] for q in s["questions"]}
    assert questions[NOT_APPLICABLE]["status"] == "not_applicable"
    assert questions["op1.leg.challenges"] == {
        **questions["op1.leg.challenges"], "status": "answered",
        "display": {"kind": "text", "text": ARABIC_ANSWER}}
    assert questions["ta.comments"]["status"] == "unanswered"
    assert HIDDEN not in questions
    assert "op1.leg.serious_crime_laws" not in questions  # hidden by "not applicable"
    legislation = next(s for s in data["sections"] if s["key"] == "op1_legislation")
    assert legislation["paragraphs"] == [1]
    assert legislation["articles"][:3] == ["2(a)", "2(b)", "3"]


def test_labels_come_in_the_document_language(rendered):
    definition: Definition = rendered["definition"]
    question = definition.question("gen.institution")
    for lang in CHECKED_LANGS:
        data = rendered["data"][lang]
        first = data["sections"][0]["questions"][0]
        assert first["label"] == question.label.get(lang)
        assert data["questionnaire"]["title"] == definition.title.get(lang)
    assert rendered["data"]["zh"]["state"]["name"] != rendered["data"]["en"]["state"]["name"]


# ------------------------------------------------------------------ the PDFs


def test_watermark_only_on_the_draft(rendered):
    assert all(folded(WATERMARK) in page for page in rendered["draft_pdf"])
    for lang in CHECKED_LANGS:
        assert not any(folded(WATERMARK) in page for page in rendered["pdf"][lang])


def test_cover_hash_is_the_snapshot_hash(rendered):
    assert rendered["recomputed"] == {rendered["sha256"]}
    for lang in CHECKED_LANGS:
        assert rendered["sha256"] in rendered["pdf"][lang][0]
    assert not re.search("[0-9a-f]{64}", rendered["draft_pdf"][0])


def test_answers_appear_exactly_as_typed(rendered):
    for texts in (rendered["draft_pdf"], *rendered["pdf"].values()):
        whole = "".join(texts)
        assert contains(whole, ARABIC_ANSWER)
        assert contains(whole, CHINESE_ANSWER)
        assert contains(whole, TYPED["gen.institution"])


@pytest.mark.parametrize("lang", CHECKED_LANGS)
def test_question_labels_in_the_chosen_language(rendered, lang):
    definition: Definition = rendered["definition"]
    whole = "".join(rendered["pdf"][lang])
    for key in ("gen.institution", "op1.leg.challenges", "op1.coop.challenges"):
        label = definition.question(key).label
        assert contains(whole, label.get(lang)), (lang, key)
        if lang != "en":
            assert folded(label.get("en")) not in whole
    assert contains(whole, definition.section("op1_cooperation").title.get(lang))


def test_hidden_question_is_left_out(rendered):
    label = rendered["definition"].question(HIDDEN).label
    assert folded(label.get("en")) not in "".join(rendered["draft_pdf"])
    for lang in CHECKED_LANGS:
        assert folded(label.get(lang)) not in "".join(rendered["pdf"][lang])
    assert "2004-06-16" not in "".join(rendered["draft_pdf"])


# ------------------------------------------------------------------ the download view


@pytest.fixture
def ken(app) -> tuple[Response, Definition]:
    response, definition = open_ken_cycle()
    db.session.commit()
    return response, definition


def pdf_url(response: Response, **query: Any) -> str:
    base = f"/states/{response.state_iso3}/cycles/{response.cycle_id}/pdf"
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_anonymous_is_sent_to_sign_in(client, ken):
    answer = client.get(pdf_url(ken[0]))
    assert answer.status_code == 302
    assert "/sign-in" in answer.headers["Location"]


def test_focal_point_of_another_state_is_refused(client, ken, signed_in):
    signed_in(Role.FOCAL_POINT, "MEX")
    assert client.get(pdf_url(ken[0])).status_code == 403


def test_unknown_snapshot_is_not_found(client, ken, signed_in):
    signed_in(Role.FOCAL_POINT, "KEN")
    assert client.get(pdf_url(ken[0], snapshot=7)).status_code == 404
    assert client.get(pdf_url(ken[0], snapshot="x1")).status_code == 404


def download(client, response: Response, **form: Any):
    """Ask for the PDF as the page does (the job runs at once: Huey's immediate mode) and
    download what the job made."""
    from flask import current_app

    from tests.conftest import csrf_token

    current_app.config["HUEY_IMMEDIATE"] = True
    token = csrf_token(client, f"/states/{response.state_iso3}/cycles/{response.cycle_id}/")
    started = client.post(pdf_url(response), data={"csrf_token": token, **form})
    assert started.status_code == 302, started.get_data(as_text=True)[:500]
    status = client.get(started.headers["Location"] + "/status").get_json()
    assert status["status"] == "done", status
    return client.get(status["download"])


@RENDERS_ON
def test_reviewer_downloads_a_snapshot(client, ken, signed_in, make_user):
    response, definition = ken
    submission = fill_and_submit(response, definition, make_user(Role.FOCAL_POINT, "KEN"))
    db.session.commit()
    reviewer = signed_in(Role.SECRETARIAT_REVIEWER, None)
    answer = download(client, response, lang="fr", snapshot=1)
    assert answer.status_code == 200
    assert answer.mimetype == "application/pdf"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="EnvSAQ-KEN-2026-cycle-snapshot-1-fr.pdf"')
    assert answer.data.startswith(b"%PDF")
    texts = page_texts(answer.data)
    assert submission.sha256 in texts[0]
    assert contains("".join(texts), definition.question("gen.institution").label.get("fr"))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "pdf.downloaded"))
    assert event is not None and event.actor_id == reviewer.id
    assert event.state_iso3 == "KEN" and event.details == {"snapshot": 1, "lang": "fr"}
    # Once drawn, the same snapshot PDF is sent at once.
    again = client.get(pdf_url(response, lang="fr", snapshot=1))
    assert again.mimetype == "application/pdf" and again.data == answer.data


@RENDERS_ON
def test_draft_in_the_users_language_by_default(client, ken, signed_in):
    signed_in(Role.FOCAL_POINT, "KEN", locale="es")
    answer = download(client, ken[0], lang="xx")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].endswith('-2026-cycle-draft-es.pdf"')
    texts = page_texts(answer.data)
    assert all(folded(watermark("es")) in page for page in texts)
    assert contains(texts[0], ken[1].title.get("es"))


# ------------------------------------------------------------------ the command line


@RENDERS_ON
def test_cli_writes_the_draft(runner, ken, tmp_path: Path):
    out = tmp_path / "ken.pdf"
    result = runner.invoke(args=["export", "submission", "--state", "ken", "--lang", "ru",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    texts = page_texts(pdf)
    assert all(folded(watermark("ru")) in page for page in texts)
    assert contains(texts[0], ken[1].title.get("ru"))


@pytest.mark.parametrize(("args", "message"), [
    (["--state", "XYZ"], "Error: unknown State: XYZ"),
    (["--state", "KEN", "--snapshot", "3"], "Error: KEN has no snapshot 3 in cycle"),
    (["--state", "KEN", "--lang", "de"], "Error: Invalid value for '--lang'"),
    (["--state", "KEN", "--cycle", "999"], "Error: KEN has no response in cycle 999"),
])
def test_cli_refuses_in_one_line(runner, ken, tmp_path: Path, args, message):
    out = tmp_path / "x.pdf"
    result = runner.invoke(args=["export", "submission", *args, "--out", str(out)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.output
    assert "Traceback" not in result.output
    assert not out.exists()
