"""Running HTML_CodeSniffer (the engine behind pa11y's default runner) in a page: a second
accessibility engine beside axe-core, at WCAG 2.1 AA, errors only."""

from __future__ import annotations

from typing import Any

_RUN = """() => new Promise((done, fail) => {
  window.HTMLCS.process('WCAG2AA', document, () => {
    done(window.HTMLCS.getMessages().filter(m => m.type === 1).map(m => ({
      code: m.code, msg: m.msg,
      html: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 300) : '',
    })));
  }, () => fail(new Error('HTML_CodeSniffer could not run')), 'en');
})"""


def htmlcs_errors(page) -> list[dict[str, Any]]:
    """HTML_CodeSniffer's WCAG 2 AA errors on the page as it is now (it must be loaded)."""
    page.wait_for_function("() => window.HTMLCS !== undefined")
    return page.evaluate(_RUN)


def describe_htmlcs(found: list[dict[str, Any]], where: str) -> str:
    lines = [f"{len(found)} HTML_CodeSniffer error(s) on {where}:"]
    for error in found:
        lines.append(f"- {error['code']}: {error['msg']}")
        lines.append(f"    {error['html']}")
    return "\n".join(lines)
