"""The front page in every language: the UN masthead (fixed tokens), the date, the meeting;
and counts in the plural forms of each language."""

from __future__ import annotations

import pytest

from exports.i18n import pdf_environment
from exports.report.masthead import masthead
from exports.report.parts import front_part
from exports.report.render import render_part
from tests.exports.pdf_inspect import comparable_pieces, normalize, pdftotext_pages
from tests.secretariat.report_data import MEETING, model

SYMBOL = "CTOC/COP/WG.12/2027/2"
# What UN documents print in each language version (domain review, section 4.2 and 6.1).
MASTHEADS = {
    "en": ("Distr.: General", None, "Original: English"),
    "ar": ("Distr.: General", "Arabic", "Original: English"),
    "zh": ("Distr.: General", "Chinese", "Original: English"),
    "ru": ("Distr.: General", "Russian", "Original: English"),
    "fr": ("Distr. générale", "Français", "Original : anglais"),
    "es": ("Distr. general", "Español", "Original: inglés"),
}
EXPERT_GROUP = {
    "en": "Open-ended intergovernmental expert group on crimes that affect the environment",
    "fr": "Groupe intergouvernemental d'experts à composition non limitée sur les infractions "
          "qui portent atteinte à l'environnement",
    "es": "Grupo intergubernamental de expertos de composición abierta sobre los delitos que "
          "afectan al medio ambiente",
    "ru": "Межправительственная группа экспертов открытого состава по преступлениям, "
          "затрагивающим окружающую среду",
    "ar": "فريق الخبراء الحكومي الدولي المفتوح العضوية المعني بالجرائم التي تمس البيئة",
    "zh": "不限成员名额政府间专家组",
}
AGENDA = {"en": "Item 2 of the provisional agenda", "fr": "Point 2 de l'ordre du jour provisoire",
          "es": "Tema 2 del programa provisional", "ru": "Пункт 2 предварительной повестки дня",
          "ar": "البند 2 من جدول الأعمال المؤقت", "zh": "临时议程项目2"}


def test_masthead_tokens_follow_un_practice():
    for lang, (distribution, version, original) in MASTHEADS.items():
        assert masthead(lang, "en") == {"distribution": distribution, "version": version,
                                        "original": original}
    assert masthead("en", "fr")["original"] == "Original: French"
    assert masthead("fr", "es")["original"] == "Original : espagnol"


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(MASTHEADS))
def test_front_page_in_every_language(lang):
    report = model(("KEN",), lang=lang, symbol=SYMBOL, **MEETING)
    pdf = render_part(front_part(report, []).html, lang).pdf
    text = normalize(" ".join(pdftotext_pages(pdf)))
    date = pdf_environment(lang).filters["date"]
    from datetime import date as day

    expected = [SYMBOL, *[token for token in MASTHEADS[lang] if token], EXPERT_GROUP[lang],
                AGENDA[lang], date(day(2026, 12, 3))]
    if lang == "en":
        expected += ["3 December 2026", "Vienna, 24–26 February 2027"]
    for phrase in expected:
        for piece in comparable_pieces(phrase):
            assert piece in text, (lang, phrase, piece)
    assert "WG.x" not in text


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", {1: "1 State", 2: "2 States", 21: "21 States"}),
    ("fr", {1: "1 État", 2: "2 États"}),
    ("es", {1: "1 Estado", 5: "5 Estados"}),
    ("ru", {1: "1 государство", 3: "3 государства", 5: "5 государств", 21: "21 государство"}),
    ("ar", {1: "دولة واحدة", 2: "دولتان", 3: "3 دول", 11: "11 دولة"}),
    ("zh", {1: "1个国家", 7: "7个国家"}),
])
def test_counts_take_the_plural_form_of_the_language(lang, counts):
    macros = pdf_environment(lang).get_template("pdf/report/macros.html").make_module({})
    for number, expected in counts.items():
        assert str(macros.states(number)).strip() == expected, (lang, number)


def test_no_examples_lead_in_without_quotes():
    template = pdf_environment("en").get_template("pdf/report/kinds/texts.html")
    paragraph = {"number": "1.9", "label": "Challenges", "paragraphs": [1], "articles": "",
                 "answered": 0,
                 "quotes": [], "withheld": 0, "more": 0}
    html = template.render(p=paragraph, model={"anonymous": True},
                           language_name=lambda code: code)
    assert "Examples" not in html and "No State answered in its own words." in html
