"""Version 2's rules: a rationale of its own for every rule, in six languages; article 34(2)
measured with an "all of" rule that `questionnaire validate` checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from questionnaire import LANGUAGES, provisions
from questionnaire.fields import field_type_for
from questionnaire.gaps import GapStatus
from questionnaire.legal_force import Basis
from questionnaire.loader import load_definition
from tests.questionnaire.test_questionnaire_loader import (
    T,
    definition_text,
    find,
    problems_of,
)

V2 = load_definition(Path(__file__).parents[2] / "questionnaire" / "definitions" / "res-12-4"
                     / "v2.yaml")
RULED = [q for q in V2.questions if q.gap is not None]
OFFENCES = ["participation", "laundering", "corruption", "obstruction"]


def test_every_rule_has_a_rationale_of_its_own_in_six_languages():
    assert len(RULED) == 61
    for lang in LANGUAGES:
        texts = [q.legal_force.rationale.get(lang) for q in RULED if q.legal_force]
        assert len(texts) == len(RULED)
        assert len(set(texts)) == len(texts), lang  # no sentence shared between two rules


def test_a_binding_or_optional_rationale_names_the_article_it_rests_on():
    for question in RULED:
        force = question.legal_force
        assert force is not None
        if force.basis not in (Basis.obligation, Basis.optional):
            continue
        english = force.rationale.get("en")
        numbers = {re.match(r"\d+", provisions.parse(ref).article.split()[-1]).group(0)
                   for ref in force.provisions if ref.startswith(("UNTOC", "UNCAC"))}
        assert any(re.search(rf"\barticles? [\d, and()a-z]*\b{n}\b", english, re.IGNORECASE)
                   for n in numbers), (question.key, numbers, english)


def test_article_34_2_is_measured_on_all_four_offences():
    question = V2.question("op1.leg.independent_offences")
    force = question.legal_force
    assert force is not None and force.basis is Basis.obligation
    assert force.provisions == ("UNTOC 34(2)",)
    gap = field_type_for(question).gap
    assert gap(OFFENCES) is GapStatus.in_place
    assert gap(list(reversed(OFFENCES))) is GapStatus.in_place
    assert gap(["laundering", "obstruction"]) is GapStatus.partly
    assert gap(["none"]) is GapStatus.gap
    assert gap(None) is GapStatus.no_answer


def _choice_question(rule: str) -> str:
    return f"""\
- key: q.offences
  type: multiple_choice
  label: {T}
  tags: {{paragraphs: [1]}}
  options:
  - {{value: a, label: {T}}}
  - {{value: b, label: {T}}}
  - {{value: none, label: {T}}}
  gap:
    basis: obligation
    provisions: ["UNTOC 34(2)"]
    rationale: {T}
{rule}
"""


@pytest.mark.parametrize(("rule", "message"), [
    ("    in_place_if_all: [a, c]", "gap rule 'in_place_if_all' names unknown value 'c'"),
    ("    in_place_if_all: []", "gap rule 'in_place_if_all' must be a non-empty list"),
    ("    in_place_if_all: a", "gap rule 'in_place_if_all' must be a non-empty list"),
])
def test_an_all_of_rule_is_checked_by_the_validator(rule, message):
    problem = find(problems_of(definition_text(_choice_question(rule))), message)
    assert problem.key == "q.offences"


def test_an_all_of_rule_loads():
    from questionnaire.loader import load_definition_text

    definition = load_definition_text(definition_text(_choice_question(
        "    in_place_if_all: [a, b]\n    partly_if_any: [a, b]\n    gap_if_only: [none]")))
    gap = field_type_for(definition.question("q.offences")).gap
    assert [gap(["a", "b"]), gap(["b"]), gap(["none"])] == \
        [GapStatus.in_place, GapStatus.partly, GapStatus.gap]
