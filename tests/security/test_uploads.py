"""Uploads: type checked by content, size limits, generated names, served as attachments."""

from __future__ import annotations

import io
import re

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from models import Attachment, db
from questionnaire.fields.base import field_name
from services.answers import load_answers
from testing.page_form import as_browser_sends, section_form_fields
from tests.security.world import PDF_BYTES, World, client_as
from web.workspace.attachments import storage_dir

HEX_NAME = re.compile(r"[0-9a-f]{32}")


def _attachment_question(world: World, definition):
    question = next(q for q in definition.questions if q.type == "attachment")
    return question, definition.section_of(question.key).key


def _upload(client: FlaskClient, world: World, section_key: str, name: str, data: bytes,
            filename: str, autosave: bool = False):
    url = f"/states/KEN/cycles/{world.cycle.id}/sections/{section_key}"
    form: MultiDict = as_browser_sends(section_form_fields(client.get(url).get_data(as_text=True)))
    form[name] = (io.BytesIO(data), filename)
    if autosave:
        return client.post(url + "/autosave", data=form, content_type="multipart/form-data",
                           headers={"X-Requested-With": "fetch",
                                    "X-CSRFToken": form["csrf_token"]})
    form["go"] = "stay"
    return client.post(url, data=form, content_type="multipart/form-data",
                       follow_redirects=True)


def _stored_reference(world: World, key: str):
    return load_answers(world.ken.response)[key].value


def test_an_html_file_named_pdf_is_refused(app, world, definition):
    question, section = _attachment_question(world, definition)
    client = client_as(app, world, "focal-point")
    before = _stored_reference(world, question.key)
    files = sorted(p.name for p in storage_dir().iterdir())
    html = b"<!doctype html><html><script>alert(1)</script></html>"
    page = _upload(client, world, section, field_name(question.key), html, "plan.pdf")
    assert page.status_code == 400  # the page again at once, the message at the field
    text = page.get_data(as_text=True)
    error = text[text.index(f'id="{field_name(question.key)}-error"'):]
    assert "This type of file is not accepted here" in error[:error.index("</p>")]
    assert _stored_reference(world, question.key) == before
    assert sorted(p.name for p in storage_dir().iterdir()) == files


def test_a_file_over_the_question_limit_gets_a_message(app, world, definition):
    question, section = _attachment_question(world, definition)
    limit = question.settings.get("max_mb", 10)
    app.config["MAX_CONTENT_LENGTH"] = (limit + 5) * 1024 * 1024
    client = client_as(app, world, "focal-point")
    big = PDF_BYTES + b"0" * (limit * 1024 * 1024)
    response = _upload(client, world, section, field_name(question.key), big, "big.pdf",
                       autosave=True)
    assert response.status_code < 500
    messages = response.get_json()["errors"][field_name(question.key)]
    assert any(f"larger than {limit} MB" in m for m in messages)


def test_a_request_over_the_app_limit_is_413(app, world, definition):
    question, section = _attachment_question(world, definition)
    app.config["MAX_CONTENT_LENGTH"] = 512 * 1024
    client = client_as(app, world, "focal-point")
    big = PDF_BYTES + b"0" * (600 * 1024)
    page = _upload(client, world, section, field_name(question.key), big, "big.pdf")
    assert page.status_code == 413
    background = _upload(client, world, section, field_name(question.key), big, "big.pdf",
                         autosave=True)
    assert background.status_code == 413


def test_stored_under_generated_names_and_served_as_attachments(app, world, definition):
    question, section = _attachment_question(world, definition)
    client = client_as(app, world, "focal-point")
    response = _upload(client, world, section, field_name(question.key), PDF_BYTES,
                       "../../etc/<b>plan</b>.pdf")
    assert response.status_code == 200
    reference = _stored_reference(world, question.key)
    assert reference["id"] != world.ken.attachment_id  # the new file, not the world's own
    assert HEX_NAME.fullmatch(reference["id"])
    assert all(HEX_NAME.fullmatch(p.name) for p in storage_dir().iterdir())
    assert (storage_dir() / reference["id"]).read_bytes() == PDF_BYTES
    stored = db.session.get(Attachment, reference["id"])
    assert "/" not in stored.filename  # the name shown; never a path
    assert stored.filename.endswith(".pdf") and "etc" not in stored.filename
    download = client.get(f"/states/KEN/cycles/{world.cycle.id}/attachments/{stored.id}")
    assert download.status_code == 200
    assert download.data == PDF_BYTES
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["Content-Type"] == "application/pdf"
    assert "sandbox" in download.headers["Content-Security-Policy"]


def _download(client: FlaskClient, world: World, attachment_id: str):
    return client.get(f"/states/KEN/cycles/{world.cycle.id}/attachments/{attachment_id}")


def test_the_download_extension_comes_from_the_checked_type(app, world, definition):
    """Security review 10: a PDF/HTML polyglot uploaded as evil.html was served as .html."""
    question, section = _attachment_question(world, definition)
    client = client_as(app, world, "focal-point")
    polyglot = PDF_BYTES + b"\n<html><script>alert(1)</script></html>"
    _upload(client, world, section, field_name(question.key), polyglot, "evil.html")
    reference = _stored_reference(world, question.key)
    response = _download(client, world, reference["id"])
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and "evil.pdf" in disposition
    assert ".html" not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def test_replaced_and_removed_files_are_deleted_and_no_longer_served(app, world, definition):
    """Security review 9: old files stayed on disk and downloadable by id."""
    question, section = _attachment_question(world, definition)
    client = client_as(app, world, "focal-point")
    name = field_name(question.key)
    _upload(client, world, section, name, PDF_BYTES, "first.pdf")
    first = _stored_reference(world, question.key)["id"]
    _upload(client, world, section, name, PDF_BYTES + b"%second", "second.pdf")
    second = _stored_reference(world, question.key)["id"]
    assert first != second
    assert _download(client, world, first).status_code == 404
    assert not (storage_dir() / first).exists()
    assert db.session.get(Attachment, first) is None
    assert _download(client, world, second).status_code == 200
    # Removing the file (the remove box) deletes it too.
    url = f"/states/KEN/cycles/{world.cycle.id}/sections/{section}"
    form: MultiDict = as_browser_sends(section_form_fields(client.get(url).get_data(as_text=True)))
    form[f"{name}__remove"] = "yes"
    form["go"] = "stay"
    client.post(url, data=form, content_type="multipart/form-data")
    assert _download(client, world, second).status_code == 404
    assert not (storage_dir() / second).exists()


def test_each_state_has_an_upload_quota(app, world, definition):
    question, section = _attachment_question(world, definition)
    client = client_as(app, world, "focal-point")
    app.config["UPLOAD_QUOTA_MB_PER_STATE"] = 0
    page = _upload(client, world, section, field_name(question.key), PDF_BYTES, "plan.pdf")
    assert "storage limit" in page.get_data(as_text=True)
