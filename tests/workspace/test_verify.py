"""/verify and ``flask verify``: real snapshot PDFs of a real submission, checked back.

One world per module (SQLite): a KEN submission, its sealed snapshot PDF, its draft, the same
snapshot sealed by another installation's seal; then every answer the check can give, and the
bad inputs (a PDF not ours, encrypted, truncated, a huge embedded file, JavaScript, too large,
too slow): a one-line answer, no crash, nothing stored.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from typing import Any

import pikepdf
import pytest
from sqlalchemy import func, select

from app import create_app
from exports.archive import ATTACHMENT_NAME
from exports.seal import load_seal, self_signed_p12
from exports.submission_pdf import render_submission_pdf
from models import AuditEvent, Role, Submission, db
from models.throttle import SignInFailure
from questionnaire.i18n import Message
from services.submission_pdf_data import submission_pdf_data
from services.verification import verify_hash, verify_pdf
from tests.conftest import IsolatedClient
from tests.databases import empty_database
from tests.workspace.test_submission_pdf_wiring import add_user, fill_and_submit, open_ken_cycle

# Its module fixtures are built once: all its tests on one worker.
pytestmark = pytest.mark.xdist_group("verify-world")


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[dict[str, Any]]:
    instance = tmp_path_factory.mktemp("instance")
    with empty_database("sqlite", tmp_path_factory.mktemp("verify")) as url, \
            pytest.MonkeyPatch.context() as patch:
        patch.setenv("ENVSAQ_INSTANCE_PATH", str(instance))
        for name in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "MAIL_SERVER", "ENVSAQ_ENV",
                     "ENVSAQ_SEAL_P12"):
            patch.delenv(name, raising=False)
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                          "SECRET_KEY": "test-secret-key", "SERVER_NAME": "localhost",
                          "BASE_URL": "http://localhost"})
        app.test_client_class = IsolatedClient
        with app.app_context():
            from services.registry import load_states

            db.create_all()
            load_states()
            focal = add_user(Role.FOCAL_POINT, "KEN", "focal@example.org")
            response, definition = open_ken_cycle()
            submission = fill_and_submit(response, definition, focal)
            db.session.commit()
            seal = app.config["SEAL"]
            data = submission_pdf_data(response, definition, "en", submission)
            other = load_seal(self_signed_p12("EnvSAQ seal of elsewhere.example (self-signed)"))
            world = {
                "app": app, "instance": instance, "sha256": submission.sha256,
                "cycle": response.cycle.name, "answers": dict(submission.answers),
                "sealed": render_submission_pdf(data, seal=seal),
                "other": render_submission_pdf(data, seal=other),
                "draft": render_submission_pdf(
                    submission_pdf_data(response, definition, "en"), seal=seal),
            }
            db.session.remove()
        yield world
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def ctx(world):
    with world["app"].app_context():
        yield world


def check(world, pdf: bytes, timeout_s: float = 600):
    """The check, with a ceiling only against hangs: a busy machine must not fail it."""
    return verify_pdf(pdf, world["app"].config["SEAL"], timeout_s=timeout_s)


def stored_counts() -> tuple[int, int, int]:
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Submission, AuditEvent, SignInFailure))  # type: ignore[return-value]


def test_a_sealed_snapshot_is_valid_and_matches_the_record(ctx):
    verdict = check(ctx, ctx["sealed"])
    assert verdict.ok
    assert (verdict.seal, verdict.data) == ("valid", "match")
    assert verdict.record.iso3 == "KEN" and verdict.record.number == 1
    assert "this installation's seal" in verdict.lines[0]
    assert "(self-signed)" in verdict.seal_name
    assert re.search(r"matches snapshot 1 of Kenya for .*2026", verdict.lines[1])


def test_one_changed_byte_is_altered_after_sealing(ctx):
    pdf = bytearray(ctx["sealed"])
    start = pdf.index(b"stream\n", len(pdf) // 3) + 20  # inside a page's compressed content
    pdf[start] ^= 0x01
    verdict = check(ctx, bytes(pdf))
    assert not verdict.ok
    assert verdict.seal == "altered"
    assert verdict.lines[0] == "Altered after sealing: the document no longer matches its seal."


def test_a_draft_is_not_sealed_and_holds_no_data(ctx):
    verdict = check(ctx, ctx["draft"])
    assert (verdict.ok, verdict.seal, verdict.data) == (False, "none", "none")
    assert verdict.lines[0].startswith("Not sealed")


def test_another_installations_seal_is_reported_as_such(ctx):
    verdict = check(ctx, ctx["other"])
    assert not verdict.ok
    assert verdict.seal == "other" and verdict.data == "match"
    assert "elsewhere.example" in verdict.lines[0]
    assert "not this installation's" in verdict.lines[0]


def test_a_hash_matches_its_snapshot_or_nothing(ctx):
    assert verify_hash(ctx["sha256"].upper()).record.number == 1
    assert verify_hash("0" * 64).lines == ["It matches no submission snapshot on record here."]
    assert verify_hash("not a hash").refused.startswith("A SHA-256 is 64")


def _pdf_with(build) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    build(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _huge_embedded(pdf) -> None:
    raw = zlib.compress(b"\0" * (64 * 1024 * 1024), 9)
    stream = pikepdf.Stream(pdf, raw)
    stream.Filter = pikepdf.Name.FlateDecode
    spec = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=ATTACHMENT_NAME, UF=ATTACHMENT_NAME,
        AFRelationship=pikepdf.Name.Data, EF=pikepdf.Dictionary(F=stream)))
    pdf.Root.AF = pikepdf.Array([spec])


def _javascript(pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")


def _encrypted(sealed: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(sealed)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user=""))
    return out.getvalue()


BAD = {
    "not ours": (lambda w: _pdf_with(lambda pdf: None), None,
                 "The document holds no EnvSAQ submission data."),
    "not a PDF": (lambda w: b"<html>hello</html>", "not_pdf", "The file is not a PDF."),
    "truncated": (lambda w: w["sealed"][: len(w["sealed"]) // 2], "truncated",
                  "The PDF is incomplete: the file was cut short."),
    "encrypted": (lambda w: _encrypted(w["sealed"]), "encrypted", "The PDF is encrypted"),
    "huge embedded file": (lambda w: _pdf_with(_huge_embedded), "embedded_too_large",
                           "The PDF's embedded data is larger than 5 MB"),
    "javascript": (lambda w: _pdf_with(_javascript), "javascript", "The PDF contains JavaScript"),
    "too large": (lambda w: b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024) + b"%%EOF\n",
                  "too_large", "The file is larger than 20 MB"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gets_one_line_and_nothing_is_stored(ctx, name):
    make, _code, expected = BAD[name]
    before = stored_counts()
    files = sorted(p.name for p in ctx["instance"].rglob("*"))
    verdict = check(ctx, make(ctx))
    assert not verdict.ok
    answer = [verdict.refused] if verdict.refused else verdict.lines
    assert any(line.startswith(expected) for line in answer), answer
    assert all(isinstance(line, Message) and "\n" not in line for line in answer)
    assert stored_counts() == before
    assert sorted(p.name for p in ctx["instance"].rglob("*")) == files


def test_a_check_that_takes_too_long_is_stopped(ctx):
    verdict = check(ctx, ctx["sealed"], timeout_s=0.001)
    assert verdict.refused == "Reading the PDF took too long, so it was stopped."


def test_the_command_line_exits_0_only_for_a_valid_matching_document(ctx, tmp_path):
    runner = ctx["app"].test_cli_runner()
    good, draft = tmp_path / "good.pdf", tmp_path / "draft.pdf"
    good.write_bytes(ctx["sealed"])
    draft.write_bytes(ctx["draft"])
    result = runner.invoke(args=["verify", str(good)])
    assert result.exit_code == 0, result.output
    assert "The seal is valid" in result.output and "matches snapshot 1" in result.output
    result = runner.invoke(args=["verify", str(draft), "--lang", "fr"])
    assert result.exit_code == 1
    assert result.output.startswith("Non scellé")  # in French
    result = runner.invoke(args=["verify", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 1 and "cannot read" in result.output


def test_the_page_is_public_checks_a_pdf_and_a_hash(ctx):
    client = ctx["app"].test_client()
    page = client.get("/verify")
    assert page.status_code == 200 and b"Verify a submission" in page.data
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()
    answer = client.post("/verify", data={"csrf_token": token,
                                          "file": (io.BytesIO(ctx["sealed"]), "x.pdf")})
    assert answer.status_code == 200
    assert b"Verified" in answer.data and b"matches snapshot 1" in answer.data
    answer = client.post("/verify", data={"csrf_token": token, "sha256": ctx["sha256"]})
    assert b"matches snapshot 1" in answer.data
    assert client.post("/verify", data={"sha256": ctx["sha256"]}).status_code == 400
    answer = client.post("/verify", data={"csrf_token": token,
                                          "file": (io.BytesIO(b"nope"), "x.pdf")})
    assert answer.status_code == 422 and b"The file is not a PDF." in answer.data


def test_the_page_is_rate_limited_per_address(ctx):
    client = ctx["app"].test_client()
    page = client.get("/verify")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()
    env = {"REMOTE_ADDR": "198.51.100.7"}
    statuses = [client.post("/verify", data={"csrf_token": token, "sha256": "0" * 64},
                            environ_base=env).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    other = client.post("/verify", data={"csrf_token": token, "sha256": "0" * 64},
                        environ_base={"REMOTE_ADDR": "198.51.100.8"})
    assert other.status_code == 200


def test_a_snapshot_pdf_carries_every_answer_into_the_next_cycle(ctx, tmp_path):
    from datetime import date

    from models import QuestionnaireVersion, Response
    from services.answers import answer_values, load_answers
    from services.cycles import create_cycle

    version = db.session.scalar(select(QuestionnaireVersion))
    following = create_cycle("2027 cycle", version, date(2027, 12, 31), ["KEN"], None)
    db.session.commit()
    pdf = tmp_path / "EnvSAQ-KEN-2026-cycle-snapshot-1-en.pdf"
    pdf.write_bytes(ctx["sealed"])
    runner = ctx["app"].test_cli_runner()
    args = ["responses", "import", "--state", "KEN", str(pdf), "--cycle", str(following.id)]
    dry = runner.invoke(args=[*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"{len(ctx['answers'])} change(s) would be imported" in dry.output
    done = runner.invoke(args=args)
    assert done.exit_code == 0, done.output
    response = db.session.scalar(select(Response).where(Response.cycle_id == following.id))
    assert answer_values(load_answers(response)) == ctx["answers"]
    # Anything but a snapshot PDF is refused in one line, nothing imported.
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(ctx["draft"])
    refused = runner.invoke(args=["responses", "import", "--state", "KEN", str(draft),
                                  "--cycle", str(following.id)])
    assert refused.exit_code == 1
    assert "The document holds no EnvSAQ submission data." in refused.output


def _appended(pdf: bytes, change) -> bytes:
    """``pdf`` with an incremental update written by ``change(writer)``: what a PDF editor
    does when someone adds a note to a sealed file; the signed bytes stay as they were."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(pdf)  # appended, nothing in the sealed part touched
    return out.getvalue()


