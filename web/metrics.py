"""Metrics in Prometheus' text format: request counts and latencies of this process, and the
state of the report jobs, the job queue and the mail outbox (read from the database)."""

from __future__ import annotations

import threading
from collections import Counter

from flask import current_app
from sqlalchemy import func, select

from models import JobStatus, OutboxMessage, ReportJob, db
from web.version import app_version

_lock = threading.Lock()
_requests: Counter[tuple[str, int]] = Counter()
_seconds: Counter[tuple[str, int]] = Counter()


def record_request(method: str, status: int, seconds: float) -> None:
    with _lock:
        _requests[(method, status)] += 1
        _seconds[(method, status)] += seconds


def _line(name: str, value: float, **labels: object) -> str:
    inside = ",".join(f'{key}="{str(val).replace(chr(34), "")}"' for key, val in labels.items())
    return f"{name}{{{inside}}} {value}" if inside else f"{name} {value}"


def prometheus_text() -> str:
    lines = ["# TYPE envsaq_info gauge", _line("envsaq_info", 1, version=app_version())]
    lines.append("# TYPE envsaq_http_requests_total counter")
    lines.append("# TYPE envsaq_http_request_duration_seconds summary")
    with _lock:
        for (method, status), count in sorted(_requests.items()):
            lines.append(_line("envsaq_http_requests_total", count, method=method,
                               status=status))
            lines.append(_line("envsaq_http_request_duration_seconds_sum",
                               round(_seconds[(method, status)], 6), method=method,
                               status=status))
            lines.append(_line("envsaq_http_request_duration_seconds_count", count,
                               method=method, status=status))
    lines.append("# TYPE envsaq_report_jobs gauge")
    jobs = dict(db.session.execute(
        select(ReportJob.status, func.count()).group_by(ReportJob.status)).all())
    for status in JobStatus:
        lines.append(_line("envsaq_report_jobs", jobs.get(status, 0), status=status.value))
    done = db.session.execute(select(ReportJob.started_at, ReportJob.finished_at).where(
        ReportJob.status == JobStatus.DONE, ReportJob.started_at.is_not(None),
        ReportJob.finished_at.is_not(None))).all()
    lines.append("# TYPE envsaq_report_job_duration_seconds summary")
    lines.append(_line("envsaq_report_job_duration_seconds_sum",
                       round(sum((f - s).total_seconds() for s, f in done), 3)))
    lines.append(_line("envsaq_report_job_duration_seconds_count", len(done)))
    lines.append("# TYPE envsaq_mail_outbox gauge")
    for status, count in db.session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)):
        lines.append(_line("envsaq_mail_outbox", count, status=status.value))
    lines.append("# TYPE envsaq_job_queue_length gauge")
    try:
        from web.jobs import jobs_of

        lines.append(_line("envsaq_job_queue_length",
                           jobs_of(current_app._get_current_object()).huey.pending_count()))
    except Exception:  # the queue is down: /ready says so; the other metrics still count
        lines.append(_line("envsaq_job_queue_up", 0))
    return "\n".join(lines) + "\n"
