"""Every gap rule of version 1 is classified as the domain review's table (section 3) says, and
the rules the review found legally wrong give the right status."""

from pathlib import Path

import pytest

from questionnaire import LANGUAGES
from questionnaire.fields import field_type_for
from questionnaire.gaps import GapStatus
from questionnaire.legal_force import Basis
from questionnaire.loader import load_definition

V1 = load_definition(Path(__file__).parents[2] / "questionnaire" / "definitions" / "res-12-4"
                     / "v1.yaml")

def _keys(text: str) -> list[str]:
    return text.split()


OBLIGATION = _keys("""
op1.leg.participation op1.leg.laundering op1.leg.aml_regime op1.leg.corruption
op1.leg.legal_persons op1.leg.jurisdiction op1.leg.obstruction op1.leg.domestic_offences
op1.coop.extradition op1.coop.mla op1.coop.law_enforcement op1.cap.training
op2.witness.protection op2.witness.victims_testify op2.assist.measures op2.comp.criminal
op2.views.heard op2.coop_offenders.measures op3.tracing.measures op3.freezing.measures
op3.confiscation.conviction op3.confiscation.value_based op3.return.international
op3.coop.requests""")
OPTIONAL = _keys("""
op1.enf.special_techniques op1.coop.joint_investigations op1.coop.transfer_proceedings
op3.confiscation.burden op3.sharing op1.cap.awareness op1.cap.prevention op1.coop.extradition_basis
op3.confiscation.ncb""")
ENCOURAGED = _keys("""
op1.leg.crime_matrix op1.leg.serious_crime op1.leg.offence_scope op2.comp.civil
op2.restoration.access op3.management.mechanism op4.orders.proceedings op4.assessment.guidelines
op4.funds.dedicated op4.costs.payer op4.monitoring""")
GOOD_PRACTICE = _keys("""
op1.enf.units op1.enf.prosecutors op1.enf.coordination op1.enf.parallel_financial
op1.coop.cites_authorities op1.coop.basel_authorities op3.use_domestic op2.victims.recognized
op5.stock.basis""")
TABLE = {Basis.obligation: OBLIGATION, Basis.optional: OPTIONAL, Basis.encouraged: ENCOURAGED,
         Basis.good_practice: GOOD_PRACTICE}


def status(key: str, value, relevant: bool = True):
    return field_type_for(V1.question(key)).gap(value)


def force(key: str):
    question = V1.question(key)
    assert question.legal_force is not None, key
    return question.legal_force


def test_every_rule_is_classified_as_the_review_table_says():
    ruled = {q.key for q in V1.questions if q.gap is not None}
    assert len(ruled) == 53
    assert ruled == {key for keys in TABLE.values() for key in keys}
    for basis, keys in TABLE.items():
        for key in keys:
            assert force(key).basis is basis, key


def test_every_rationale_is_in_six_languages_and_says_gap_only_for_obligations():
    for question in V1.questions:
        if question.gap is None:
            continue
        rationale = force(question.key).rationale
        assert all(rationale.get(lang, "").strip() for lang in LANGUAGES), question.key
        english = rationale["en"]
        if force(question.key).basis is Basis.obligation:
            assert "is a gap" in english, question.key
        else:
            assert "is a gap" not in english, question.key


@pytest.mark.parametrize("key, value, expected", [
    ("op1.leg.participation", "no", GapStatus.gap),            # obligation
    ("op1.coop.joint_investigations", "no", GapStatus.gap),    # optional
    ("op2.comp.civil", "no", GapStatus.gap),                   # encouraged
    ("op1.enf.units", "no", GapStatus.gap),                    # good practice
])
def test_one_rule_per_basis(key, value, expected):
    assert status(key, value) is expected
    assert force(key).binding is (force(key).basis is Basis.obligation)


def test_legal_persons_criminal_civil_or_administrative_all_count():
    for kind in ("criminal", "civil", "administrative"):
        assert status("op1.leg.legal_persons", [kind]) is GapStatus.in_place, kind
    assert status("op1.leg.legal_persons", ["none"]) is GapStatus.gap
    assert force("op1.leg.legal_persons").provisions == ("UNTOC 10(1)", "UNTOC 10(2)")


def test_jurisdiction_mandatory_bases_only():
    assert force("op1.leg.jurisdiction").provisions == ("UNTOC 15(1)",)
    assert status("op1.leg.jurisdiction", "partly") is GapStatus.in_place
    assert status("op1.leg.jurisdiction", "no") is GapStatus.gap


def test_extradition_basis_not_accepted_is_an_optional_measure():
    assert force("op1.coop.extradition_basis").basis is Basis.optional
    assert force("op1.coop.extradition_basis").provisions == ("UNTOC 16(4)",)
    assert status("op1.coop.extradition_basis", "convention_not_accepted") is GapStatus.gap


def test_burden_of_proof_and_ncb_confiscation_are_optional():
    assert force("op3.confiscation.burden").basis is Basis.optional
    assert force("op3.confiscation.burden").provisions == ("UNTOC 12(7)",)
    assert status("op3.confiscation.burden", "not_applicable") is GapStatus.not_applicable
    assert force("op3.confiscation.ncb").basis is Basis.optional
    assert force("op3.confiscation.ncb").provisions == ("UNCAC 54(1)(c)",)


def test_four_year_threshold_is_a_general_assembly_benchmark():
    for key in ("op1.leg.crime_matrix", "op1.leg.serious_crime"):
        assert force(key).basis is Basis.encouraged
        assert force(key).provisions == ("GA 76/185",)
        assert not any(p.startswith("UNTOC 2") for p in force(key).provisions)
    assert "where appropriate" in force("op1.leg.crime_matrix").rationale["en"]


def test_crime_matrix_not_a_criminal_offence_is_the_clearest_shortfall():
    """UX review M4: 'No' in the offence column counts as not in place, not as no answer."""
    rows = status("op1.leg.crime_matrix", {
        "wildlife": {"criminalized": "no"},
        "timber": {"criminalized": "yes", "max_penalty": {"kind": "term", "years": 2}},
        "fisheries": {"criminalized": "yes", "max_penalty": {"kind": "term", "years": 5}},
        "waste": {"criminalized": "partly", "max_penalty": {"kind": "term", "years": 10}},
        "minerals": {"max_penalty": {"kind": "term", "years": 10}},
    })
    assert rows["wildlife"] is GapStatus.gap
    assert rows["timber"] is GapStatus.gap
    assert rows["fisheries"] is GapStatus.in_place
    assert rows["waste"] is GapStatus.partly
    assert rows["minerals"] is GapStatus.no_answer
    assert rows["pollution"] is GapStatus.no_answer


def test_convention_not_used_in_a_case_is_no_shortfall():
    assert status("op5.stock.basis", "no") is GapStatus.not_applicable
    assert status("op5.stock.basis", "yes") is GapStatus.in_place


def test_victims_definition_is_information_not_a_standard():
    assert force("op2.victims.recognized").basis is Basis.good_practice
    for category in ("individuals", "state", "legal_persons", "communities"):
        assert status("op2.victims.recognized", [category]) is GapStatus.in_place


def test_all_of_op4_is_encouraged():
    op4 = [q for q in V1.questions if q.gap is not None and 4 in q.paragraphs]
    assert len(op4) == 5
    for question in op4:
        assert force(question.key).basis is Basis.encouraged
        assert force(question.key).provisions == ("RES12/4 OP4",)