def _add_a_note(writer) -> None:
    from pyhanko.pdf_utils import generic

    note = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n)
                                                          for n in (50, 50, 70, 70)]),
        generic.NameObject("/Contents"): generic.TextStringObject("Approved by the minister"),
    })
    page = writer.root["/Pages"]["/Kids"][0]
    page.get_object()[generic.NameObject("/Annots")] = generic.ArrayObject(
        [writer.add_object(note)])
    writer.update_container(page.get_object())


def _replace_the_answers(writer) -> None:
    """Swap the embedded snapshot for other answers, as someone forging a submission would."""
    from pyhanko.pdf_utils import generic

    for spec in writer.root["/AF"]:
        forged = generic.StreamObject({}, stream_data=b'{"answers": {"forged": true}}')
        spec.get_object()["/EF"][generic.NameObject("/F")] = writer.add_object(forged)
        writer.update_container(spec.get_object())


def test_content_added_after_sealing_is_reported(ctx):
    """An incremental update leaves the seal's bytes intact; the check still says the
    document was changed after it was sealed, and does not call it verified."""
    verdict = check(ctx, _appended(ctx["sealed"], _add_a_note))
    assert not verdict.ok
    assert verdict.seal == "added"
    assert verdict.lines[0] == ("Changed after sealing: content was added to the document "
                                "after its seal.")


