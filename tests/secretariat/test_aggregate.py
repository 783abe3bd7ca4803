"""Aggregation over a small hand-made dataset: every figure below is computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire.aggregate import (
    NO_GROUP,
    Respondent,
    Selection,
    aggregate,
    group_counts,
    ranked_choices,
    select,
)
from questionnaire.loader import load_definition

DEFINITION_FILE = (Path(__file__).resolve().parents[2] / "questionnaire" / "definitions"
                   / "res-12-4" / "v1.yaml")
DEFINITION = load_definition(DEFINITION_FILE)

KEN = Respondent("KEN", "african", "party", {
    "op1.leg.serious_crime": "yes",
    "gen.coordination": ["interagency_meetings", "written_consultation"],
    "op1.coop.mla_requests_sent": 4,
    "op5.protocol.view": "support",
    "op5.protocol.elements": ["offences", "victims"],
    "op1.leg.challenges": "Weak inter-agency coordination.",
    "op1.enf.statistics": {"2023": {"offences_recorded": 10, "persons_prosecuted": "not_known"}},
    "op1.leg.crime_matrix": {
        "wildlife": {"criminalized": "yes", "max_penalty": {"kind": "term", "years": 10}},
        "timber": {"criminalized": "partly", "max_penalty": {"kind": "term", "years": 2}},
    },
}, accepted=True)
NGA = Respondent("NGA", "african", "party", {
    "op1.leg.serious_crime": "partly",
    "gen.coordination": ["interagency_meetings"],
    "op1.coop.mla_requests_sent": 10,
    "op5.protocol.view": "oppose",
    "op1.enf.statistics": {"2023": {"offences_recorded": 5, "persons_prosecuted": 2}},
    "op1.leg.crime_matrix": {
        "wildlife": {"criminalized": "yes", "max_penalty": {"kind": "life"}},
    },
})
MEX = Respondent("MEX", "latin_american_caribbean", "party", {
    "op1.leg.serious_crime": "no",
    "gen.coordination": ["standing_mechanism"],
    "op1.coop.mla_requests_sent": 1,
    "op5.protocol.view": "undecided",
    "op5.protocol.elements": ["victims"],
    "op1.leg.challenges": "Falta de recursos.",
}, accepted=True)
USA = Respondent("USA", None, "party", {
    "op1.leg.serious_crime": "yes",
    "op1.coop.mla_requests_sent": "many",  # invalid: counts as not answered
})
ALL = [KEN, NGA, MEX, USA]


@pytest.fixture(scope="module")
def result():
    return aggregate(DEFINITION, ALL, "en")


def choice_counts(summary):
    return {row["value"]: (row["count"], row["percent"]) for row in summary["rows"]}


def test_yes_partly_no_counts_percentages_and_groups(result):
    item = result["op1.leg.serious_crime"]
    assert (item.respondents, item.answered, item.not_answered, item.not_applicable) == (4, 4, 0, 0)
    counts = choice_counts(item.summary)
    assert counts["yes"] == (2, 50.0)
    assert counts["partly"] == (1, 25.0)
    assert counts["no"] == (1, 25.0)
    african = choice_counts(item.by_group["african"])
    assert african["yes"] == (1, 50.0) and african["partly"] == (1, 50.0)
    assert set(item.by_group) == {"african", "latin_american_caribbean", NO_GROUP}


def test_multiple_choice_counts_each_value(result):
    item = result["gen.coordination"]
    assert item.answered == 3 and item.not_answered == 1
    counts = choice_counts(item.summary)
    assert counts["interagency_meetings"] == (2, 66.7)
    assert counts["written_consultation"] == (1, 33.3)
    assert counts["standing_mechanism"] == (1, 33.3)
    assert counts["other"] == (0, 0.0)


def test_numbers_count_min_median_max_sum(result):
    item = result["op1.coop.mla_requests_sent"]
    assert item.answered == 3 and item.not_answered == 1
    summary = item.summary
    assert (summary["count"], summary["min"], summary["median"], summary["max"], summary["sum"]) \
        == (3, 1, 4, 10, 15)


def test_questions_hidden_by_relevance_are_not_applicable(result):
    item = result["op5.protocol.elements"]
    # NGA opposes and USA did not answer the view: the elements question is hidden for both.
    assert (item.answered, item.not_answered, item.not_applicable) == (2, 0, 2)
    assert choice_counts(item.summary)["victims"] == (2, 100.0)
    ranked = ranked_choices(item.summary)
    assert ranked[0]["value"] == "victims" and ranked[1]["value"] == "offences"


def test_free_text_is_compiled_with_the_state(result):
    item = result["op1.leg.challenges"]
    assert item.summary["items"] == [("KEN", "Weak inter-agency coordination."),
                                     ("MEX", "Falta de recursos.")]


def test_statistics_totals_and_not_known(result):
    summary = result["op1.enf.statistics"].summary
    assert summary["totals"]["2023"]["offences_recorded"] == 15
    assert summary["reporting"]["2023"]["persons_prosecuted"] == 1
    assert summary["not_known"]["2023"]["persons_prosecuted"] == 1


def test_crime_matrix_summarises_each_column_per_crime_type(result):
    rows = {row["crime_type"]: row for row in result["op1.leg.crime_matrix"].summary["rows"]}
    wildlife = rows["wildlife"]["columns"]
    assert choice_counts(wildlife["criminalized"])["yes"] == (2, 100.0)
    assert wildlife["max_penalty"]["meets_threshold"] == 2
    assert wildlife["max_penalty"]["life"] == 1
    timber = rows["timber"]["columns"]
    assert timber["max_penalty"]["meets_threshold"] == 0 and timber["max_penalty"]["answered"] == 1


def test_filters_by_group_party_status_and_accepted_only():
    assert [r.iso3 for r in select(ALL, Selection(groups=frozenset({"african"})))] == ["KEN", "NGA"]
    assert [r.iso3 for r in select(ALL, Selection(groups=frozenset({NO_GROUP})))] == ["USA"]
    assert [r.iso3 for r in select(ALL, Selection(accepted_only=True))] == ["KEN", "MEX"]
    assert select(ALL, Selection(party_statuses=frozenset({"signatory"}))) == []
    accepted = aggregate(DEFINITION, select(ALL, Selection(accepted_only=True)), "en")
    assert choice_counts(accepted["op1.leg.serious_crime"].summary)["yes"] == (1, 50.0)


def test_group_counts():
    assert group_counts(ALL) == {"african": 2, "latin_american_caribbean": 1, NO_GROUP: 1}




