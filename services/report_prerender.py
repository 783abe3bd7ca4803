"""Report parts made ready before they are asked for: when a submission arrives or is
accepted, the parts of the cycle's report that depend on it are rendered in the background
(``web/report_prerender.py``), so the report built after the last submission costs what a
build after one change costs (issue #18; figures in docs/benchmarks.md).

This module records which cycles changed in the current transaction and says which reports
to prepare; it never renders (services do not reach the job queue).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Cycle, JobKind, ReportJob, db, utcnow
from services.reports import masthead_options, report_model

CHANGED_KEY = "envsaq_report_inputs_changed"
VARIANTS_KEPT = 6
"""At most this many versions of a report (language, anonymous, accepted only) are kept
ready: those most recently built for the cycle."""
DEFAULT_VARIANT = {"lang": "en", "anonymous": False, "accepted_only": False}


def inputs_changed(cycle_id: int) -> None:
    """A submission of ``cycle_id`` arrived or was accepted in this transaction."""
    db.session.info.setdefault(CHANGED_KEY, set()).add(cycle_id)


def changed_in_transaction(session: Session) -> set[int]:
    """The cycles recorded since the last commit or rollback (forgotten here)."""
    return session.info.pop(CHANGED_KEY, set())


def variants(cycle: Cycle) -> list[dict[str, Any]]:
    """The versions of the cycle's report built most recently (else the English named one)."""
    seen: list[dict[str, Any]] = []
    jobs = db.session.scalars(select(ReportJob).where(
        ReportJob.cycle_id == cycle.id, ReportJob.kind == JobKind.REPORT.value)
        .order_by(ReportJob.id.desc()).limit(50))
    for job in jobs:
        variant = {key: job.options.get(key, DEFAULT_VARIANT[key]) for key in DEFAULT_VARIANT}
        if variant not in seen:
            seen.append(variant)
        if len(seen) == VARIANTS_KEPT:
            break
    return seen or [dict(DEFAULT_VARIANT)]


def models_to_prepare(cycle_id: int) -> list[dict[str, Any]]:
    """The report models whose parts should be rendered now: one per variant, with the
    cycle's report details and every submission made until now."""
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        return []
    models = []
    for variant in variants(cycle):
        job = ReportJob(cycle_id=cycle.id, options=masthead_options(cycle, variant),
                        cutoff_at=utcnow())  # never added to the session: not a build
        models.append(report_model(job)[0])
    return models
