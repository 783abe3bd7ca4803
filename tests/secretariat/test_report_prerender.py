"""The report is ready when needed (issue #18): a submission (or its acceptance) has the
parts of the cycle's report rendered in the background, so the build that follows renders
none of its body parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.report.build import build_report
from exports.report.parts import body_parts
from models import Role, db
from services import reports
from services.reports import clean_options, create_job, report_model
from tests.workspace.test_submission_pdf_wiring import fill_and_submit, open_ken_cycle

pytestmark = pytest.mark.slow


def test_a_submission_renders_its_reports_parts_in_the_background(app, make_user):
    response, definition = open_ken_cycle()
    focal = make_user(Role.FOCAL_POINT, "KEN")
    db.session.commit()
    cache = reports.cache_dir(Path(app.config["INSTANCE_PATH"]))
    assert not list(cache.glob("*.pdf"))
    app.config.update(HUEY_IMMEDIATE=True, REPORT_PRERENDER=True)  # the worker takes it at once
    fill_and_submit(response, definition, focal)
    db.session.commit()  # after the commit, the job renders the parts
    assert list(cache.glob("*.pdf"))

    job = create_job(response.cycle, clean_options(lang="en"), None)
    model, _digest, count = report_model(job)
    assert count == 1
    result = build_report(model, cache_dir=cache)
    assert result.parts_cached >= len(body_parts(model)), (result.parts_cached,
                                                           result.parts_rendered)
