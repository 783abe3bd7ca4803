"""On a phone-sized screen (390 px wide) nothing scrolls sideways and the crime matrix is cards."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.actions import sign_in
from tests.browser.site import Site, focal

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

#: Each crime-matrix cell as [left, right] in viewport pixels, row by row.
MATRIX_CELLS_JS = """
() => [...document.querySelectorAll('.table--matrix tbody tr')].map(row =>
  [...row.children].map(cell => {
    const box = cell.getBoundingClientRect();
    return [box.left, box.right, box.width];
  }))
"""


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_state_pages_fit_a_phone_and_the_crime_matrix_stacks(site: Site, new_context):
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, focal("NOR"))

    page.goto(site.workspace("NOR"))
    page.locator("h1").wait_for()
    assert page_width(page) <= PHONE["width"]

    page.goto(site.section("op1_legislation", "NOR"))
    page.locator(".table--matrix").first.wait_for()
    assert page_width(page) <= PHONE["width"]

    rows = page.evaluate(MATRIX_CELLS_JS)
    assert rows, "the section shows a crime matrix"
    for cells in rows:
        heading_left, heading_right, heading_width = cells[0]
        assert heading_width > 0 and heading_left >= 0 and heading_right <= PHONE["width"]
        # Every answer cell of the row is on screen too, not cut off to the side.
        for left, right, _width in cells[1:]:
            assert left >= 0 and right <= PHONE["width"]
