"""Running axe-core in a page and reading its violations."""

from __future__ import annotations

from typing import Any

#: WCAG 2.1 levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                 resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
                              html: n.html.slice(0, 300)})),
  }));
}"""


def violations(page) -> list[dict[str, Any]]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now (axe must be loaded)."""
    page.wait_for_function("() => window.axe !== undefined")
    return page.evaluate(_RUN, WCAG_TAGS)


def describe(found: list[dict[str, Any]], where: str) -> str:
    """The violations as readable text, one rule then each offending element."""
    lines = [f"{len(found)} accessibility violation(s) on {where}:"]
    for violation in found:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
                     f" ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html']}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"       {detail}")
    return "\n".join(lines)


def assert_accessible(page, where: str | None = None) -> None:
    found = violations(page)
    assert not found, describe(found, where or page.url)
