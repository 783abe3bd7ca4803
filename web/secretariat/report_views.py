"""The reports page: start a build, follow its progress, download it, retry a failed one."""

from __future__ import annotations

import logging

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import JobKind, JobStatus, db, utcnow
from questionnaire import LANGUAGES
from questionnaire.access import is_secretariat
from services import audit
from services.cycles import get_cycle
from services.reports import (
    ReportInputError,
    all_jobs,
    clean_options,
    create_job,
    get_job,
    requeue_job,
)
from services.secretariat import all_cycles, latest_cycle
from web.guard import guarded
from web.jobs import enqueue_report, queue_committed_job
from web.labels import job_status_label, retry_refusal_text
from web.locale import LANGUAGE_NAMES
from web.pagination import paginate
from web.params import db_int
from web.report_jobs import report_file
from web.secretariat import bp
from web.unavailable import queue_unavailable

log = logging.getLogger(__name__)


@bp.get("/reports")
@guarded(is_secretariat)
def reports():
    page = paginate(all_jobs(), per_page=20)
    return render_template("secretariat/reports.html", page=page, cycles=all_cycles(),
                           current=latest_cycle(), languages=LANGUAGES,
                           language_names=LANGUAGE_NAMES,
                           JobStatus=JobStatus)


@bp.post("/reports")
@guarded(is_secretariat)
def start_report():
    cycle = get_cycle(request.form.get("cycle", type=db_int))
    try:
        options = clean_options(lang=request.form.get("lang", "en"),
                                anonymous=request.form.get("anonymous") == "1",
                                accepted_only=request.form.get("accepted_only") == "1")
    except ReportInputError:
        abort(400)
    job = create_job(cycle, options, current_user._get_current_object())
    if not queue_committed_job(job, JobKind.REPORT):
        return queue_unavailable()
    flash(_("The report is being built."), "success")
    return redirect(url_for("secretariat.reports", job=job.id))


@bp.get("/reports/<int:job_id>/status")
@guarded(is_secretariat)
def report_status(job_id: int):
    job = get_job(job_id)
    return jsonify(id=job.id, status=job.status.value, status_text=job_status_label(job.status),
                   progress_text=_("%(done)s of %(total)s parts", done=job.parts_done,
                                   total=job.parts_total),
                   parts_done=job.parts_done, parts_total=job.parts_total,
                   percent=job.percent, error=job.error, can_retry=job.can_retry(utcnow()),
                   download=url_for("secretariat.download_report", job_id=job.id)
                   if job.status is JobStatus.DONE else None)


@bp.get("/reports/<int:job_id>/download")
@guarded(is_secretariat)
def download_report(job_id: int):
    job = get_job(job_id)
    path = report_file(job)
    if path is None:
        abort(404)
    audit.record("report.downloaded", object_type="report_job", object_id=job.id)
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name=f"report-{job.id}-{job.options.get('lang', 'en')}.pdf")


@bp.post("/reports/<int:job_id>/retry")
@guarded(is_secretariat)
def retry_report(job_id: int):
    job = get_job(job_id)
    blocker = job.retry_blocker(utcnow())
    if blocker is not None:  # say why, as ``flask jobs retry`` does
        flash(retry_refusal_text(blocker), "warning")
        return redirect(url_for("secretariat.reports", job=job.id))
    requeue_job(job)
    db.session.commit()
    try:
        enqueue_report(job.id)
    except Exception as error:
        log.warning("job queue unavailable; report job %s not retried: %s", job.id, error)
        job.status, job.error = JobStatus.FAILED, "the job queue could not be reached"
        db.session.commit()
        return queue_unavailable()
    flash(_("The build was started again."), "success")
    return redirect(url_for("secretariat.reports", job=job.id))