def test_answers_swapped_after_sealing_are_not_taken_for_the_snapshot(ctx):
    verdict = check(ctx, _appended(ctx["sealed"], _replace_the_answers))
    assert not verdict.ok
    assert verdict.seal == "added"
    assert verdict.data in ("mismatch", "no_match") and verdict.record is None


def test_the_import_page_takes_a_snapshot_pdf_into_the_next_cycle(ctx):
    """The web path of the import from a sealed snapshot: preview, confirm, every answer in
    the new cycle's draft; a draft PDF is refused on the page with its reason."""
    from datetime import date

    from models import QuestionnaireVersion, Response, User
    from services.answers import answer_values, load_answers
    from services.cycles import create_cycle
    from tests.conftest import PASSWORD, csrf_token, sign_in
    from web.accounts.passwords import hash_password

    version = db.session.scalar(select(QuestionnaireVersion))
    following = create_cycle("2028 cycle", version, date(2028, 12, 31), ["KEN"], None)
    focal = db.session.scalar(select(User).where(User.email == "focal@example.org"))
    focal.password_hash = hash_password(PASSWORD)
    db.session.commit()
    client = ctx["app"].test_client()
    sign_in(client, focal)
    page = f"/states/KEN/cycles/{following.id}/import"

    refused = client.post(page, data={"csrf_token": csrf_token(client, page),
                                      "file": (io.BytesIO(ctx["draft"]), "draft.pdf")})
    assert refused.status_code == 422
    assert "The document holds no EnvSAQ submission data." in refused.get_data(as_text=True)

    preview = client.post(page, data={
        "csrf_token": csrf_token(client, page),
        "file": (io.BytesIO(ctx["sealed"]), "EnvSAQ-KEN-2026-cycle-snapshot-1-en.pdf")})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html[:3000]
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = client.post(f"{page}/confirm", data={"csrf_token": csrf_token(client, page),
                                                "token": token})
    assert done.status_code == 302
    response = db.session.scalar(select(Response).where(Response.cycle_id == following.id))
    assert answer_values(load_answers(response)) == ctx["answers"]


def test_an_imported_pdf_is_read_apart_from_the_web_worker_with_a_time_limit(ctx, monkeypatch):
    """Import reads the PDF the way /verify does: in a child process that is stopped at the
    limit, so a hostile file costs the server one child, never a worker."""
    import services.verification
    from services.transfer import parse_pdf

    parsed = parse_pdf(ctx["sealed"])
    assert not parsed.problems and parsed.values == ctx["answers"]
    monkeypatch.setattr(services.verification, "VERIFY_TIMEOUT_S", 0.001)
    stopped = parse_pdf(ctx["sealed"])
    assert [p.text() for p in stopped.problems] == [
        "Reading the PDF took too long, so it was stopped."]
    assert not stopped.values
