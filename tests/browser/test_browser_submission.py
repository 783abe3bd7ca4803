"""Certify and submit in the browser (English, Arabic, Chinese), then download the PDF."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.browser.actions import click_and_load, sign_in, wait_saved
from tests.browser.axe import assert_accessible
from tests.browser.conftest import RENDER_TIMEOUT_MS
from tests.browser.site import Site, focal
from tests.browser.store import prefill, set_locale, submission_count

pytestmark = pytest.mark.browser

#: (language, direction, State): each language on its own State's response.
LANGUAGES = [("en", "ltr", "KEN"), ("ar", "rtl", "MEX"), ("zh", "ltr", "NOR")]
LEFT_FOR_THE_UI = "gen.institution"
INSTITUTIONS = {"en": "Ministry of Justice", "ar": "وزارة العدل", "zh": "司法部"}


def expect_language(page: Page, lang: str, direction: str) -> None:
    expect(page.locator(f"html[lang={lang}][dir={direction}]")).to_have_count(1)


def certify_in_a_second_tab(page: Page, path: str) -> Page:
    """Open the submission form in another tab of the same browser and fill it in."""
    tab = page.context.new_page()
    tab.goto(path)
    tab.fill("#certified_name", "Focal point, second tab")
    tab.check("#certify")
    return tab


@pytest.mark.parametrize(("lang", "direction", "iso3"), LANGUAGES, ids=[x[0] for x in LANGUAGES])
def test_certify_submit_once_and_download_the_pdf(site: Site, new_context, lang: str,
                                                  direction: str, iso3: str, job_worker):
    prefill(site, iso3, leave_out={LEFT_FOR_THE_UI})
    set_locale(focal(iso3), lang)
    page = new_context(axe=True).new_page()
    sign_in(page, focal(iso3))

    page.goto(site.section("general", iso3))
    expect_language(page, lang, direction)
    assert_accessible(page)
    page.fill("#gen__institution", INSTITUTIONS[lang])
    wait_saved(page)

    page.goto(site.workspace(iso3))
    click_and_load(page, page.locator(f"main a[href='{site.workspace(iso3, 'submit')}']"))
    expect_language(page, lang, direction)
    expect(page.locator(".missing-list")).to_have_count(0)
    assert_accessible(page)
    page.fill("#certified_name", "Focal point, Director of Legal Affairs")
    page.check("#certify")
    second_tab = certify_in_a_second_tab(page, site.workspace(iso3, "submit"))
    submit_url = site.url + site.workspace(iso3, "submit")
    sent = []
    page.on("request", lambda request: sent.append(request.method)
            if request.url == submit_url else None)
    # A double click, then a third click while the answer is on its way.
    page.locator("main form button[type=submit]").dblclick()
    with contextlib.suppress(PlaywrightError):  # unless the answer has come already
        page.evaluate("""() => new Promise(done => setTimeout(() => {
            document.querySelector("main form button[type=submit]").click(); done(); }, 30))""")
    page.wait_for_url(site.url + site.workspace(iso3))
    assert sent.count("POST") == 1  # the later clicks are not even sent

    expect_language(page, lang, direction)
    expect(page.locator(".summary-list .tag--submitted")).to_have_count(1)
    assert submission_count(site, iso3) == 1
    if lang == "en":
        expect(page.locator(".flashes")).to_contain_text("Submission number 1 has been recorded")

    # The same form sent again from the other tab, on the old revision, changes nothing.
    click_and_load(second_tab, second_tab.locator("main form button[type=submit]"))
    expect(second_tab).to_have_url(site.url + site.workspace(iso3))
    assert submission_count(site, iso3) == 1
    if lang == "en":
        expect(second_tab.locator(".flashes")).to_contain_text("had already been submitted")

    # The PDF is prepared by the job worker; the page follows it and offers the download.
    page.goto(site.url + site.workspace(iso3, "pdf?snapshot=1"))
    page.locator("main form button[type=submit]").click()
    download = page.locator("[data-download]")
    expect(download).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    assert_accessible(page)
    pdf = page.request.get(download.get_attribute("href"), timeout=RENDER_TIMEOUT_MS)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert f"-{lang}.pdf" in pdf.headers["content-disposition"]
    assert pdf.body().startswith(b"%PDF")
