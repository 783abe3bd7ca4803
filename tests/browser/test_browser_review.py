"""The secretariat reviews: returns a submission, the State resubmits, the secretariat accepts."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from models import WorkflowState
from tests.browser.actions import click_and_load, sign_in, wait_saved
from tests.browser.axe import assert_accessible
from tests.browser.site import ADMIN, REVIEWER, Site, focal
from tests.browser.store import (
    accept_through_service,
    submissions,
    submit_through_service,
    workflow_state,
)

pytestmark = pytest.mark.browser

#: How long a compiled report of three States may take to build on a slow machine.
REPORT_TIMEOUT_MS = 180_000
RETURN_COMMENT = "Please cite the articles of the Penal Code on serious crime."


def act(page: Page, action: str) -> None:
    """Press the overview's button for a workflow action (start_review, accept, return...)."""
    click_and_load(page, page.locator(f"form[action$='/transition/{action}'] button"))


def expect_state(page: Page, state: WorkflowState) -> None:
    expect(page.locator(f".summary-list .tag--{state.value}")).to_have_count(1)


def test_review_return_resubmit_accept(app: Flask, site: Site, new_context):
    submit_through_service(app, site, "KEN")
    overview = site.workspace("KEN")

    reviewer = new_context().new_page()
    sign_in(reviewer, REVIEWER)
    reviewer.goto(overview)
    expect_state(reviewer, WorkflowState.SUBMITTED)
    act(reviewer, "start_review")
    expect_state(reviewer, WorkflowState.UNDER_REVIEW)
    reviewer.fill("#return-comment", RETURN_COMMENT)
    act(reviewer, "return")
    expect_state(reviewer, WorkflowState.RETURNED)
    assert workflow_state(site, "KEN") is WorkflowState.RETURNED

    state = new_context().new_page()
    sign_in(state, focal("KEN"))
    state.goto(overview)
    expect_state(state, WorkflowState.RETURNED)
    state.goto(site.workspace("KEN", "comments"))
    expect(state.locator(".thread")).to_contain_text(RETURN_COMMENT)

    state.goto(site.section("op1_legislation"))
    state.fill("#op1__leg__challenges", "Articles 3 and 4 of the Penal Code now cited.")
    wait_saved(state)
    state.goto(site.workspace("KEN", "submit"))
    state.fill("#certified_name", "Focal point, Director of Legal Affairs")
    state.check("#certify")
    click_and_load(state, state.locator("main form button[type=submit]"))
    expect_state(state, WorkflowState.SUBMITTED)

    reviewer.goto(overview)
    act(reviewer, "start_review")
    act(reviewer, "accept")
    expect_state(reviewer, WorkflowState.ACCEPTED)
    rows = reviewer.locator("table:has(code.hash) tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Accepted")
    expect(rows.nth(1)).to_contain_text("Superseded")

    first, second = submissions(site, "KEN")
    assert first.superseded_at is not None and first.accepted_at is None
    assert second.accepted_at is not None
    assert second.answers["op1.leg.challenges"] == "Articles 3 and 4 of the Penal Code now cited."
    assert workflow_state(site, "KEN") is WorkflowState.ACCEPTED


def test_compiled_report_is_built_with_a_progress_bar(app: Flask, site: Site, new_context,
                                                     job_worker):
    if "secretariat.reports" not in app.view_functions:
        pytest.skip("no compiled-report page yet: the app has no 'secretariat.reports' endpoint")
    for iso3 in ("KEN", "MEX", "NOR"):
        accept_through_service(app, site, iso3, REVIEWER)

    page = new_context(axe=True).new_page()
    sign_in(page, ADMIN)
    page.goto("/secretariat/reports")
    page.check("input[name=accepted_only]")
    click_and_load(page, page.get_by_role("button", name="Build the report"))
    job = page.locator("tr[data-report-job]").first
    bar = job.locator("progress[data-progress]")
    expect(bar).to_be_attached()
    # Followed by the page's script; the link appears when the build is done.
    expect(job.locator("a[data-download]")).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    assert bar.evaluate("bar => bar.max > 1 && bar.value === bar.max")
    assert_accessible(page, "the reports page with a finished build")

    download = page.request.get(job.locator("a[data-download]").get_attribute("href"),
                                timeout=REPORT_TIMEOUT_MS)
    assert download.status == 200
    assert download.body().startswith(b"%PDF")
