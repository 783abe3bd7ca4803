"""Each finding by provision states its provision, its legal force and the rationale of the
rules that classify it, in the report's language (read back from the PDF with poppler)."""

from __future__ import annotations

import re

import pytest

from exports.report.parts import body_parts
from exports.report.render import render_part
from questionnaire.analysis import basis_term
from questionnaire.legal_force import Basis
from questionnaire.vocabulary import term
from tests.exports.pdf_inspect import normalize, pdftotext_pages
from tests.secretariat.report_data import DEFINITION, model

# Its module fixtures are built once: all its tests on one worker.
pytestmark = pytest.mark.xdist_group("report-rationales")

RESPONDENTS = ("KEN", "MEX", "NOR")
LANGUAGES = ("ar", "zh", "en", "es", "fr", "ru")


def _provisions(report: dict) -> list[dict]:
    chapter = next(c for c in report["chapters"] if c["key"] == "findings_a")
    return [p for s in chapter["sections"] for p in s["paragraphs"] if p["kind"] == "provision"]


def test_every_provision_carries_the_rationale_of_each_rule_measuring_it():
    report = model(RESPONDENTS, lang="fr")
    for provision in report["provisions"]:
        keys = list(dict.fromkeys(row["key"] for row in provision["questions"]))
        assert [reason["text"] for reason in provision["reasons"]] == [
            DEFINITION.question(key).legal_force.rationale.get("fr") for key in keys]


@pytest.fixture(scope="module", params=LANGUAGES)
def first_tables(request):
    """The first part of chapter III (its provision tables) rendered in one language."""
    report = model(RESPONDENTS, lang=request.param)
    part = next(p for p in body_parts(report) if p.key == "chapter-findings_a-1")
    pages = pdftotext_pages(render_part(part.html, request.param).pdf)
    # Each page opens with the running header; without it a rationale split by a page break
    # reads on.
    text = _fold(" ".join(page.strip().split("\n", 1)[-1] for page in pages))
    return request.param, report, text


def _fold(text: str) -> str:
    """Whitespace out, and hyphens (a word broken at a line end loses its own)."""
    return normalize(text).replace("-", "").replace("\u00ad", "")


def _in(expected: str, text: str) -> bool:
    """Whether ``expected`` is in the folded page text: whole in left-to-right scripts; in
    Arabic word by word (poppler reorders the runs of a right-to-left line around quotes,
    digits and Latin letters), and a provision's brackets mirrored."""
    if re.search("[\u0600-\u06ff]", expected):
        return all(_fold(word) in text for word in re.findall(r"[\u0600-\u06ff]{3,}", expected))
    mirrored = expected.translate(str.maketrans("()", ")("))
    return _fold(expected) in text or _fold(mirrored) in text


@pytest.mark.slow
def test_the_pdf_states_provision_legal_force_and_rationale(first_tables):
    lang, report, text = first_tables
    shown = [p for p in _provisions(report) if all(_in(name, text) for name in p["provisions"])]
    assert len(shown) >= 3, lang
    lead = {"en": "Reason for the classification", "fr": "Motif de la classification",
            "es": "Motivo de la clasificación", "ru": "Основание для классификации",
            "zh": "分类理由", "ar": "سبب التصنيف"}[lang]
    for provision in shown:
        assert _in(provision["basis_label"], text), (lang, provision["provision"])
        for reason in provision["reasons"]:
            assert _in(reason["text"], text), (lang, provision["provision"], reason["text"])
    assert _in(lead, text), lang
    # The words of the legal force are the vocabulary's, in the report's language.
    assert _in(term(lang, basis_term(Basis.obligation)), text)
