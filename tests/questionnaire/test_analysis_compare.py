"""A cycle on version 2 compared with an earlier cycle on version 1, through the `replaces`
mapping, by provision: counts of the parties on the same questions and rules, no State."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire.analysis import Counts, Respondent, analyse, compare
from questionnaire.analysis.compare import compared_questions
from questionnaire.loader import load_definition
from questionnaire.version_map import VersionMap
from tests.secretariat.report_data import BY_CODE
from tests.secretariat.report_data import DEFINITION as V1
from web.cli.demo_answers import context_for, demo_answers

V2 = load_definition(Path(__file__).parents[2] / "questionnaire" / "definitions" / "res-12-4"
                     / "v2.yaml")
EARLIER = ("KEN", "MEX", "NOR", "PNG")  # PNG: not a party, never counted
LATER = ("KEN", "MEX", "JPN")


def _respondents(definition, codes, extra=None):
    return [Respondent({**demo_answers(definition, context_for(code, BY_CODE[code].group, 7)),
                        **(extra or {}).get(code, {})}, BY_CODE[code].measured)
            for code in codes]


def test_only_questions_that_replace_one_of_version_1_are_compared():
    compared, others = compared_questions(V1, V2)
    assert "op1.leg.participation" in compared and "op1.leg.independent_offences" in compared
    # New in version 2 (articles 18(9), 16(10)): nothing to compare them with.
    assert "op1.coop.mla_dual_criminality" in others and "op1.coop.aut_dedere" in others
    assert not set(compared) & set(others)


def test_the_earlier_cycle_is_counted_by_the_later_versions_rules_on_its_carried_answers():
    earlier = _respondents(V1, EARLIER, {"KEN": {"op1.leg.domestic_offences": "yes"},
                                          "MEX": {"op1.leg.domestic_offences": "no"}})
    later = _respondents(V2, LATER)
    result = compare(V1, earlier, V2, later)
    assert (result.earlier_version, result.later_version) == ("1", "2")
    assert (result.earlier_respondents, result.later_respondents) == (3, 3)
    for change in result.provisions:
        assert change.earlier.total == 3 and change.later.total == 3, change.provision
        assert set(change.questions) <= set(result.compared)
    # The same numbers as analysing the carried answers with version 2 directly.
    mapping = VersionMap(V1, V2)
    carried = [Respondent(mapping.translate(r.answers).values, r.measured) for r in earlier]
    direct = analyse(V2, carried, result.compared).measured
    assert {(p.provision, p.basis): p.counts for p in direct.provisions} == \
        {(c.provision, c.basis): c.earlier for c in result.provisions}
    # Article 34(2): version 1's "yes" carries over as all four offences (in place), "no" as
    # none of them; version 2's rule measures both cycles.
    art_34 = next(c for c in result.provisions if c.provision == "UNTOC 34(2)")
    assert art_34.earlier.in_place >= 1
    assert art_34.questions == ("op1.leg.independent_offences",)
    # Provisions only new questions measure are not in the comparison.
    assert not any(c.provision == "UNTOC 18(9)" for c in result.provisions)


def test_no_state_is_named_and_the_versions_must_differ():
    result = compare(V1, _respondents(V1, ("KEN",)), V2, _respondents(V2, ("KEN",)))
    text = repr(result)
    for code in ("KEN", "Kenya"):
        assert code not in text
    assert isinstance(result.provisions[0].earlier, Counts)
    with pytest.raises(ValueError):
        compare(V2, [], V2, [])
