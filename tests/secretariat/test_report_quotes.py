"""Which answers the report quotes: spread over regional groups and over States, reproducibly."""

from __future__ import annotations

from collections import Counter

from questionnaire.report.findings import MAX_QUOTES, quoted_states
from tests.secretariat.report_data import STATES

PARTIES = [s.iso3 for s in STATES if s.group]
GROUPS = {s.iso3: s.group for s in STATES}


def test_quotes_come_from_as_many_groups_as_answered():
    chosen = quoted_states("op5.gaps.explain", PARTIES, GROUPS)
    assert len(chosen) == MAX_QUOTES
    assert len({GROUPS[state] for state in chosen}) == MAX_QUOTES


def test_the_same_question_quotes_the_same_states_on_every_build():
    assert quoted_states("op1.leg.notes", PARTIES, GROUPS) == quoted_states(
        "op1.leg.notes", list(reversed(PARTIES)), GROUPS)


def test_not_always_the_first_states_of_the_alphabet():
    """Registry order put Afghanistan, Albania, Algeria and Andorra under every question."""
    keys = [f"q{number}" for number in range(200)]
    quoted = Counter(state for key in keys for state in quoted_states(key, PARTIES, GROUPS))
    assert quoted["AFG"] < len(keys) / 4
    assert len(quoted) > len(PARTIES) * 0.9


def test_fewer_answers_than_quotes_are_all_quoted():
    assert sorted(quoted_states("k", ["KEN", "MEX"], GROUPS)) == ["KEN", "MEX"]
    assert quoted_states("k", [], GROUPS) == []
