"""Dates and numbers in the submission PDF, rendered for real in each language and read back."""

from __future__ import annotations

from datetime import date

import pytest
from pdf_inspect import comparable_pieces, normalize, pdftotext_pages

from exports.submission_pdf import render_submission_pdf
from testing.sample_data import sample_submission

# The submission PDFs are tests/exports/conftest.py's (``submitted``), shared with
# tests/exports/test_submission_pdf.py: one xdist group.
pytestmark = pytest.mark.xdist_group("submission-pdfs")

# sample_submission: deadline 30 June 2026, snapshot 14 May 2026 09:30 UTC.
EXPECTED = {
    "en": ["30 June 2026", "14 May 2026, 09:30 UTC"],
    "fr": ["30 juin 2026", "14 mai 2026 à 9 h 30 UTC"],
    "es": ["30 de junio de 2026", "14 de mayo de 2026, 09.30 horas (UTC)"],
    "ru": ["30 июня 2026 года", "14 мая 2026 года, 09:30 (UTC)"],
    "zh": ["2026年6月30日", "2026年5月14日 09:30（协调世界时）"],
    "ar": ["30 حزيران/يونيه 2026", "14 أيار/مايو 2026، الساعة 09:30 بالتوقيت العالمي المنسق"],
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_submission_pdf_dates_are_un_style(submitted, lang):
    """Read from the sample submission's render shared with tests/exports/test_submission_pdf.py
    (tests/exports/conftest.py)."""
    text = normalize("".join(submitted[lang].poppler))
    for expected in EXPECTED[lang]:
        for piece in comparable_pieces(expected):
            assert piece in text, (lang, expected, piece)
    assert "2026-06-30" not in text and "June30,2026" not in text and "6/30/26" not in text


@pytest.mark.parametrize(("lang", "expected"),
                         [("zh", "2026年报告周期"), ("ar", "دورة الإبلاغ لعام")])
def test_submission_pdf_names_the_cycle_in_its_language(lang, expected):
    data = sample_submission(lang)
    data["cycle"]["name"] = "Reporting cycle 2026"
    text = normalize("".join(pdftotext_pages(render_submission_pdf(data))))
    for piece in comparable_pieces(expected):
        assert piece in text
    assert "Reportingcycle" not in text


EXPECTED_DAY = date(2026, 6, 30)
NUMBERS = {
    "en": "1,234,567.5", "zh": "1,234,567.5", "ar": "1,234,567.5",
    "fr": "1\u202f234\u202f567,5", "ru": "1\u00a0234\u00a0567,5", "es": "1.234.567,5",
}


@pytest.mark.parametrize("lang", sorted(NUMBERS))
def test_pdf_numbers_are_in_the_language_format(lang):
    """The PDF filters write numbers with the language's separators, read back from a PDF."""
    from exports.i18n import pdf_environment, text_direction
    from exports.pdf import render_pdf

    html = pdf_environment(lang).from_string(
        '<html lang="{{ lang }}" dir="{{ dir }}"><body><p>{{ value|number }}</p>'
        "<p>{{ day|date }}</p></body></html>").render(
        value=1234567.5, day=EXPECTED_DAY, lang=lang, dir=text_direction(lang))
    raw = "".join(pdftotext_pages(render_pdf(html, lang=lang)))
    spaced = raw.replace("\u202f", " ").replace("\u00a0", " ")
    assert NUMBERS[lang].replace("\u202f", " ").replace("\u00a0", " ") in spaced
    for piece in comparable_pieces(EXPECTED[lang][0]):
        assert piece in normalize(raw)
