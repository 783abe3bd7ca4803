"""The section page's fields in Chromium (issue #17): per-cell messages in a statistics table
(M6), the crime matrix's rules (m8), rows added in the page (p4), counters near a length limit
(m13), the autosave status's look and links (p5); one page in Arabic."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.actions import (
    clear_status,
    click_and_load,
    question,
    save_status,
    sign_in,
    wait_saved,
    wait_status,
)
from tests.browser.site import Site, focal
from tests.browser.store import set_locale, stored_values
from tests.browser.test_browser_filling import small_pdf

pytestmark = pytest.mark.browser

STATS = "op1__enf__statistics"
MATRIX = "op1__leg__crime_matrix"


def described_message(page: Page, selector: str):
    """The message an input's aria-describedby points to (the one whose id ends in -error)."""
    described = page.locator(selector).get_attribute("aria-describedby") or ""
    ids = [i for i in described.split() if i.endswith("-error")]
    assert ids, f"{selector} is described by no message: {described!r}"
    return page.locator(f"[id='{ids[-1]}']")


def test_a_wrong_figure_is_marked_alone_and_the_status_leads_to_it(site: Site, page: Page):
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_enforcement"))
    good, wrong = f"#{STATS}-y2019-offences_recorded", f"#{STATS}-y2019-persons_prosecuted"
    page.fill(good, "1,000")
    page.fill(wrong, "12abc")
    wait_status(page, "msgSavedErrors", "{time}")

    expect(page.locator(wrong)).to_have_attribute("aria-invalid", "true")
    message = described_message(page, wrong)
    expect(message).to_be_visible()
    expect(message).to_contain_text("Enter a whole number of at least 0")
    expect(page.locator(good)).not_to_have_attribute("aria-invalid", "true")
    # Only the wrong cell is outlined in red (3 px), not its neighbours.
    border = "el => getComputedStyle(el).borderTopColor"
    assert page.locator(wrong).evaluate(border) != page.locator(good).evaluate(border)

    # p5: the status looks like a warning and links to the first answer to fix.
    status = save_status(page)
    expect(status).to_have_class("save-status save-status--warning")
    link = page.locator("[data-save-link]")
    expect(link).to_have_attribute("href", "#q-op1-enf-statistics")
    expect(link).to_have_text("Go to the first answer that needs attention")

    # The same after a reload, from the server: the typed figure is kept, the cell marked.
    page.reload()
    expect(page.locator(wrong)).to_have_value("12abc")
    expect(page.locator(wrong)).to_have_attribute("aria-invalid", "true")
    expect(described_message(page, wrong)).to_be_visible()
    expect(page.locator(good)).to_have_value("1,000")

    page.fill(wrong, "12")
    wait_saved(page)
    expect(page.locator(wrong)).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"[id='{STATS}-y2019-persons_prosecuted-error']")).to_have_count(0)
    expect(save_status(page)).to_have_class("save-status save-status--saved")
    assert stored_values(site, "KEN")["op1.enf.statistics"]["2019"] == {
        "offences_recorded": 1000, "persons_prosecuted": 12}


def test_the_crime_matrix_offers_only_what_applies(site: Site, page: Page):
    """m8: "No liability" is ticked alone; years and months only for a term; no penalty where
    the conduct is not an offence (what was typed comes back with "Yes")."""
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_legislation"))
    row = f"{MATRIX}-wildlife"
    liability = f"input[name={row}-legal_persons]"
    page.check(f"{liability}[value=criminal]")
    page.check(f"{liability}[value=civil]")
    page.check(f"{liability}[value=none]")
    expect(page.locator(f"{liability}:checked")).to_have_count(1)
    expect(page.locator(f"{liability}[value=none]")).to_be_checked()
    page.check(f"{liability}[value=administrative]")
    expect(page.locator(f"{liability}[value=none]")).not_to_be_checked()

    years, months = page.locator(f"#{row}-max_penalty-years"), page.locator(
        f"#{row}-max_penalty-months")
    page.check(f"input[name={row}-criminalized][value=yes]")
    page.check(f"input[name={row}-max_penalty-kind][value=term]")
    years.fill("8")
    page.check(f"input[name={row}-max_penalty-kind][value=life]")
    expect(years).to_be_disabled()
    expect(months).to_be_disabled()
    page.check(f"input[name={row}-max_penalty-kind][value=term]")
    expect(years).to_be_enabled()

    penalty = page.locator(f"fieldset#{row}-max_penalty")
    clear_status(page)
    page.check(f"input[name={row}-criminalized][value=no]")
    expect(penalty).to_have_attribute("disabled", "")
    expect(page.locator(f"input[name={row}-max_penalty-kind]").first).to_be_disabled()
    expect(page.locator(f"#{row}-max_penalty-fine")).to_be_disabled()
    expect(page.locator(f"tr:has(#{row}-max_penalty) [data-gate-note]")).to_be_visible()
    expect(page.locator(f"#{row}-legal_persons input").first).to_be_enabled()
    wait_saved(page)
    assert stored_values(site, "KEN")["op1.leg.crime_matrix"]["wildlife"] == {
        "criminalized": "no", "legal_persons": ["administrative"]}

    clear_status(page)
    page.check(f"input[name={row}-criminalized][value=yes]")
    expect(penalty).not_to_have_attribute("disabled", "")
    expect(years).to_have_value("8")
    wait_saved(page)
    assert stored_values(site, "KEN")["op1.leg.crime_matrix"]["wildlife"]["max_penalty"] == {
        "kind": "term", "years": 8}


