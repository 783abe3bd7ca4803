"""Submission PDFs made by the job worker (issue #18, issue #16 item 6): no request renders,
the same content is drawn once, a user and all users together can queue only so many, a PDF
that overruns its limit fails once with a clear reason, and the largest valid draft renders.
"""

from __future__ import annotations

import io

import pikepdf
import pypdf
import pytest
from sqlalchemy import select

from models import JobKind, JobStatus, ReportJob, Role, db
from questionnaire.largest import largest_answers
from services import pdf_jobs
from services.answers import save_answers
from tests.conftest import csrf_token
from tests.workspace.test_submission_pdf_wiring import open_ken_cycle, watermark
from web.jobs import jobs_of


@pytest.fixture
def immediate(app):
    """Jobs run as soon as they are queued (Huey's immediate mode), on a real render."""
    app.config["HUEY_IMMEDIATE"] = True
    return app


@pytest.fixture
def ken(app):
    response, definition = open_ken_cycle()
    db.session.commit()
    return response, definition


def _base(response) -> str:
    return f"/states/{response.state_iso3}/cycles/{response.cycle_id}/pdf"


def _jobs() -> list[ReportJob]:
    db.session.expire_all()
    return list(db.session.scalars(select(ReportJob).where(
        ReportJob.kind == JobKind.SUBMISSION_PDF.value).order_by(ReportJob.id)))


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _prepare(client, response, **form):
    token = csrf_token(client, f"/states/{response.state_iso3}/cycles/{response.cycle_id}/")
    return client.post(_base(response), data={"csrf_token": token, **form})


def _words(html: str) -> str:
    return " ".join(html.split())


def test_the_worker_draws_the_draft_once_per_content(immediate, ken, client, signed_in):
    response, definition = ken
    user = signed_in(Role.FOCAL_POINT, "KEN")
    # Not drawn yet: the page offers to prepare it, and changes nothing.
    page = client.get(_base(response) + "?lang=fr")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Prepare the PDF" in page.get_data(as_text=True)
    assert _jobs() == []

    started = _prepare(client, response, lang="fr")
    [job] = _jobs()
    assert started.status_code == 302
    assert started.headers["Location"].endswith(f"/pdf/jobs/{job.id}")
    assert job.status is JobStatus.DONE, job.error
    assert job.options == {"lang": "fr", "snapshot": None} and job.created_by_id == user.id
    status = client.get(f"{_base(response)}/jobs/{job.id}/status").get_json()
    assert status["status"] == "done" and status["download"]
    assert "Download the PDF" in client.get(f"{_base(response)}/jobs/{job.id}").get_data(
        as_text=True)
    pdf = client.get(status["download"])
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].endswith('-draft-fr.pdf"')
    assert watermark("fr").split()[0] in _text(pdf.data)

    # The same content again: sent from the cache, not drawn again.
    again = _prepare(client, response, lang="fr")
    assert again.status_code == 302 and "/jobs/" not in again.headers["Location"]
    cached = client.get(_base(response) + "?lang=fr")
    assert cached.mimetype == "application/pdf" and cached.data == pdf.data
    assert len(_jobs()) == 1

    # Another language, or a changed answer, is other content.
    assert client.get(_base(response) + "?lang=es").mimetype == "text/html"
    save_answers(response, definition, {"gen.institution": ("Ministry of Justice", 0)}, user)
    db.session.commit()
    assert client.get(_base(response) + "?lang=fr").mimetype == "text/html"


