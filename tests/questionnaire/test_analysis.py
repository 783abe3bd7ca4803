"""The pure analysis: counts per question and per provision, by legal force and mandate."""

import json
from pathlib import Path

from questionnaire.analysis import (
    STATUSES,
    Mandate,
    Respondent,
    Status,
    analyse,
    combine_statuses,
    export_document,
)
from questionnaire.legal_force import Basis
from questionnaire.loader import load_definition, load_definition_text
from tests.questionnaire.test_questionnaire_loader import T, definition_text

V1 = load_definition(Path(__file__).parents[2] / "questionnaire" / "definitions" / "res-12-4"
                     / "v1.yaml")

PARTY_A = {"op1.leg.laundering": "yes", "op1.leg.legal_persons": ["administrative"],
           "op1.leg.participation": "no", "op1.coop.joint_investigations": "no",
           "op1.leg.crime_matrix": {"wildlife": {"criminalized": "no"},
                                    "timber": {"criminalized": "yes",
                                               "max_penalty": {"kind": "term", "years": 5}}}}
PARTY_B = {"op1.leg.laundering": "partly", "op1.leg.participation": "yes",
           "op1.leg.legal_persons": ["none"], "op5.stock.basis": "no"}
NON_PARTY = {"op1.leg.participation": "no", "op1.leg.laundering": "no"}
RESPONDENTS = [Respondent(PARTY_A), Respondent(PARTY_B), Respondent({}),
               Respondent(NON_PARTY, measured=False)]
FINDINGS = analyse(V1, RESPONDENTS)


def question(key, crime_type=None, analysis=FINDINGS.measured):
    return next(q for q in analysis.questions if (q.key, q.crime_type) == (key, crime_type))


def provision(ref, analysis=FINDINGS.measured):
    return next(p for p in analysis.provisions if p.provision == ref)


def test_counts_add_up_to_the_respondents_everywhere():
    measured = FINDINGS.measured
    assert measured.respondents == 3 and FINDINGS.information.respondents == 1
    for finding in (*measured.questions, *measured.provisions):
        assert finding.counts.total == 3, finding
    assert tuple(question("op1.leg.participation").counts.as_dict()) == STATUSES


def test_statuses_per_question_with_basis():
    participation = question("op1.leg.participation")
    assert participation.basis is Basis.obligation
    assert participation.counts.as_dict() == {"in_place": 1, "partly": 0, "not_in_place": 1,
                                              "not_applicable": 0, "no_answer": 1}
    assert participation.shortfall_term == "gap_gap"
    joint = question("op1.coop.joint_investigations")
    assert joint.basis is Basis.optional and joint.shortfall_term == "gap_not_adopted"
    assert joint.counts.not_in_place == 1
    assert question("op5.stock.basis").counts.not_applicable == 1
    assert question("op1.leg.crime_matrix", "wildlife").counts.not_in_place == 1
    assert question("op1.leg.crime_matrix", "timber").counts.in_place == 1
    assert not any(q.key == "op1.leg.crime_matrix" and q.crime_type is None
                   for q in FINDINGS.measured.questions)


def test_a_question_counts_under_every_provision_it_measures():
    for ref in ("UNTOC 6(1)", "UNTOC 6(2)(b)", "UNTOC 6(2)(c)"):
        laundering = provision(ref)
        assert laundering.questions == ("op1.leg.laundering",)
        assert (laundering.counts.in_place, laundering.counts.partly) == (1, 1)
    both = provision("UNTOC 12(2)")
    assert both.questions == ("op3.tracing.measures", "op3.freezing.measures")
    legal = provision("UNTOC 10(2)")
    assert (legal.counts.in_place, legal.counts.not_in_place) == (1, 1)


def test_provisions_in_mandate_then_provision_order_never_one_score():
    refs = [p.provision for p in FINDINGS.measured.provisions]
    assert refs.index("UNTOC 5(1)") < refs.index("UNTOC 12(7)") < refs.index("UNCAC 54(1)(c)")
    assert refs.index("UNCAC 54(1)(c)") < refs.index("RES12/4 OP1") < refs.index("GA 76/185")
    assert all(p.mandate is Mandate.stock_taking for p in FINDINGS.measured.provisions)
    op1 = [p for p in FINDINGS.measured.provisions if p.provision == "RES12/4 OP1"]
    assert [p.basis for p in op1] == [Basis.encouraged, Basis.good_practice]
    assert not hasattr(FINDINGS.measured, "score")


def test_non_parties_are_information_only():
    info = FINDINGS.information
    assert question("op1.leg.participation", analysis=info).counts.not_in_place == 1
    assert question("op1.leg.participation").counts.not_in_place == 1  # party B is not counted
    assert provision("UNTOC 6(1)").counts.not_in_place == 0


def test_combining_a_respondents_statuses_under_one_provision():
    s = Status
    assert combine_statuses([]) is s.not_applicable
    assert combine_statuses([s.not_applicable, s.not_applicable]) is s.not_applicable
    assert combine_statuses([s.no_answer, s.not_applicable]) is s.no_answer
    assert combine_statuses([s.in_place, s.in_place, s.no_answer]) is s.in_place
    assert combine_statuses([s.not_in_place, s.no_answer]) is s.not_in_place
    assert combine_statuses([s.in_place, s.not_in_place]) is s.partly
    assert combine_statuses([s.partly]) is s.partly


def test_international_framework_kept_apart_from_domestic_implementation():
    definition = load_definition_text(definition_text(f"""\
- key: q.framework
  type: yes_partly_no
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: {{basis: good_practice, provisions: ["RES12/4 OP5(b)"], rationale: {T},
         in_place: [yes], gap: [no]}}
- key: q.protocol
  type: yes_partly_no
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: {{basis: good_practice, provisions: ["RES12/4 OP5(c)"], rationale: {T},
         in_place: [yes], gap: [no]}}
"""))
    analysis = analyse(definition, [Respondent({"q.framework": "no"})]).measured
    assert [p.mandate for p in analysis.provisions] == [
        Mandate.stock_taking, Mandate.international_framework, Mandate.responses]
    assert [p.provision for p in analysis.provisions_for(Mandate.international_framework)] == [
        "RES12/4 OP5(b)"]


def test_rules_without_legal_force_are_left_out():
    """A stored source from before the rule schema: its rules are not analysed."""
    definition = load_definition_text(definition_text(f"""\
- key: q.old
  type: yes_partly_no
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: {{in_place: [yes], gap: [no]}}
"""), legacy_rules=True)
    analysis = analyse(definition, [Respondent({"q.old": "no"})]).measured
    assert [q.key for q in analysis.questions] == ["q.base"]


def test_export_document_shape_names_no_state():
    document = export_document(FINDINGS.measured, {"id": 7, "name": "2026 reporting cycle"})
    assert set(document) == {"cycle", "questionnaire", "respondents", "questions", "provisions"}
    assert document["questionnaire"] == {"id": "res-12-4", "version": "1"}
    assert document["respondents"] == 3
    entry = document["provisions"][0]
    assert set(entry) == {"provision", "basis", "questions", "counts"}
    assert set(document["questions"][0]) >= {"key", "basis", "provisions", "counts"}
    for item in (*document["questions"], *document["provisions"]):
        assert sum(item["counts"].values()) == 3
    json.dumps(document)
