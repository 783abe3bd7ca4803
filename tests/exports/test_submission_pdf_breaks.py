"""Page breaks of the submission PDF, on a real render: no question heading alone at the foot
of a page."""

from __future__ import annotations

import pytest
from pdf_inspect import normalize, pdftotext_pages

from exports.submission_pdf import render_submission_pdf
from testing.sample_data import sample_submission

# Its module fixtures are built once: all its tests on one worker.
pytestmark = pytest.mark.xdist_group("submission-pdf-breaks")

QUESTIONS = 36
WORDS = ("the", "competent", "authority", "records", "each", "case", "and", "reports", "it",
         "to", "the", "registry")


def _long_submission() -> dict:
    """One section of questions whose answers run from one line to a dozen, so that question
    headings fall at every height of the page."""
    data = sample_submission("en")
    section = data["sections"][0]
    template = section["questions"][0]
    section["questions"] = []
    for index in range(1, QUESTIONS + 1):
        length = 4 + (index * 37) % 90
        answer = " ".join(WORDS[i % len(WORDS)] for i in range(length))
        section["questions"].append({
            **template, "key": f"q.{index}", "number": f"1.{index}",
            "label": f"Question {index:02d}: which measures apply to this kind of offence?",
            "help": "", "display": {"kind": "text", "text": f"Answer {index:02d} begins {answer}"},
        })
    data["sections"] = [section]
    return data


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return [normalize(page) for page in pdftotext_pages(render_submission_pdf(_long_submission()))]


def test_the_document_spans_several_pages(pages):
    assert len(pages) >= 6


def test_no_question_heading_is_left_at_the_foot_of_a_page(pages):
    def page_of(text: str) -> int:
        return next(index for index, page in enumerate(pages) if normalize(text) in page)

    split = [index for index in range(1, QUESTIONS + 1)
             if page_of(f"Question {index:02d}:") != page_of(f"Answer {index:02d} begins")]
    assert split == []
