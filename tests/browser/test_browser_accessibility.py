"""WCAG 2.1 A and AA on every page type (axe-core), the keyboard, focus and error links."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from models import Role, TokenPurpose, db
from questionnaire.workflow import Action
from tests.browser.actions import click_and_load, sign_in
from tests.browser.axe import describe, violations
from tests.browser.htmlcs import describe_htmlcs, htmlcs_errors
from tests.browser.site import ADMIN, REVIEWER, Site, contributor, focal
from tests.browser.store import (
    accept_through_service,
    fresh,
    link_secret,
    membership_id,
    open_thread,
    open_version_2_cycle,
    queued_pdf_job,
    save_value,
    stored_values,
    submit_through_service,
    transition_through_service,
    user_by_email,
)

pytestmark = pytest.mark.browser

#: GET endpoints that answer with a file, JSON or a redirect, not an HTML page.
NOT_PAGES = frozenset({
    "static", "home.favicon", "ops.health", "ops.ready", "ops.metrics",
    "workspace.download_attachment", "workspace.pdf_job_status", "workspace.pdf_job_download",
    "workspace.export_workbook", "workspace.export_answers_json",
    "secretariat.dashboard_download", "secretariat.report_status",
    "secretariat.download_report", "secretariat.export_all_responses",
    "secretariat.export_findings",
})
NOT_PAGE_PREFIXES = ("api.",)
INVALID_INTEGER = "twelve"


def scan(page: Page, pages: dict[str, list[str]]) -> None:
    """Open every path and collect axe's violations and HTML_CodeSniffer's errors; fail once,
    listing them all."""
    problems = []
    for paths in pages.values():
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.ok, f"{path} answered {response.status}"
            found = violations(page)
            if found:
                problems.append(describe(found, path))
            errors = htmlcs_errors(page)
            if errors:
                problems.append(describe_htmlcs(errors, path))
    assert not problems, "\n\n".join(problems)


def public_pages(reset_secret: str, invitation_secret: str) -> dict[str, list[str]]:
    return {
        "auth.sign_in": ["/sign-in"],
        "auth.request_reset": ["/password/reset"],
        "auth.reset_password": [f"/password/reset/{reset_secret}"],
        "auth.accept_invitation": [f"/invitation/{invitation_secret}"],
        "verify.verify": ["/verify"],
    }


def state_pages(site: Site, member_id: int) -> dict[str, list[str]]:
    return {
        "home.index": ["/"],
        "auth.profile": ["/account"],
        "auth.sessions": ["/account/sessions"],
        "workspace.overview": [site.workspace()],
        "workspace.section_page": [site.section(s.key) for s in site.definition.sections],
        "workspace.submit": [site.workspace(tail="submit")],
        "workspace.comments": [site.workspace(tail="comments")],
        "workspace.history": [site.workspace(tail="history")],
        "workspace.diff": [site.workspace(tail="diff")],
        "workspace.team": [site.workspace(tail="team")],
        "workspace.remove_member": [site.workspace(tail=f"team/members/{member_id}/remove")],
        "workspace.import_answers": [site.workspace(tail="import")],
        # Not drawn yet: the page that offers to prepare it.
        "workspace.submission_pdf": [site.workspace(tail="pdf")],
    }


def staff_pages(site: Site, admin_id: int) -> dict[str, list[str]]:
    return {
        "auth.mfa_setup": ["/account/two-factor"],
        "admin.users": ["/admin/users"],
        "admin.user_detail": [f"/admin/users/{admin_id}"],
        "admin.invitations": ["/admin/invitations"],
        "admin.audit_log": ["/admin/audit"],
        "cycles.index": ["/secretariat/cycles/"],
        "cycles.report_masthead": ["/secretariat/cycles/1/report"],
        "cycles.edit": ["/secretariat/cycles/1/edit"],
        "questionnaires.versions": ["/secretariat/questionnaires/"],
        "questionnaires.matrix": ["/secretariat/questionnaires/matrix"],
        "secretariat.dashboard": ["/secretariat/"],
        "secretariat.reminders_confirm": ["/secretariat/reminders?cycle=1"],
        "secretariat.aggregation": ["/secretariat/aggregate"],
        "secretariat.gaps": ["/secretariat/gaps"],
        "secretariat.state_gaps": ["/secretariat/gaps/KEN"],
        "secretariat.reports": ["/secretariat/reports"],
        "secretariat.exports": ["/secretariat/exports"],
        "secretariat.api_tokens": ["/secretariat/api-tokens"],
        # A response under review, seen by the secretariat: the accept and return forms.
        "workspace.overview": [site.workspace("MEX"), site.workspace("KEN")],
    }


def earlier_pages(next_cycle_id: int) -> dict[str, list[str]]:
    """Pages of a version 2 cycle whose State has an accepted version 1 submission."""
    return {"workspace.diff_earlier": [f"/states/KEN/cycles/{next_cycle_id}/diff-earlier"]}


MFA_PAGES = {"auth.sign_in_code": ["/sign-in/code"]}


def test_public_pages_have_no_violations(site: Site, new_context):
    pages = public_pages(link_secret(TokenPurpose.PASSWORD_RESET, focal("KEN")),
                         link_secret(TokenPurpose.INVITATION, "new.person@example.org",
                                     role=Role.CONTRIBUTOR, state_iso3="KEN"))
    page = new_context(axe=True).new_page()
    scan(page, pages)

    # The check itself can fail: an image without a text alternative is reported.
    page.evaluate("""() => { const img = document.createElement('img');
                             img.src = '/static/none.png';
                             document.querySelector('main').append(img); }""")
    assert "image-alt" in {v["id"] for v in violations(page)}
    assert any("H37" in e["code"] for e in htmlcs_errors(page))  # the second engine sees it too

    # The sign-in form with its error summary, and the code page of a two-factor sign-in.
    page.goto("/sign-in")
    page.fill("input[name=email]", focal("KEN"))
    page.fill("input[name=password]", "not the password")
    click_and_load(page, page.locator("main form button[type=submit]"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert not (found := violations(page)), describe(found, "sign-in with an error")

    fresh()
    user = user_by_email(REVIEWER)
    user.mfa_secret, user.mfa_enabled = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", True
    db.session.commit()
    sign_in(page, REVIEWER)
    expect(page).to_have_url(site.url + "/sign-in/code")
    scan(page, MFA_PAGES)


def test_state_pages_have_no_violations(app: Flask, site: Site, new_context):
    # A response with a history: submitted, recalled, then edited (one answer left invalid),
    # with an open comment thread; every conditional question and row is on screen.
    submit_through_service(app, site, "KEN")
    transition_through_service(app, site, "KEN", Action.RECALL, focal("KEN"))
    save_value(site, "KEN", "op1.coop.mla_requests_sent", INVALID_INTEGER, focal("KEN"))
    # Messages at single cells: a statistics figure, a contradictory row of the crime matrix.
    save_value(site, "KEN", "op1.enf.statistics", {"2020": {"offences_recorded": "12abc"}},
               focal("KEN"))
    save_value(site, "KEN", "op1.leg.crime_matrix", {"wildlife": {
        "criminalized": "no", "max_penalty": {"kind": "life", "years": 3},
        "legal_persons": ["criminal", "none"]}}, focal("KEN"))
    open_thread(site, "KEN", "gen.institution", "Which ministry leads?", REVIEWER)

    pages = state_pages(site, membership_id(contributor("KEN"), "KEN"))
    pages["workspace.pdf_job"] = [site.workspace(tail=f"pdf/jobs/{queued_pdf_job(site, 'KEN')}")]

    page = new_context(axe=True).new_page()
    sign_in(page, focal("KEN"))
    scan(page, pages)


def test_the_earlier_submission_beside_the_version_2_draft_has_no_violations(
        app: Flask, site: Site, new_context):
    # Kenya's version 1 submission is accepted; a version 2 cycle opens after it.
    accept_through_service(app, site, "KEN", REVIEWER)
    next_cycle = open_version_2_cycle(["KEN"])
    page = new_context(axe=True).new_page()
    sign_in(page, focal("KEN"))
    scan(page, earlier_pages(next_cycle))
    rows = page.locator("main table tbody tr")
    assert rows.count() > 10  # the comparison has its rows, not an empty table


def test_secretariat_and_admin_pages_have_no_violations(app: Flask, site: Site, new_context):
    accept_through_service(app, site, "KEN", REVIEWER)
    submit_through_service(app, site, "MEX")
    transition_through_service(app, site, "MEX", Action.START_REVIEW, REVIEWER)
    admin_id = user_by_email(ADMIN).id

    page = new_context(axe=True).new_page()
    sign_in(page, ADMIN)
    scan(page, {"home.index": ["/"], "auth.profile": ["/account"]})
    scan(page, staff_pages(site, admin_id))


def test_invitation_warning_and_withdrawal_have_no_violations(site: Site, new_context):
    """The team page's warning step (an address with a role in another State), its waiting
    invitation with the withdraw button, and the administration page's statuses."""
    page = new_context(axe=True).new_page()
    sign_in(page, focal("KEN"))
    page.goto(site.workspace(tail="team"))
    page.fill("input[name=email]", focal("MEX"))
    page.select_option("select[name=role]", "observer")
    click_and_load(page, page.locator("main form:has(input[name=email]) button[type=submit]"))
    expect(page.locator("#cross-access")).to_be_visible()
    expect(page.locator("#cross-access")).to_be_focused()
    problems = []
    if found := violations(page):
        problems.append(describe(found, "team: warning step"))
    if errors := htmlcs_errors(page):
        problems.append(describe_htmlcs(errors, "team: warning step"))
    click_and_load(page, page.locator("#cross-access button[type=submit]"))
    expect(page.get_by_role("button", name="Withdraw the invitation")).to_have_count(1)
    if found := violations(page):
        problems.append(describe(found, "team: a waiting invitation"))
    click_and_load(page, page.get_by_role("button", name="Withdraw the invitation"))
    admin = new_context(axe=True).new_page()
    sign_in(admin, ADMIN)
    scan(admin, {"admin.invitations": ["/admin/invitations"]})
    expect(admin.get_by_text("Withdrawn")).to_have_count(1)
    assert not problems, "\n\n".join(problems)


