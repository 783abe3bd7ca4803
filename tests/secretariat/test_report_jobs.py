"""Report builds as jobs: progress, a failure that says why, a retry, the page and the CLI."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from models import JobStatus, ReportJob, Role, db
from services.reports import clean_options, create_job
from tests.conftest import csrf_token
from web.cli.demo_states import ensure_cycle, ensure_version
from web.report_jobs import report_file, run_job

pytestmark = pytest.mark.slow


@pytest.fixture
def immediate_app(app):
    """Jobs run as soon as they are queued (Huey's immediate mode)."""
    app.config["HUEY_IMMEDIATE"] = True
    return app


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_failed_job_says_why_and_succeeds_when_retried(immediate_app, seed_states):
    seed_states(["KEN"])
    cycle = ensure_cycle(ensure_version(), None, only=["KEN"])
    job = create_job(cycle, clean_options(lang="en"), None)
    job.options = {**job.options, "original_language": "xx"}  # stored by an older version
    db.session.commit()
    job = run_job(job.id)
    assert job.status is JobStatus.FAILED
    assert "unsupported language 'xx'" in job.error
    assert report_file(job) is None
    assert job.parts_done == 0
    job.options = {**job.options, "original_language": "en"}
    db.session.commit()
    job = run_job(job.id)
    assert job.status is JobStatus.DONE, job.error
    assert job.error is None and job.attempts == 2
    assert job.parts_done == job.parts_total > 0
    assert job.respondents == 1 and len(job.snapshots_hash) == 64
    reader = PdfReader(report_file(job))
    assert len(reader.pages) == job.pages
    assert "Kenya" in _text(report_file(job))


def test_reports_page_starts_a_build_and_reports_progress(immediate_app, client, signed_in,
                                                          seed_states):
    seed_states(["NOR"])
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/reports")
    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    cycle.report_symbol, cycle.agenda_item = "CTOC/COP/WG.12/2027/3", "2"
    cycle.meeting_place = {"en": "Vienna", "es": "Viena"}
    cycle.agenda_title = {"en": "Stock-taking"}
    db.session.commit()
    response = client.post("/secretariat/reports", data={
        "csrf_token": token, "cycle": cycle.id, "lang": "es", "anonymous": "1"})
    assert response.status_code == 302
    job = db.session.scalar(select(ReportJob))
    # The cycle's report details, in the report's language (else in English), kept on the job.
    assert job.options == {"lang": "es", "anonymous": True, "accepted_only": False,
                           "symbol": "CTOC/COP/WG.12/2027/3", "original_language": "en",
                           "meeting_place": "Viena", "meeting_start": None,
                           "meeting_end": None, "agenda_item": "2",
                           "agenda_title": "Stock-taking"}
    status = client.get(f"/secretariat/reports/{job.id}/status").get_json()
    assert status["status"] == "done", status
    assert status["parts_done"] == status["parts_total"] and status["percent"] == 100
    assert status["progress_text"] == f"{status['parts_done']} of {status['parts_total']} parts"
    download = client.get(status["download"])
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    page = client.get("/secretariat/reports").get_data(as_text=True)
    assert "report-progress.js" in page and job.snapshots_hash[:12] in page
    refused = client.post(f"/secretariat/reports/{job.id}/retry", data={"csrf_token": token},
                          follow_redirects=True)
    assert "This build is finished: there is nothing to start again." in refused.get_data(
        as_text=True)


def test_report_build_command(app, runner, seed_states, tmp_path):
    seed_states(["MEX"])
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=[
        "report", "build", "--lang", "fr", "--anonymous", "--symbol", "CTOC/COP/WG.12/2027/2",
        "--meeting-place", "Vienne", "--meeting-start", "2027-02-24",
        "--meeting-end", "2027-02-26", "--agenda-item", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "parts" in result.output and "Wrote" in result.output
    text = _text(out)
    for phrase in ("CTOC/COP/WG.12/2027/2", "Vienne, 24–26 février 2027",
                   "Point 2 de l'ordre du jour provisoire", "Distr. générale"):
        assert phrase in text, phrase
    assert "Mexique" not in text and "Mexico" not in text


def test_report_build_command_without_submissions_builds_a_report_that_says_so(
        app, runner, tmp_path):
    ensure_cycle(ensure_version(), None, only=["MEX"])
    db.session.commit()
    out = tmp_path / "x.pdf"
    result = runner.invoke(args=["report", "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert " 0 States, " in result.output  # the job counted no respondent
    text = _text(out)
    assert "no State had submitted answers" in text and "contains no findings" in text
    assert "Draft: no document symbol assigned" in text  # no symbol: a draft
    refused = runner.invoke(args=["report", "build", "--symbol", "CTOC/COP/WG.x/2026/n",
                                  "--out", str(out)])
    assert refused.exit_code == 1 and "placeholder" in refused.output


def test_progress_texts_are_in_the_users_language(app, client, signed_in):
    """The page's script shows the status and progress texts it is sent: translated."""
    user = signed_in(Role.SECRETARIAT_ADMIN)
    user.locale = "fr"
    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    job = ReportJob(cycle_id=cycle.id, status=JobStatus.RUNNING, options={"lang": "en"},
                    parts_done=3, parts_total=8)
    db.session.add(job)
    db.session.commit()
    status = client.get(f"/secretariat/reports/{job.id}/status").get_json()
    assert (status["status_text"], status["progress_text"]) == (
        "En cours de génération", "3 parties sur 8")
    assert "En cours de génération" in client.get("/secretariat/reports").get_data(as_text=True)


def test_a_stalled_build_can_be_started_again(app, client, signed_in):
    """A build whose worker stopped stays 'running' for good unless it can be retried."""
    from datetime import timedelta

    from models import utcnow

    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/reports")
    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    fresh = ReportJob(cycle_id=cycle.id, status=JobStatus.RUNNING, options={"lang": "en"},
                      started_at=utcnow())
    stalled = ReportJob(cycle_id=cycle.id, status=JobStatus.RUNNING, options={"lang": "en"},
                        started_at=utcnow() - timedelta(hours=2))
    db.session.add_all([fresh, stalled])
    db.session.commit()
    # Inside the lease the page says why, as ``flask jobs retry`` does, and leaves it alone.
    refused = client.post(f"/secretariat/reports/{fresh.id}/retry", data={"csrf_token": token},
                          follow_redirects=True)
    assert refused.status_code == 200
    text = " ".join(refused.get_data(as_text=True).split())
    assert re.search(r"This build is still running: its worker showed life \d+ seconds ago\.",
                     text)
    assert "once 120 seconds pass without a sign of life" in text
    db.session.refresh(fresh)
    assert fresh.status is JobStatus.RUNNING
    assert client.post(f"/secretariat/reports/{stalled.id}/retry",
                       data={"csrf_token": token}).status_code == 302
    db.session.refresh(stalled)
    assert stalled.status is JobStatus.QUEUED and stalled.parts_done == 0  # queued again
