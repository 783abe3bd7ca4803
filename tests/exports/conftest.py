"""Submission PDFs rendered once per test process and read by every test that only reads them
(tests/exports/test_submission_pdf.py, tests/exports/test_pdf_dates.py)."""

from __future__ import annotations

import pytest
from pdf_inspect import Rendered

from testing.sample_data import LANGS, sample_submission


@pytest.fixture(scope="session")
def submitted() -> dict[str, Rendered]:
    """The sample submission rendered in each of the six languages."""
    return {lang: Rendered(sample_submission(lang)) for lang in LANGS}