def test_every_page_type_is_checked(app: Flask, site: Site):
    """A new page must join one of the lists above (or NOT_PAGES when it is not HTML)."""
    # The page of a queued PDF job is scanned in test_state_pages_have_no_violations.
    checked = set(MFA_PAGES) | {"workspace.pdf_job"}
    for pages in (public_pages("x", "y"), state_pages(site, 1), staff_pages(site, 1),
                  earlier_pages(2)):
        checked.update(pages)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if "GET" in (rule.methods or ())}
    unchecked = {e for e in endpoints - checked - NOT_PAGES
                 if not e.startswith(NOT_PAGE_PREFIXES)}
    assert not unchecked, f"pages without an accessibility check: {sorted(unchecked)}"


# ---- the keyboard, focus and error messages ---------------------------------------------

def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def focus_indicator(page: Page) -> dict[str, str]:
    return page.evaluate("""() => {
      const style = getComputedStyle(document.activeElement);
      return {outline: style.outlineStyle, width: style.outlineWidth, shadow: style.boxShadow};
    }""")


def test_a_section_can_be_completed_with_the_keyboard_alone(site: Site, page: Page):
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))

    tab_to(page, "#gen__institution")
    page.keyboard.type("Ministry of Justice")
    tab_to(page, "#gen__focal_point_name")
    page.keyboard.type("Jane Doe")
    tab_to(page, "input[name=gen__untoc_status]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=gen__untoc_status][value=party]")).to_be_checked()
    expect(page.locator("#gen__untoc_date")).to_be_visible()
    tab_to(page, "input[name=gen__coordination]")
    page.keyboard.press("Space")
    tab_to(page, "button[name=go][value=stay]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator(".flashes .notice--success")).to_be_visible()
    values = stored_values(site, "KEN")
    assert values["gen.institution"] == "Ministry of Justice"
    assert values["gen.focal_point_name"] == "Jane Doe"
    assert values["gen.untoc_status"] == "party"
    assert len(values["gen.coordination"]) == 1


FOCUSABLE = ["#gen__institution", "input[name=gen__untoc_status]", "main a[href*='comments']",
             "button[name=go][value=stay]"]


def test_focus_is_visible(site: Site, page: Page):
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    invisible = {}
    for selector in FOCUSABLE:
        tab_to(page, selector)
        indicator = focus_indicator(page)
        if (indicator["outline"] == "none" or indicator["width"] == "0px") and \
                indicator["shadow"] == "none":
            invisible[selector] = indicator
    assert not invisible, f"no visible focus indicator: {invisible}"


def test_choosing_a_language_waits_for_the_change_button(site: Site, page: Page):
    """Moving through the language list with the arrow keys must not reload the page
    (WCAG 3.2.2, on input); the "Change" button applies the choice."""
    page.goto("/sign-in")
    page.focus("#language-switch-select")
    page.keyboard.press("ArrowDown")
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#language-switch-select")).to_be_focused()

    page.keyboard.press("Tab")
    expect(page.locator(".language-switch button")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_errors_are_linked_to_their_fields(site: Site, page: Page):
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_cooperation"))
    page.fill("#op1__coop__mla_requests_sent", INVALID_INTEGER)
    click_and_load(page, page.get_by_role("button", name="Save", exact=True))

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    links = summary.locator("a")
    expect(links).to_have_count(1)
    target = links.first.get_attribute("href")
    assert target.startswith("#")
    question = page.locator(f"[id='{target[1:]}']")
    expect(question).to_have_count(1)

    field = question.locator("#op1__coop__mla_requests_sent")
    expect(field).to_have_value(INVALID_INTEGER)
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()
    message = page.locator(f"[id='{next(i for i in described if i.endswith('-error'))}']")
    expect(message).to_be_visible()
    expect(message).to_contain_text("whole number")

    # Being required is part of a field's description too, not only a mark beside it.
    required = page.locator("#op1__coop__central_authority").get_attribute("aria-describedby")
    marks = [page.locator(f"[id='{i}']").inner_text() for i in required.split()]
    assert "Required for submission" in marks
    links.first.click()
    expect(page).to_have_url(site.url + site.section("op1_cooperation") + target)
    expect(field).to_be_focused()
