"""A renderer for sweeps that check who may download a PDF, not what it looks like.

The sweeps call every PDF endpoint for every role; rendering the whole submission each time
(in a spawned interpreter) made them the slowest tests of the suite while asserting nothing
about the document. The content of the PDF is tested in tests/exports and, end to end
through the view, in tests/workspace/test_submission_pdf_wiring.py and the browser tests.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from exports.pdf import render_pdf

HTML = "<!doctype html><html lang=\"en\"><body><p>Access sweep</p></body></html>"


@cache
def small_pdf() -> bytes:
    """A real one-page PDF, rendered once per process."""
    return render_pdf(HTML, lang="en")


def fixed_pdf(data: dict[str, Any], *, timeout_s: float, **options: Any) -> bytes:
    """``render_submission_pdf_with_timeout``'s signature; the same small PDF whatever is
    asked."""
    return small_pdf()
