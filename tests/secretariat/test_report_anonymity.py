"""The anonymous report: small cells pooled (pure), and no State recognisable in the PDF."""

from __future__ import annotations

import re
import unicodedata

import pytest

from questionnaire.report.anonymity import Cell, merge_small_cells
from questionnaire.report.inputs import GROUP_ORDER
from questionnaire.report.naming import names_a_state, state_names
from tests.exports.pdf_inspect import BIDI_CONTROLS, normalize
from tests.secretariat.report_data import BY_CODE, NAMING, NEUTRAL, STATES

LANGUAGES = ("ar", "zh", "en", "es", "fr", "ru")
# The report (tests/secretariat/report_data.py, anonymous_model): Iran is the only signatory
# and the only Asia-Pacific respondent; Kenya's quote names Iran, the others' name no State.
# Built once per language by tests/secretariat/conftest.py (anonymous_report), whose builds
# tests/secretariat/test_report.py reads too: one xdist group.
pytestmark = pytest.mark.xdist_group("anonymous-report")


# ---------------------------------------------------------------- pure: small cells


def test_groups_of_three_or_more_stand_alone():
    cells = merge_small_cells({"african": 3, "eastern_european": 5}, GROUP_ORDER)
    assert cells == [Cell(("african",), 3), Cell(("eastern_european",), 5)]


def test_small_groups_are_pooled_together_when_the_pool_reaches_three():
    cells = merge_small_cells({"african": 4, "asia_pacific": 1, "eastern_european": 2},
                              GROUP_ORDER)
    assert cells == [Cell(("african",), 4), Cell(("asia_pacific", "eastern_european"), 3)]
    assert cells[1].pooled and not cells[0].pooled


def test_a_pool_still_too_small_takes_in_the_smallest_group_shown():
    cells = merge_small_cells({"african": 3, "asia_pacific": 1,
                               "latin_american_caribbean": 3, "none": 0}, GROUP_ORDER)
    assert cells == [Cell(("latin_american_caribbean",), 3),
                     Cell(("african", "asia_pacific"), 4)]
    assert all(cell.count >= 3 for cell in cells)


def test_too_few_respondents_give_no_breakdown():
    assert merge_small_cells({"african": 1, "asia_pacific": 1}, GROUP_ORDER) == \
        [Cell(("african", "asia_pacific"), 2)]
    assert merge_small_cells({"party": 6, "signatory": 1}, ("party", "signatory")) == \
        [Cell(("party", "signatory"), 7)]
    assert merge_small_cells({}, GROUP_ORDER) == []


REGISTRY_NAMES = state_names((name for state in STATES for name in state.names.values()),
                             (state.iso3 for state in STATES))


def test_quotes_naming_a_state_are_found_in_any_script():
    pattern = REGISTRY_NAMES
    assert names_a_state(NAMING, pattern)
    assert names_a_state("Cooperation with bolivia improved.", pattern)  # short form, any case
    assert names_a_state("与肯尼亚的合作", pattern)
    assert names_a_state("التعاون مع كينيا", pattern)
    assert not names_a_state(NEUTRAL, pattern)
    assert not names_a_state("Chadwick met Nigeriansen", pattern)  # words, in Latin script
    assert names_a_state("Сотрудничество с Кенией и Российской Федерацией", pattern)
    assert not names_a_state("На китайском языке; малые суда", pattern)
    assert not names_a_state("向发展中国家提供援助；الترجمة إلى الصينية", pattern)


# ---------------------------------------------------------------- the PDF in six languages

#: Words that contain a State's name without naming it: "developing countries" and "Spanish"
#: (zh); in Arabic, "مالي" is also the adjective "financial" (checked apart).
NOT_NAMES = ("发展中国家", "西班牙语", "西班牙文")
AMBIGUOUS = {"ar": {"مالي"}}


def _folded(text: str) -> str:
    text = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    # Lines break inside Chinese words ("西班牙 语" at the end of a table cell).
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)
    for word in NOT_NAMES:
        text = text.replace(word, " ")
    return " ".join(text.split())


def _names(name: str, text: str) -> bool:
    """Whether ``text`` names ``name``: as a word in Latin and Cyrillic script; not followed
    by a letter in Arabic (الصينية is the Chinese language); anywhere in Chinese."""
    if re.search("[\u4e00-\u9fff]", name):
        return name in text
    if re.search("[\u0600-\u06ff]", name):
        return re.search(rf"{re.escape(name)}(?!\w)", text) is not None
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_anonymous_report_names_and_singles_out_no_state(anonymous_report, lang):
    built = anonymous_report(lang)
    report, pages = built.report, built.pages
    assert report["respondents"] == [] and report["states"] == []
    text = _folded(" ".join(pages))
    for state in STATES:
        for name in {state.name(lang), state.name("en")} - AMBIGUOUS.get(lang, set()):
            assert not _names(name, text), (lang, state.iso3, name)
    text = normalize(text)
    assert normalize("Islamic Republic") not in text
    if lang == "en":
        body = " ".join(pages)
        assert NEUTRAL in body  # quotes that name no State stay
        assert "1 answer that names a State is not quoted" in body
        assert "Categories with fewer than three responding States are combined" in body
        # The Asia-Pacific respondent is pooled with the African ones; no status breakdown
        # would show the one signatory.
        invited = sum(1 for s in STATES if s.group in ("african", "asia_pacific"))
        assert f"Combined: African States; Asia-Pacific States {invited} 4" in body
        assert "Signatory" not in body and "Convention status" not in body
        assert "Latin American and Caribbean States 33 3" in body
        # The method says why non-parties' answers are not in this version.
        assert normalize("are not parties to the Convention") in normalize(body)
    assert BY_CODE["IRN"].group == "asia_pacific"
