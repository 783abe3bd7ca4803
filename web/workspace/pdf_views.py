"""A State's submission (a snapshot, or the watermarked draft) as a PDF, made by the job
worker: no request waits on WeasyPrint.

``GET /pdf`` sends the PDF when this very content was drawn already (the cache is keyed by
the content's hash), follows the job drawing it, or offers to prepare it; ``POST /pdf``
starts a job, within the per-user and overall limits; the job's page shows its progress
and then the download.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from flask import (
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from models import JobKind, JobStatus, ReportJob, Response, Submission, db
from questionnaire import access
from services import audit, pdf_jobs
from services.submission_pdf_data import find_submission
from web.errors import render_error
from web.guard import guarded
from web.jobs import queue_committed_job
from web.labels import job_status_label
from web.locale import LANGUAGE_NAMES, LANGUAGES, select_locale
from web.params import db_int
from web.unavailable import unavailable
from web.workspace import bp
from web.workspace.context import Workspace, load_workspace

log = logging.getLogger(__name__)

PER_USER_LIMIT = 2
"""PDFs one user may have waiting or rendering at once (config ``PDF_JOBS_PER_USER``)."""
GLOBAL_LIMIT = 8
"""PDFs all users together may have waiting or rendering (config ``PDF_JOBS_GLOBAL``)."""


def _instance() -> Path:
    return Path(current_app.config["INSTANCE_PATH"])


def _asked(ws: Workspace, values) -> pdf_jobs.PdfRequest:
    """The PDF asked for: ``lang`` (one of the six, else the user's language) and
    ``snapshot`` (else the current draft)."""
    lang = values.get("lang")
    if lang not in LANGUAGES:
        lang = select_locale()
    submission = None
    number = values.get("snapshot")
    if number:
        try:
            submission = find_submission(ws.response, db_int(number))
        except ValueError:
            abort(404)
        if submission is None:
            abort(404)
    return pdf_jobs.pdf_request(ws.response, lang, submission)


def _send(ws: Workspace, asked: pdf_jobs.PdfRequest, path: Path):
    audit.record("pdf.downloaded", state=ws.iso3, object_type="response",
                 object_id=ws.response.id,
                 snapshot=asked.submission.number if asked.submission else None,
                 lang=asked.lang)
    db.session.commit()
    response = make_response(path.read_bytes())
    response.headers["Content-Type"] = "application/pdf"
    filename = pdf_filename(ws.response, asked.lang, asked.submission)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def _job_url(ws: Workspace, job: ReportJob) -> str:
    return url_for("workspace.pdf_job", iso3=ws.iso3, cycle_id=ws.response.cycle_id,
                   pdf_job_id=job.id)


@bp.get("/pdf")
@guarded(access.has_any_state_or_secretariat)
def submission_pdf(iso3: str, cycle_id: int):
    """The PDF if it is ready; else the job making it, or a page that offers to."""
    ws = load_workspace(iso3, cycle_id)
    asked = _asked(ws, request.args)
    cached = pdf_jobs.cached_pdf(_instance(), asked.key)
    if cached is not None:
        return _send(ws, asked, cached)
    job = pdf_jobs.active_job(asked.key)
    if job is not None:
        return redirect(_job_url(ws, job))
    return render_template("workspace/pdf.html", ws=ws, job=None, asked=asked,
                           failed=pdf_jobs.last_failure(asked.key),
                           language_names=LANGUAGE_NAMES)


@bp.post("/pdf")
@guarded(access.has_any_state_or_secretariat)
def prepare_pdf(iso3: str, cycle_id: int):
    """Start the job that draws this PDF (unless it is drawn or being drawn already)."""
    ws = load_workspace(iso3, cycle_id)
    asked = _asked(ws, request.form)
    query = {"lang": asked.lang, **({"snapshot": asked.submission.number}
                                    if asked.submission else {})}
    if pdf_jobs.cached_pdf(_instance(), asked.key) is not None:
        return redirect(url_for("workspace.submission_pdf", iso3=ws.iso3,
                                cycle_id=ws.response.cycle_id, **query))
    job = pdf_jobs.active_job(asked.key)
    if job is None:
        try:
            pdf_jobs.check_limits(current_user._get_current_object(),
                                  current_app.config.get("PDF_JOBS_PER_USER", PER_USER_LIMIT),
                                  current_app.config.get("PDF_JOBS_GLOBAL", GLOBAL_LIMIT))
        except pdf_jobs.PdfLimitReached as limit:
            return _limit_page(limit)
        job = pdf_jobs.create_pdf_job(asked, current_user._get_current_object())
        if not queue_committed_job(job, JobKind.SUBMISSION_PDF):
            return unavailable(_("The job queue is unavailable, so the PDF was not started. "
                                 "Please try again in a few minutes."))
    return redirect(_job_url(ws, job))


def _limit_page(limit: pdf_jobs.PdfLimitReached):
    if limit.per_user:
        detail = ngettext("You already have %(num)d PDF being prepared. Wait until it is "
                          "ready, then ask again.",
                          "You already have %(num)d PDFs being prepared. Wait until one of "
                          "them is ready, then ask again.", limit.limit)
    else:
        detail = _("Many PDFs are being prepared right now. Please try again in a few "
                   "minutes.")
    page, status = render_error(429, detail=detail)
    return page, status, {"Retry-After": "60"}


def _job(ws: Workspace, job_id: int) -> ReportJob:
    job = pdf_jobs.job_of(ws.response, job_id)
    if job is None:
        abort(404)
    return job


def failure_text(job: ReportJob) -> str | None:
    """Why the job failed, for the person who asked (None unless it failed)."""
    if job.status is not JobStatus.FAILED:
        return None
    if job.options.get("failure") == "timeout":
        return _("The PDF took longer than %(seconds)s seconds to prepare, so it was stopped; "
                 "it will not be tried again by itself. If it happens again, contact the "
                 "secretariat.", seconds=job.options.get("limit") or 0)
    return _("The PDF could not be prepared. Please try again later; if it happens again, "
             "contact the secretariat.")


@bp.get("/pdf/jobs/<int:pdf_job_id>")
@guarded(access.has_any_state_or_secretariat)
def pdf_job(iso3: str, cycle_id: int, pdf_job_id: int):
    """The job's progress; its page follows it and offers the download when it is ready."""
    ws = load_workspace(iso3, cycle_id)
    job = _job(ws, pdf_job_id)
    return render_template("workspace/pdf.html", ws=ws, job=job, asked=None, failed=None,
                           failure=failure_text(job), status_text=job_status_label(job.status),
                           language_names=LANGUAGE_NAMES)


@bp.get("/pdf/jobs/<int:pdf_job_id>/status")
@guarded(access.has_any_state_or_secretariat)
def pdf_job_status(iso3: str, cycle_id: int, pdf_job_id: int):
    ws = load_workspace(iso3, cycle_id)
    job = _job(ws, pdf_job_id)
    done = job.status is JobStatus.DONE
    return jsonify(id=job.id, status=job.status.value, status_text=job_status_label(job.status),
                   error=failure_text(job),
                   download=url_for("workspace.pdf_job_download", iso3=ws.iso3,
                                    cycle_id=ws.response.cycle_id, pdf_job_id=job.id)
                   if done else None)


@bp.get("/pdf/jobs/<int:pdf_job_id>/download")
@guarded(access.has_any_state_or_secretariat)
def pdf_job_download(iso3: str, cycle_id: int, pdf_job_id: int):
    ws = load_workspace(iso3, cycle_id)
    job = _job(ws, pdf_job_id)
    path = pdf_jobs.job_file(job, _instance())
    if path is None:
        abort(404)
    number = job.options.get("snapshot")
    submission = find_submission(ws.response, number) if number else None
    asked = pdf_jobs.PdfRequest(ws.response, submission, job.options["lang"], {},
                                job.content_key or "")
    return _send(ws, asked, path)


def pdf_filename(response: Response, lang: str, submission: Submission | None) -> str:
    """``EnvSAQ-KEN-2026-cycle-snapshot-2-en.pdf`` (or ``...-draft-en.pdf``), ASCII only."""
    version = f"snapshot-{submission.number}" if submission else "draft"
    return f"EnvSAQ-{response.state_iso3}-{cycle_slug(response)}-{version}-{lang}.pdf"


def cycle_slug(response: Response) -> str:
    """The cycle name reduced to ASCII letters, digits and hyphens (its id if nothing is left)."""
    folded = unicodedata.normalize("NFKD", response.cycle.name)
    ascii_name = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return slug or f"cycle-{response.cycle_id}"
