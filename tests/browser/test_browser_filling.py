"""A focal point fills every field type in the browser, with autosave, and finds it all again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.actions import (
    clear_status,
    click_and_load,
    question,
    sign_in,
    wait_saved,
)
from tests.browser.site import Site, focal
from tests.browser.store import stored_values

pytestmark = pytest.mark.browser


def small_pdf() -> bytes:
    """A tiny but well-formed one-page PDF, made here so that no fixture file is needed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return body


def rows_of(page: Page, name: str):
    return page.locator(f"[data-rows='{name}'] [data-row]")


def fill_general(page: Page) -> None:
    """Short and long text, a single choice revealing a date, a multiple choice."""
    page.fill("#gen__institution", "Ministry of Environment and Forestry")
    page.fill("#gen__contributors", "National Police Service\nKenya Wildlife Service")
    date_box = question(page, "gen__untoc_date")
    expect(date_box).to_be_hidden()
    page.check("input[name=gen__untoc_status][value=party]")
    # Shown by the page's script as the choice is made, before any save has happened.
    assert date_box.is_visible()
    page.fill("#gen__untoc_date", "2004-06-16")
    page.check("input[name=gen__coordination] >> nth=0")
    page.check("input[name=gen__coordination] >> nth=1")


def fill_legislation(page: Page) -> None:
    """A crime-type matrix, yes/partly/no revealing citations, rows added, removed, moved."""
    matrix = "op1__leg__crime_matrix-wildlife"
    page.check(f"input[name={matrix}-criminalized][value=yes]")
    page.check(f"input[name={matrix}-max_penalty-kind][value=term]")
    page.fill(f"#{matrix}-max_penalty-years", "10")
    page.check(f"input[name={matrix}-legal_persons][value=criminal]")

    laws = "op1__leg__serious_crime_laws"
    expect(question(page, laws)).to_be_hidden()
    page.check("input[name=op1__leg__serious_crime][value=yes]")
    assert question(page, laws).is_visible()

    # Rows are added in the page, the first one too (a copy of the empty row's template).
    question(page, laws).get_by_role("button", name="Add a row").click()
    expect(rows_of(page, laws)).to_have_count(1)
    page.fill(f"[name={laws}-0-title]", "Penal Code")
    page.fill(f"[name={laws}-0-year]", "2009")
    add = question(page, laws).get_by_role("button", name="Add a row")
    add.click()
    page.fill(f"[name={laws}-1-title]", "Wildlife Conservation and Management Act")
    page.fill(f"[name={laws}-1-year]", "2013")
    page.select_option(f"[name={laws}-1-status]", "in_force")
    add.click()
    page.fill(f"[name={laws}-2-title]", "A row typed by mistake")
    expect(rows_of(page, laws)).to_have_count(3)
    rows_of(page, laws).nth(2).get_by_role("button", name="Remove row 3").click()
    expect(rows_of(page, laws)).to_have_count(2)
    rows_of(page, laws).nth(1).get_by_role("button", name="Move up row 2").click()
    expect(page.locator(f"[name={laws}-0-title]")).to_have_value(
        "Wildlife Conservation and Management Act")

    cases = "op1__leg__cases"
    question(page, cases).get_by_role("button", name="Add a row").click()
    page.fill(f"[name={cases}-0-summary]", "Ivory trafficking network dismantled")
    page.fill(f"[name={cases}-0-year]", "2021")
    page.fill(f"[name={cases}-0-court]", "High Court, Mombasa")


def fill_statistics(page: Page) -> None:
    stats = "op1__enf__statistics"
    page.fill(f"#{stats}-y2019-offences_recorded", "120")
    page.fill(f"#{stats}-y2019-persons_prosecuted", "45")
    page.fill(f"#{stats}-y2020-offences_recorded", "not known")


def test_focal_point_fills_every_field_type_and_finds_it_again(site: Site, page: Page):
    sign_in(page, focal("KEN"))

    page.goto(site.section("general"))
    fill_general(page)
    wait_saved(page)

    page.goto(site.section("op1_legislation"))
    fill_legislation(page)
    clear_status(page)
    page.fill("#op1__leg__challenges", "Penalties for timber offences are low.")
    wait_saved(page)

    page.goto(site.section("op1_enforcement"))
    fill_statistics(page)
    click_and_load(page, page.get_by_role("button", name="Save and continue"))
    expect(page).to_have_url(site.url + site.section("op1_cooperation"))

    page.fill("#op1__coop__mla_requests_sent", "7")
    wait_saved(page)

    page.goto(site.section("op1_capacity"))
    page.set_input_files("#op1__cap__strategy_document", files=[{
        "name": "strategy.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}])
    click_and_load(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.locator(".attachment a")).to_have_text("strategy.pdf")

    page.goto(site.section("assistance"))
    page.check("input[name=ta__funding__sought][value=yes]")
    assert question(page, "ta__funding__sought_amount").is_visible()
    page.fill("#ta__funding__sought_amount", "12500.50")
    wait_saved(page)

    # Leave, come back: everything is there, in the page and in the database.
    page.goto(site.workspace())
    page.goto(site.section("general"))
    expect(page.locator("#gen__institution")).to_have_value("Ministry of Environment and Forestry")
    expect(page.locator("#gen__contributors")).to_have_value(
        "National Police Service\nKenya Wildlife Service")
    expect(page.locator("input[name=gen__untoc_status][value=party]")).to_be_checked()
    expect(page.locator("#gen__untoc_date")).to_have_value("2004-06-16")
    expect(page.locator("input[name=gen__coordination]:checked")).to_have_count(2)

    page.goto(site.section("op1_legislation"))
    laws = "op1__leg__serious_crime_laws"
    expect(rows_of(page, laws)).to_have_count(2)
    expect(page.locator(f"[name={laws}-0-title]")).to_have_value(
        "Wildlife Conservation and Management Act")
    expect(page.locator(f"[name={laws}-1-title]")).to_have_value("Penal Code")
    expect(page.locator("#op1__leg__crime_matrix-wildlife-max_penalty-years")).to_have_value("10")
    expect(page.locator("[name=op1__leg__cases-0-year]")).to_have_value("2021")

    page.goto(site.section("op1_enforcement"))
    expect(page.locator("#op1__enf__statistics-y2019-offences_recorded")).to_have_value("120")

    values = stored_values(site, "KEN")
    assert values["gen.institution"] == "Ministry of Environment and Forestry"
    assert values["gen.untoc_date"] == "2004-06-16"
    assert len(values["gen.coordination"]) == 2
    assert [row["title"] for row in values[laws.replace("__", ".")]] == [
        "Wildlife Conservation and Management Act", "Penal Code"]
    assert values["op1.leg.serious_crime_laws"][0]["status"] == "in_force"
    assert values["op1.leg.serious_crime_laws"][1]["year"] == 2009
    assert values["op1.leg.cases"] == [{"summary": "Ivory trafficking network dismantled",
                                        "year": 2021, "court": "High Court, Mombasa"}]
    assert values["op1.leg.crime_matrix"]["wildlife"]["criminalized"] == "yes"
    assert values["op1.enf.statistics"]["2019"] == {"offences_recorded": 120,
                                                    "persons_prosecuted": 45}
    assert values["op1.enf.statistics"]["2020"] == {"offences_recorded": "not_known"}
    assert values["op1.coop.mla_requests_sent"] == 7
    assert values["op1.cap.strategy_document"]["filename"] == "strategy.pdf"
    assert float(values["ta.funding.sought_amount"]) == 12500.5
