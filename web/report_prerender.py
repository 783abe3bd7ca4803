"""Rendering a cycle's report parts in the background after a submission arrives or is
accepted (``services.report_prerender``): the worker's task, queued after the commit.

The task fills the part cache the report builds read (``ENVSAQ_REPORT_CACHE``, by default
``instance/report-cache``; with Redis, other workers render parts too), so the
build that follows the last submission renders only what nothing rendered yet. One such task
runs per cycle at a time; one asked for meanwhile runs after it.
"""

from __future__ import annotations

import logging

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from services.report_prerender import changed_in_transaction, models_to_prepare

log = logging.getLogger(__name__)


def prerender(cycle_id: int, workers: int | None = None) -> int:
    """Render (or find cached) every part of the cycle's reports as they stand now; the
    number of parts rendered."""
    from exports.report.build import build_report
    from web.jobs import part_dispatch, report_cache

    app = current_app._get_current_object()
    cache, dispatch = report_cache(app), part_dispatch(app)
    rendered = 0
    for model in models_to_prepare(cycle_id):
        result = build_report(model, cache_dir=cache, workers=workers, dispatch=dispatch)
        rendered += result.parts_rendered
    log.info("report parts of cycle %s made ready: %s rendered", cycle_id, rendered)
    return rendered


@event.listens_for(Session, "after_commit")
def _queue_after_commit(session: Session) -> None:
    cycles = changed_in_transaction(session)
    if not cycles or not has_app_context() or not current_app.config.get("REPORT_PRERENDER"):
        return
    try:
        from web.jobs import jobs_of

        jobs = jobs_of(current_app._get_current_object())
        for cycle_id in sorted(cycles):
            jobs.prerender_report(cycle_id)
    except Exception:  # the queue is down: the next build renders what it needs
        log.warning("the job queue did not take the report parts of cycles %s", sorted(cycles),
                    exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    changed_in_transaction(session)
