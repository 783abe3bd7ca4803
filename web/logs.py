"""Logs an operator can use: one JSON object per line on standard error, with the time, level,
logger, message, and the request id, user id and job id where known. ``create_app`` sets it up,
so gunicorn's workers and the job worker log the same way.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request

#: The job a worker is running ("report-12", "mail-40"), for its log lines.
current_job: contextvars.ContextVar[str | None] = contextvars.ContextVar("envsaq_job",
                                                                         default=None)
_HANDLER_NAME = "envsaq-json"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = g.get("request_id")
            entry["user_id"] = _user_id()
        job = current_job.get()
        if job:
            entry["job_id"] = job
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps({k: v for k, v in entry.items() if v is not None}, ensure_ascii=False)


def _user_id() -> int | None:
    """From the session cookie: never load the user just to log (the database may be down)."""
    from flask import session

    try:
        value = str(session.get("_user_id") or "").partition(":")[0]  # "<id>:<token>"
        return int(value) if value.isdigit() else None
    except (RuntimeError, TypeError, ValueError):
        return None


NARRATING_LIBRARIES = ("weasyprint", "fontTools", "alembic.runtime.plugins")


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on standard error from every logger (once per process)."""
    root = logging.getLogger()
    if any(h.get_name() == _HANDLER_NAME for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries that narrate their routine work at INFO (WeasyPrint's rendering steps, Alembic's
    # plugin set-up) would drown the app's own lines; their warnings and errors still show.
    for name in NARRATING_LIBRARIES:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def init_request_logging(app: Flask) -> None:
    """A request id per request (kept from ``X-Request-ID`` when a proxy set one), sent back
    in the response, and request counts and latencies for ``/metrics``."""
    from web.metrics import record_request

    def _start() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given[:64] if given.isprintable() and given else uuid.uuid4().hex[:16]
        g.request_started = time.perf_counter()

    # First of all, so that refusals made before any view (CSRF) carry the id too.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        started = g.get("request_started")
        if started is not None:
            record_request(request.method, response.status_code, time.perf_counter() - started)
        return response
