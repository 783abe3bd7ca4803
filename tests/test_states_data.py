"""Integrity checks for the State registry data file ``models/data/states.json``."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

STATES_FILE = Path(__file__).parents[1] / "models/data/states.json"
LANGUAGES = {"ar", "zh", "en", "es", "fr", "ru"}
GROUPS = {
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_other",
}


@pytest.fixture(scope="module")
def states() -> list[dict[str, Any]]:
    return json.loads(STATES_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_iso3(states: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["iso3"]: s for s in states}


def test_has_198_entries_sorted_by_iso3(states: list[dict[str, Any]]) -> None:
    codes = [s["iso3"] for s in states]
    assert len(states) == 198
    assert codes == sorted(codes)


def test_iso3_codes_are_unique_upper_case_letters(states: list[dict[str, Any]]) -> None:
    codes = [s["iso3"] for s in states]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_m49_codes_are_unique_three_digits_except_eu(states: list[dict[str, Any]]) -> None:
    codes = [s["m49"] for s in states if s["iso3"] != "EUU"]
    assert len(set(codes)) == len(codes) == 197
    assert all(isinstance(c, str) and re.fullmatch(r"\d{3}", c) for c in codes)
    assert next(s for s in states if s["iso3"] == "EUU")["m49"] is None


def test_every_entry_has_six_non_empty_names(states: list[dict[str, Any]]) -> None:
    for state in states:
        names = state["names"]
        assert set(names) == LANGUAGES, state["iso3"]
        assert all(isinstance(n, str) and n.strip() for n in names.values()), state["iso3"]


def test_english_names_are_unique(states: list[dict[str, Any]]) -> None:
    names = [s["names"]["en"] for s in states]
    assert len(set(names)) == len(names)


def test_type_counts(states: list[dict[str, Any]]) -> None:
    assert Counter(s["type"] for s in states) == {
        "member": 193,
        "observer": 2,
        "non_member_party": 2,
        "regional_organization": 1,
    }


def test_non_members_are_the_expected_entities(by_iso3: dict[str, dict[str, Any]]) -> None:
    assert by_iso3["VAT"]["type"] == by_iso3["PSE"]["type"] == "observer"
    assert by_iso3["COK"]["type"] == by_iso3["NIU"]["type"] == "non_member_party"
    assert by_iso3["EUU"]["type"] == "regional_organization"


def test_regional_group_counts(states: list[dict[str, Any]]) -> None:
    counts = Counter(s["regional_group"] for s in states if s["regional_group"] is not None)
    assert counts == {
        "african": 54,
        "asia_pacific": 54,
        "eastern_european": 23,
        "latin_american_caribbean": 33,
        "western_european_other": 28,
    }


def test_only_members_have_a_regional_group(states: list[dict[str, Any]]) -> None:
    for state in states:
        if state["type"] != "member":
            assert state["regional_group"] is None, state["iso3"]


def test_other_groups_are_known_group_names(states: list[dict[str, Any]]) -> None:
    for state in states:
        assert isinstance(state["other_groups"], list), state["iso3"]
        assert set(state["other_groups"]) <= GROUPS, state["iso3"]
        assert state["regional_group"] not in state["other_groups"], state["iso3"]


def test_united_states_has_no_group_and_a_note(by_iso3: dict[str, dict[str, Any]]) -> None:
    usa = by_iso3["USA"]
    assert usa["regional_group"] is None
    assert usa["note"]


def test_turkiye_kiribati_and_israel_groups(by_iso3: dict[str, dict[str, Any]]) -> None:
    assert by_iso3["TUR"]["regional_group"] == "western_european_other"
    assert by_iso3["TUR"]["other_groups"] == ["asia_pacific"]
    assert by_iso3["ISR"]["regional_group"] == "western_european_other"
    assert by_iso3["KIR"]["regional_group"] == "asia_pacific"


def test_party_dates_are_valid_and_only_parties_have_them(states: list[dict[str, Any]]) -> None:
    for state in states:
        party = state["party"]
        assert party["status"] in {"party", "signatory", "non_party"}, state["iso3"]
        if party["status"] == "party" and party["date"] is not None:
            ratified = date.fromisoformat(party["date"])
            assert date(2000, 12, 12) <= ratified <= date.today(), state["iso3"]
        elif party["status"] == "party":  # a party whose date is not known says so
            assert "not known" in state["note"], state["iso3"]
        else:
            assert party["date"] is None, state["iso3"]


def test_party_count_includes_non_member_parties(by_iso3: dict[str, dict[str, Any]]) -> None:
    parties = {code for code, s in by_iso3.items() if s["party"]["status"] == "party"}
    assert {"EUU", "COK", "NIU", "VAT", "PSE"} <= parties
    assert 185 <= len(parties) <= 198


def test_notes_are_non_empty_strings(states: list[dict[str, Any]]) -> None:
    for state in states:
        if "note" in state:
            assert isinstance(state["note"], str) and state["note"].strip(), state["iso3"]


@pytest.mark.parametrize(
    ("iso3", "language", "expected"),
    [
        ("TUR", "en", "Türkiye"),
        ("BOL", "en", "Bolivia (Plurinational State of)"),
        ("BOL", "es", "Bolivia (Estado Plurinacional de)"),
        ("CHN", "zh", "中国"),
        ("RUS", "ru", "Российская Федерация"),
        ("RUS", "en", "Russian Federation"),
        ("FRA", "fr", "France"),
        ("EGY", "ar", "مصر"),
        ("IRN", "en", "Iran (Islamic Republic of)"),
        ("NLD", "en", "Netherlands (Kingdom of the)"),
        ("CIV", "en", "Côte d'Ivoire"),
        ("CZE", "en", "Czechia"),
        ("VNM", "en", "Viet Nam"),
        ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
        ("PRK", "en", "Democratic People's Republic of Korea"),
        ("KOR", "fr", "République de Corée"),
        ("MDA", "en", "Republic of Moldova"),
        ("TZA", "en", "United Republic of Tanzania"),
        ("LAO", "en", "Lao People's Democratic Republic"),
        ("FSM", "en", "Micronesia (Federated States of)"),
        ("VEN", "en", "Venezuela (Bolivarian Republic of)"),
        ("SYR", "en", "Syrian Arab Republic"),
        ("PSE", "en", "State of Palestine"),
        ("VAT", "en", "Holy See"),
        ("EUU", "en", "European Union"),
        ("USA", "zh", "美利坚合众国"),
        ("DEU", "es", "Alemania"),
    ],
)
def test_un_short_names(
    by_iso3: dict[str, dict[str, Any]], iso3: str, language: str, expected: str
) -> None:
    assert by_iso3[iso3]["names"][language] == expected
