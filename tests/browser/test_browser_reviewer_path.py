"""The reviewer's path from the secretariat's pages (UX review M1, m7; issue #17): the queue on
the dashboard leads to the response, which the reviewer accepts or returns with a reason; a
returned State sees the reason in a banner on its overview."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from models import WorkflowState
from tests.browser.actions import click_and_load, sign_in
from tests.browser.site import REVIEWER, Site, focal
from tests.browser.store import submit_through_service, workflow_state

pytestmark = pytest.mark.browser

REASON = "Please cite the articles of the Wildlife Act on trafficking (question 1.4a)."


def queue(page: Page):
    """The dashboard's "Awaiting review" table (absent when nothing awaits)."""
    return page.locator("table", has=page.locator("caption",
                                                  has_text="Responses awaiting review"))


def open_from_the_queue(page: Page, state_name: str) -> None:
    page.goto("/secretariat/")
    row = queue(page).locator("tbody tr", has=page.get_by_role("rowheader", name=state_name))
    expect(row).to_have_count(1)
    click_and_load(page, row.get_by_role("link", name=f"Review {state_name}"))


def act(page: Page, action: str) -> None:
    click_and_load(page, page.locator(f"form[action$='/transition/{action}'] button"))


def status_of(page: Page):
    return page.locator(".summary-list dd strong.tag")


def test_reviewer_returns_from_the_queue_and_the_state_sees_why(app: Flask, site: Site,
                                                                 new_context):
    submit_through_service(app, site, "KEN")
    reviewer = new_context().new_page()
    sign_in(reviewer, REVIEWER)
    open_from_the_queue(reviewer, "Kenya")
    expect(reviewer).to_have_url(site.url + site.workspace("KEN"))
    expect(status_of(reviewer)).to_have_class("tag tag--submitted")
    act(reviewer, "start_review")
    expect(status_of(reviewer)).to_have_class("tag tag--under_review")
    reviewer.fill("#return-comment", REASON)
    act(reviewer, "return")
    expect(status_of(reviewer)).to_have_class("tag tag--returned")
    assert workflow_state(site, "KEN") is WorkflowState.RETURNED
    reviewer.goto("/secretariat/")  # nothing left to review
    expect(reviewer.locator("#review-queue + p")).to_be_visible()
    expect(queue(reviewer)).to_have_count(0)

    state = new_context().new_page()
    sign_in(state, focal("KEN"))
    state.goto(site.workspace("KEN"))
    banner = state.locator(".notice--warning")
    expect(banner).to_contain_text(REASON)
    click_and_load(state, banner.get_by_role("link"))
    expect(state.locator(".thread").first).to_contain_text(REASON)


def test_reviewer_accepts_from_the_queue(app: Flask, site: Site, new_context):
    submit_through_service(app, site, "MEX")
    submit_through_service(app, site, "NOR")
    reviewer = new_context().new_page()
    sign_in(reviewer, REVIEWER)
    reviewer.goto("/secretariat/")
    expect(queue(reviewer).locator("tbody tr")).to_have_count(2)
    open_from_the_queue(reviewer, "Mexico")
    act(reviewer, "start_review")
    act(reviewer, "accept")
    expect(status_of(reviewer)).to_have_class("tag tag--accepted")
    assert workflow_state(site, "MEX") is WorkflowState.ACCEPTED
    reviewer.goto("/secretariat/")
    expect(queue(reviewer).locator("tbody tr")).to_have_count(1)  # Norway still waits
    expect(queue(reviewer).get_by_role("rowheader", name="Norway")).to_have_count(1)

    state = new_context().new_page()
    sign_in(state, focal("MEX"))
    state.goto(site.workspace("MEX"))
    expect(status_of(state)).to_have_class("tag tag--accepted")
    expect(state.locator(".notice--warning")).to_have_count(0)  # no return, no banner
