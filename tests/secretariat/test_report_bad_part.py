"""Bad input in the compiled report (issue #18): a part that fails to render is named, with
the States it shows, in the failure; the other parts stay cached; a retry renders only what
failed."""

from __future__ import annotations

import pytest

from exports.report.build import PartsFailed, build_report
from exports.report.parts import body_parts
from models import JobStatus
from services.reports import clean_options, create_job, record_failure, report_model
from tests.secretariat.faulty_render import render_failing_on_kenya
from web.cli.demo_states import ensure_cycle, ensure_version

pytestmark = pytest.mark.slow


# The subject is the build and its part cache; the job's failure record is tested on both
# databases in test_report_jobs.py.
@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_failing_part_is_named_and_a_retry_renders_only_it(app, seed_states, tmp_path):
    seed_states(["KEN", "NOR"])
    cycle = ensure_cycle(ensure_version(), None, only=["KEN", "NOR"])
    job = create_job(cycle, clean_options(lang="en"), None)
    model, _digest, count = report_model(job)
    assert count == 2
    cache = tmp_path / "parts"
    with pytest.raises(PartsFailed) as failed:
        build_report(model, cache_dir=cache, workers=2, render=render_failing_on_kenya)
    reason = str(failed.value)
    assert reason.startswith("part annex-states-1 (Kenya [KEN], Norway [NOR]) failed: "
                             "ValueError: this part cannot be drawn"), reason
    # The job's failure reason carries it, for the requester and ``flask jobs list``.
    recorded = record_failure(job.id, failed.value)
    assert recorded.status is JobStatus.FAILED and "annex-states-1 (Kenya [KEN]" in recorded.error

    # Every other body part was rendered and cached: the retry renders the failed one only.
    retry = build_report(model, cache_dir=cache, workers=2)
    assert retry.parts_cached == len(body_parts(model)) - 1
    assert retry.pdf.startswith(b"%PDF")
