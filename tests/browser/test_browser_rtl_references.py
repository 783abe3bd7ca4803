"""In Arabic, an article reference reads in its own order (UX review M5): "6(2)(b)" is laid out
6, (2), (ب) from left to right inside the right-to-left line, never "(b)(2)6"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.actions import sign_in
from tests.browser.site import Site, focal

pytestmark = pytest.mark.browser

# Left edge of each character of the first text node that contains ``needle``, on screen.
CHARACTER_POSITIONS = """needle => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const out = [];
    for (let i = at; i < at + needle.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      out.push([node.data[i], box.left]);
    }
    return out;
  }
  return null;
}"""


def test_arabic_article_reference_reads_left_to_right(site: Site, page: Page):
    sign_in(page, focal("KEN"))
    page.goto(site.section("op1_legislation"))
    page.select_option("#language-switch-select", "ar")
    page.locator("form.language-switch button[type=submit]").click()
    page.wait_for_selector("html[lang=ar][dir=rtl]")
    positions = page.evaluate(CHARACTER_POSITIONS, "6(2)(ب)")
    assert positions, "the Arabic page shows 6(2)(ب)"
    lefts = {char: left for char, left in positions if char in "62ب"}
    assert lefts["6"] < lefts["2"] < lefts["ب"], positions
