"""A part renderer that fails on one State's annex entry (imported by the render workers)."""

from __future__ import annotations

from exports.report.render import RenderedPart, render_part


def render_failing_on_kenya(html: str, lang: str) -> RenderedPart:
    """``render_part``, except for the annex part that shows Kenya."""
    if 'id="chapter-annex_states"' in html and "Kenya" in html:
        raise ValueError("this part cannot be drawn")
    return render_part(html, lang)


def render_slowly(html: str, lang: str) -> RenderedPart:
    """``render_part`` a little later, so that another worker takes its share of the parts."""
    import time

    time.sleep(0.3)
    return render_part(html, lang)
