"""On a machine without any CJK font (the test machine has none), "中文" in the language lists
is drawn with the subset the app serves, not as boxes (UX review p17)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def fonts_used(page: Page, selector: str) -> list[dict]:
    """The platform fonts Chromium used for the text of the first element ``selector`` finds."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    text = session.send("DOM.describeNode", {"nodeId": node, "depth": 1})["node"]["children"][0]
    return session.send("CSS.getPlatformFontsForNode", {"nodeId": text.get("nodeId") or node}
                        )["fonts"]


def test_the_chinese_language_name_has_glyphs(page: Page, site):
    page.goto("/sign-in")
    option = page.locator("option[lang=zh]")
    assert option.text_content() == "中文"
    # The same text in the page's own font stack, where Chromium reports the face it drew with.
    page.evaluate("""() => { const span = document.createElement('span');
                             span.id = 'probe'; span.textContent = '中文';
                             document.querySelector('main').append(span); }""")
    loaded = page.evaluate("""() => document.fonts.load('16px "EnvSAQ Language Names CJK"',
                                                       '中文').then(faces => faces.length)""")
    assert loaded == 1  # fetched and accepted under the site's Content-Security-Policy
    fonts = fonts_used(page, "#probe")
    assert fonts, "no font drew the probe"
    assert all(font["isCustomFont"] for font in fonts), fonts  # the served face, not a fallback
    assert sum(font["glyphCount"] for font in fonts) == 2
