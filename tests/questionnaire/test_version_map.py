"""Questionnaire version 2 and the way version 1 answers are carried into it."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from questionnaire import LANGUAGES
from questionnaire.fields import field_type_for
from questionnaire.gaps import GapStatus
from questionnaire.loader import DefinitionError, load_definition, load_definition_text
from questionnaire.version_map import MappingError, VersionMap, version_map
from web.cli.demo_answers import context_for, demo_answers

DEFINITIONS = Path(__file__).parents[2] / "questionnaire" / "definitions" / "res-12-4"
V1_PATH, V2_PATH = DEFINITIONS / "v1.yaml", DEFINITIONS / "v2.yaml"


@pytest.fixture(scope="module")
def v1():
    return load_definition(V1_PATH)


@pytest.fixture(scope="module")
def v2():
    return load_definition(V2_PATH)


def v2_text_with(old: str, new: str) -> str:
    text = V2_PATH.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def texts_of(value: Any) -> Iterator[str]:
    """Every non-empty string inside an answer (keys of rows excluded)."""
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item)


# ------------------------------------------------------------------ version 2 itself

def test_v2_loads_with_every_text_in_six_languages(v2):
    assert (v2.id, v2.version) == ("res-12-4", "2")
    texts = [v2.title, v2.description, *(q.label for q in v2.questions),
             *(q.help for q in v2.questions if q.help),
             *(o.label for q in v2.questions for o in q.options),
             *(c.label for c in v2.crime_types)]
    assert all(text.missing() == [] for text in texts)
    assert set(LANGUAGES) == {"ar", "zh", "en", "es", "fr", "ru"}


def test_v2_crime_types_match_unodc_global_analysis(v2):
    assert [c.key for c in v2.crime_types] == [
        "deforestation_logging", "mining", "air_pollution", "noise_pollution", "soil_pollution",
        "water_pollution", "fishing", "waste", "wildlife", "ozone_substances", "other"]


def test_v2_asks_the_missing_articles(v2):
    tagged = {article for q in v2.questions for article in q.articles}
    assert {"11(5)", "15(3)", "15(4)", "16(5)(a)", "16(10)", "17", "18(9)", "12(8)",
            "13(1)(b)", "UNCAC 31(3)", "UNCAC 54(1)(c)", "UNCAC 33"} <= tagged
    for key in ("op1.leg.limitation", "op1.coop.aut_dedere", "op1.coop.transfer_sentenced",
                "op1.coop.mla_dual_criminality", "op1.leg.jurisdiction_no_extradition"):
        assert v2.has_question(key)


def test_v2_fixes_the_legal_errors_of_v1(v1, v2):
    assert "article 1(3) of each protocol" in v2.question("op5.protocol.view").help["en"]
    assert "article 37" in v1.question("op5.protocol.view").help["en"]
    assert v2.question("op3.confiscation.ncb").articles == ("UNCAC 54(1)(c)",)
    assert v2.question("op3.management.mechanism").articles == ("UNCAC 31(3)",)
    assert "11" not in v2.question("op1.enf.prosecutors").articles
    assert all(q.paragraphs == (8,) and "32(5)" in q.articles
               for q in v2.questions if q.key.startswith("gen."))
    assert v2.question("ta.needs.areas").paragraphs == (1,)
    assert v2.question("op1.enf.cooperating_offenders").paragraphs == (1,)
    status = v2.question("gen.untoc_status")
    assert {"party_succession", "party_reio"} <= set(status.option_values)
    # administrative liability alone meets article 10
    legal_persons = field_type_for(v2.question("op1.leg.legal_persons"))
    assert legal_persons.gap(["administrative"]) is GapStatus.in_place
    # v1's rule is corrected too: rules are the analysis, not the questions (#13)
    assert field_type_for(v1.question("op1.leg.legal_persons")).gap(
        ["administrative"]) is GapStatus.in_place


def test_v2_removes_redundant_questions(v2):
    for key in ("op1.leg.serious_crime", "ta.needs.top_priority", "op1.cap.assistance_received",
                "op1.leg.jurisdiction", "op1.leg.corruption", "op4.monitoring"):
        assert not v2.has_question(key)


def test_terminology_is_one_term_per_language(v2):
    text = V2_PATH.read_text(encoding="utf-8")
    assert "наносящ" not in text
    assert "portant atteinte à l'environnement" not in text
    assert "مسؤول الاتصال" not in text
    assert "（c）" not in text


def test_penalty_more_severe_than_imprisonment_meets_the_threshold(v2):
    matrix = field_type_for(v2.question("op1.leg.crime_matrix"))
    value = {"wildlife": {"criminalized": "yes",
                          "max_penalty_aggravated": {"kind": "more_severe"}},
             "other": {"criminalized": "yes", "max_penalty_aggravated": {"kind": "none"}}}
    assert matrix.validate(value, {}) == []
    statuses = matrix.gap(value)
    assert statuses["wildlife"] is GapStatus.in_place
    assert "other" not in statuses  # "other" is never compared with the threshold


# ------------------------------------------------------------------ the mapping

def test_every_v1_question_is_mapped_or_dropped(v1, v2):
    mapping = version_map(v1, v2)
    mapped = {old for rep in mapping.replacements for old in rep.sources}
    assert mapped | set(mapping.dropped) == {q.key for q in v1.questions}
    assert all(reason.missing() == [] for reason in mapping.dropped.values())


def test_a_v1_question_left_out_of_the_mapping_is_reported(v1):
    text = v2_text_with('    ta.needs.top_priority:\n', '    ta.needs.top_priority_gone:\n')
    v2 = load_definition_text(text.replace("ta.needs.top_priority_gone:", "zz.unknown:"), "v2")
    with pytest.raises(MappingError) as refused:
        version_map(v1, v2)
    assert any("ta.needs.top_priority is neither replaced nor dropped" in p
               for p in refused.value.problems)
    assert any("'zz.unknown'" in p for p in refused.value.problems)


def test_two_questions_onto_one_without_a_rule_are_refused():
    text = v2_text_with("        rule: join_text\n", "")
    with pytest.raises(DefinitionError) as refused:
        load_definition_text(text, "v2.yaml")
    message = str(refused.value)
    assert "[ta.received]" in message
    assert "ta.received and op1.cap.assistance_details are mapped onto one question without " \
           "a rule" in message


def test_split_and_renamed_answers_map_and_the_rest_is_listed(v1, v2):
    carried = VersionMap(v1, v2).translate({
        "op1.leg.jurisdiction": "partly",
        "op1.coop.extradition_basis": "convention_accepted",
        "op5.gaps.checklist": ["penalties", "no_definition"],
        "op1.leg.crime_matrix": {"pollution": {"criminalized": "yes",
                                               "max_penalty": {"kind": "term", "years": 5}}},
        "op1.leg.domestic_offences": "yes",
        "ta.needs.top_priority": "high",
        "op3.confiscation.burden": "not_applicable",
    })
    assert carried.values["op1.coop.extradition_treaty_required"] == "treaty_required"
    assert carried.values["op1.coop.extradition_convention_basis"] == "yes"
    assert carried.values["op5.gaps.international"] == ["definition"]
    assert carried.values["op5.obstacles.domestic"] == ["penalties"]
    assert carried.values["op3.confiscation.burden_reversal"] == "not_consistent"
    assert carried.values["op1.leg.independent_offences"] == [
        "participation", "laundering", "corruption", "obstruction"]
    rows = carried.values["op1.leg.crime_matrix"]
    assert set(rows) == {"air_pollution", "soil_pollution", "water_pollution"}
    assert rows["air_pollution"]["max_penalty_aggravated"] == {"kind": "term", "years": 5}
    left = {(item.old_key, str(item.value)) for item in carried.unmapped}
    assert left == {("op1.leg.jurisdiction", "partly"), ("ta.needs.top_priority", "high")}


@pytest.mark.parametrize("iso3, group", [("KEN", "african"), ("MEX", "latin_american_caribbean"),
                                         ("NOR", "western_european_other"),
                                         ("CHN", "asia_pacific")])
def test_demo_answers_lose_no_text(v1, v2, iso3, group):
    """Every text a State wrote is carried or listed (option codes are mapped, not text)."""
    answers = demo_answers(v1, context_for(iso3, group, 2026))
    carried = VersionMap(v1, v2).translate(answers, lang="en")
    kept = " ".join(texts_of(carried.values)) + " ".join(
        text for item in carried.unmapped for text in texts_of(item.value))
    codes = {v for q in v1.questions for v in q.option_values} | {
        "yes", "partly", "no", "not_applicable", "not_known", "term", "life", "none", "in_force",
        "bill"} | {o.value for q in v1.questions for c in q.settings.get("columns", ())
                   for o in c.get("options", ()) if hasattr(o, "value")}
    for key, value in answers.items():
        for text in texts_of(value):
            assert text in codes or text in kept, f"{key}: {text!r} was lost"
    for key, value in carried.values.items():
        assert field_type_for(v2.question(key)).validate(value, carried.values) == [], key
    for item in carried.unmapped:
        assert item.reason and (item.old_key in answers)


def test_every_v2_rule_declares_its_legal_force(v2):
    ruled = [q for q in v2.questions if q.gap is not None]
    assert ruled and all(q.legal_force is not None for q in ruled)
    assert all(q.legal_force.rationale.missing() == [] for q in ruled)
    basis = {q.key: q.legal_force.basis.value for q in ruled}
    assert basis["op1.leg.jurisdiction_territorial"] == "obligation"
    assert basis["op1.leg.jurisdiction_nationality"] == "optional"
    assert basis["op1.coop.extradition_convention_basis"] == "optional"
    assert basis["op1.coop.notification_16_5"] == "obligation"
    assert basis["op1.coop.aut_dedere"] == "obligation"
    assert basis["op1.coop.mla_dual_criminality"] == "optional"
    assert basis["op1.coop.transfer_sentenced"] == "optional"
    assert basis["op1.leg.crime_matrix"] == "encouraged"
    assert basis["op3.confiscation.burden_reversal"] == "optional"
    assert basis["op3.foreign_orders"] == "optional"
    assert all(basis[q.key] == "encouraged" for q in ruled if q.key.startswith("op4."))
    assert "UNTOC 16(10)" in v2.question("op1.coop.aut_dedere").legal_force.provisions
    # information questions carry no rule at all
    for key in ("op2.victims.recognized", "op5.stock.basis", "op1.leg.mea_penal",
                "op3.third_parties", "op5.protocol.scope"):
        assert v2.question(key).gap is None