def test_rows_are_added_in_the_page_without_losing_what_was_typed(site: Site, page: Page):
    """p4: the first row comes from a template too (no reload); "no rows yet" is outside the
    list; the hint for pages without a script is not shown."""
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_legislation"))
    page.fill("#op1__leg__challenges", "Typed before adding a row")
    cases = question(page, "op1__leg__cases")
    expect(cases.locator("[data-rows-empty]")).to_be_visible()
    expect(cases.locator("ol [data-rows-empty]")).to_have_count(0)
    expect(cases.get_by_text("To remove a row, empty all its cells")).to_be_hidden()
    url = page.url
    cases.get_by_role("button", name="Add a row").click()
    rows = cases.locator("[data-row]")
    expect(rows).to_have_count(1)
    expect(page.locator("[name=op1__leg__cases-0-summary]")).to_be_focused()
    expect(cases.locator("[data-rows-empty]")).to_be_hidden()
    assert page.url == url
    expect(page.locator("#op1__leg__challenges")).to_have_value("Typed before adding a row")
    page.fill("[name=op1__leg__cases-0-summary]", "Pangolin scales seized in transit")
    cases.get_by_role("button", name="Add a row").click()
    expect(rows).to_have_count(2)
    expect(page.locator("[name=op1__leg__cases-1-summary]")).to_have_value("")
    wait_saved(page)
    stored = stored_values(site, "KEN")
    assert stored["op1.leg.cases"] == [{"summary": "Pangolin scales seized in transit"}]
    assert stored["op1.leg.challenges"] == "Typed before adding a row"


def test_rows_are_added_without_a_script_too(site: Site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_legislation"))
    cases = question(page, "op1__leg__cases")
    expect(cases.get_by_text("To remove a row, empty all its cells")).to_be_visible()
    expect(cases.get_by_role("button", name="Remove row 1")).to_have_count(0)
    click_and_load(page, cases.get_by_role("button", name="Add a row"))
    expect(page.locator("[name=op1__leg__cases-0-summary]")).to_be_visible()


def test_a_counter_appears_near_the_limit_and_a_cut_paste_is_said(site: Site, page: Page):
    """m13: nothing below 80% of the limit; then "Characters left", also said to screen readers
    (politely, once per stage); a paste longer than the room left is reported."""
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    field = page.locator("#gen__institution")
    limit = int(field.get_attribute("maxlength"))
    counter = page.locator("#gen__institution-counter")
    field.fill("x" * (limit // 2))
    expect(counter).to_be_hidden()
    field.fill("x" * (limit - 20))
    expect(counter).to_be_visible()
    expect(counter).to_have_text(f"Characters left: 20 of {limit}")
    live = page.locator("form.section-form > [aria-live=polite]")
    expect(live).to_have_text(f"Characters left: 20 of {limit}")
    field.evaluate("""(el) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'y'.repeat(50));
        el.setSelectionRange(el.value.length, el.value.length);
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
    }""")
    expect(counter).to_contain_text("The pasted text was too long")
    expect(live).to_contain_text("The pasted text was too long")


def test_in_arabic_the_messages_sit_at_their_cells_and_the_status_mirrors(site: Site,
                                                                            page: Page):
    set_locale(focal("KEN"), "ar")
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_enforcement"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    wrong = f"#{STATS}-y2020-offences_recorded"
    page.fill(wrong, "١٢abc")
    wait_status(page, "msgSavedErrors", "{time}")
    message = described_message(page, wrong)
    expect(message).to_be_visible()
    cell = page.locator(f"td:has({wrong})").bounding_box()
    box = message.bounding_box()
    assert cell["x"] <= box["x"] and box["x"] + box["width"] <= cell["x"] + cell["width"] + 1
    # The status's coloured edge is on its start side: the right in Arabic.
    widths = save_status(page).evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]")
    assert widths == ["5px", "0px"]


def test_attachments_are_attached_removed_and_refused_without_a_reload(site: Site, page: Page):
    """m11: the "Attached" block comes with the autosave's answer; removing takes it away; a
    file of the wrong type is refused before sending, a fake PDF by the server, each with the
    message at the question and "File not saved" in the status."""
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_capacity"))
    name = "op1__cap__strategy_document"
    url = page.url
    box, holder = question(page, name), page.locator(f"[data-attachment='{name}']")
    page.set_input_files(f"#{name}", files=[{
        "name": "strategy.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}])
    expect(holder.get_by_role("link", name="strategy.pdf")).to_be_visible()
    assert page.url == url
    assert stored_values(site, "KEN")["op1.cap.strategy_document"]["filename"] == "strategy.pdf"

    holder.get_by_label("Remove this file").check()
    expect(holder.get_by_role("link")).to_have_count(0)
    wait_saved(page)
    assert "op1.cap.strategy_document" not in stored_values(site, "KEN")

    page.set_input_files(f"#{name}", files=[{
        "name": "notes.txt", "mimeType": "text/plain", "buffer": b"plain text"}])
    error = box.locator("[data-error]")
    expect(error).to_contain_text("This type of file is not accepted here")
    expect(save_status(page)).to_contain_text("File not saved: This type of file")
    expect(save_status(page)).to_have_class("save-status save-status--error")
    expect(page.locator(f"#{name}")).to_have_attribute("aria-invalid", "true")

    clear_status(page)
    page.set_input_files(f"#{name}", files=[{
        "name": "fake.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}])
    wait_status(page, "msgFileNotSaved", "{reason}")
    expect(error).to_contain_text("This type of file is not accepted here")
    expect(holder.get_by_role("link")).to_have_count(0)
    assert "op1.cap.strategy_document" not in stored_values(site, "KEN")
