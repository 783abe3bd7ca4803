"""Running a submission-PDF job in this app (the worker's task); the steps are
``services.pdf_jobs``, this module owns their transactions and the render's time limit.

A render that overruns its limit is stopped and the job failed with the reason; nothing
retries it by itself (the task has no retries), so a draft that cannot be drawn costs one
render per request, and requests are limited per user and overall.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from flask import current_app

from exports.pdf import RenderTimeout
from exports.submission_pdf import render_submission_pdf_with_timeout, submission_html
from models import ReportJob, db
from services import pdf_jobs, reports
from web.report_jobs import running_with_heartbeat

log = logging.getLogger(__name__)

DEFAULT_RENDER_TIMEOUT = 60
"""Seconds a PDF may take at least (config ``PDF_RENDER_TIMEOUT``); longer PDFs get more
(``services.pdf_jobs.time_limit``)."""


def instance_path() -> Path:
    return Path(current_app.config["INSTANCE_PATH"])


def _render(data: dict, limit: float) -> bytes:
    """The PDF bytes of a submission, a snapshot sealed inside the render (a draft never is).
    Config ``PDF_RENDERER``: a function with ``render_submission_pdf_with_timeout``'s
    signature; tests that check only who may download pass one returning a fixed small PDF."""
    render = current_app.config.get("PDF_RENDERER") or render_submission_pdf_with_timeout
    return render(data, timeout_s=limit, seal=current_app.config.get("SEAL"))


def run_pdf_job(job_id: int) -> ReportJob:
    """Build the PDF of ``job_id`` (or take it from the cache); a failure is recorded on the
    job, never raised."""
    with running_with_heartbeat(job_id, "pdf") as job:
        return _build(job, job_id)


def _build(job: ReportJob, job_id: int) -> ReportJob:
    limit = 0.0
    try:
        request = pdf_jobs.job_request(job)
        job.content_key = request.key
        db.session.commit()  # the data are plain now: no transaction held through the render
        if pdf_jobs.cached_pdf(instance_path(), request.key) is None:
            limit = pdf_jobs.time_limit(
                submission_html(request.data),
                current_app.config.get("PDF_RENDER_TIMEOUT", DEFAULT_RENDER_TIMEOUT))
            pdf = _render(request.data, limit)
            pdf_jobs.store_pdf(instance_path(), request.key, pdf)
        pdf_jobs.record_done(job, request.key)
        db.session.commit()
        log.info("PDF job %s done", job_id)
    except Exception as error:  # recorded for the requester
        db.session.rollback()
        timed_out = isinstance(error, RenderTimeout)
        log.warning("PDF job %s failed%s", job_id, " (time limit)" if timed_out else "",
                    exc_info=not timed_out)
        job = reports.record_failure(job_id, error)
        job.options = {**job.options, "failure": "timeout" if timed_out else "error",
                       "limit": math.ceil(limit)}
        db.session.commit()
    return job