def test_a_draft_that_always_times_out_fails_once_with_a_clear_reason(
        immediate, ken, client, signed_in, monkeypatch):
    response, _definition = ken
    immediate.config["PDF_RENDER_TIMEOUT"] = 0.5  # no child process starts that fast
    monkeypatch.setattr(pdf_jobs, "CHARS_PER_SECOND", 10**12)  # no allowance for its size
    signed_in(Role.OBSERVER, "KEN")
    started = _prepare(client, response, lang="en")
    assert started.status_code == 302  # the request did not wait on the render
    [job] = _jobs()
    assert job.status is JobStatus.FAILED and job.attempts == 1
    assert job.options["failure"] == "timeout"
    page = _words(client.get(started.headers["Location"]).get_data(as_text=True))
    assert "The PDF took longer than 1 seconds to prepare, so it was stopped; it will not be " \
           "tried again by itself." in page
    status = client.get(f"{_base(response)}/jobs/{job.id}/status").get_json()
    assert status["status"] == "failed" and "took longer" in status["error"]
    assert status["download"] is None
    # Nothing retries it: the task has no retries and no other job was queued.
    assert jobs_of(immediate).build_pdf.retries == 0
    assert len(_jobs()) == 1 and _jobs()[0].attempts == 1
    offer = _words(client.get(_base(response) + "?lang=en").get_data(as_text=True))
    assert "The last attempt to prepare this PDF failed." in offer


def test_renders_are_limited_per_user_and_overall(app, ken, client, signed_in, make_user):
    response, _definition = ken
    app.config.update(PDF_JOBS_PER_USER=1, PDF_JOBS_GLOBAL=2)
    user = signed_in(Role.OBSERVER, "KEN")
    first = _prepare(client, response, lang="en")  # queued: no worker runs here
    assert first.status_code == 302 and len(_jobs()) == 1
    # The same PDF again follows the job already queued.
    assert _prepare(client, response, lang="en").headers["Location"] == first.headers["Location"]
    refused = _prepare(client, response, lang="fr")
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert "You already have 1 PDF being prepared. Wait until it is ready" in _words(
        refused.get_data(as_text=True))
    assert len(_jobs()) == 1

    other = make_user(Role.FOCAL_POINT, "KEN")
    pdf_jobs.create_pdf_job(pdf_jobs.pdf_request(response, "ru", None), other)
    db.session.commit()
    app.config["PDF_JOBS_PER_USER"] = 5
    refused = _prepare(client, response, lang="ar")
    assert refused.status_code == 429
    assert "Many PDFs are being prepared right now." in _words(refused.get_data(as_text=True))
    # A finished or failed job holds no place.
    for job in _jobs():
        job.status = JobStatus.FAILED
    db.session.commit()
    assert _prepare(client, response, lang="ar").status_code == 302
    assert {job.created_by_id for job in _jobs()} == {user.id, other.id}


def test_another_states_pdf_job_is_not_found(app, ken, client, signed_in):
    response, _definition = ken
    signed_in(Role.FOCAL_POINT, "MEX")
    job = pdf_jobs.create_pdf_job(pdf_jobs.pdf_request(response, "en", None), None)
    db.session.commit()
    mex = f"/states/MEX/cycles/{response.cycle_id}/pdf/jobs/{job.id}"
    assert client.get(mex).status_code == 404
    assert client.get(mex + "/status").status_code == 404
    assert client.get(f"{_base(response)}/jobs/{job.id}").status_code == 403


@pytest.mark.slow
# A 300-page render whose subject is the renderer, not the database: once, on SQLite (the job
# machinery around it is tested on both databases above).
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_largest_valid_draft_renders(immediate, ken, client, signed_in):
    """Every question answered at its maximum length and row count (from the definition's
    limits), in unbroken words wider than a column: the security review's draft that always
    timed out. It renders, within the time limit its size allows."""
    response, definition = ken
    values = largest_answers(definition)
    focal = signed_in(Role.FOCAL_POINT, "KEN")
    result = save_answers(response, definition, {k: (v, 0) for k, v in values.items()}, focal)
    assert not result.errors and not result.conflicts
    db.session.commit()
    started = _prepare(client, response, lang="en")
    [job] = _jobs()
    assert job.status is JobStatus.DONE, job.error
    pdf = client.get(f"{_base(response)}/jobs/{job.id}/download").data
    # qpdf counts the pages without parsing the structure tree's 56,000 objects (pypdf: 5-10 s).
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) > 300
    assert started.status_code == 302
