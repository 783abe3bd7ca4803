"""Gap findings for one State and counts across States."""

from pathlib import Path

from questionnaire.analysis import Respondent, analyse, threshold_benchmark
from questionnaire.gaps import (
    GapFinding,
    GapStatus,
    evaluate_state,
)
from questionnaire.loader import load_definition

DEFINITION = load_definition(Path(__file__).parent / "fixtures" / "good.yaml")

FRA = {
    "legislation.has_law": "yes",
    "legislation.liability": ["criminal"],
    "legislation.matrix": {
        "wildlife": {"max_penalty": {"kind": "term", "years": 5}},
        "timber": {"max_penalty": {"kind": "term", "years": 2}},
    },
    "legislation.penalty": {"kind": "life"},
    "enforcement.agency": "police",
    "enforcement.officers": 0,
}
DEU = {
    "legislation.has_law": "no",
    "legislation.liability": ["none"],
    "legislation.matrix": {"wildlife": {"max_penalty": {"kind": "none"}},
                           "waste": {"max_penalty": {"kind": "life"}}},
    "enforcement.agency": "none",
    "enforcement.officers": "lots",  # invalid -> no_answer
}
ANSWERS = {"FRA": FRA, "DEU": DEU, "ITA": {}}


def status_map(findings: list[GapFinding]) -> dict[tuple[str, str | None], GapStatus]:
    return {(f.question_key, f.crime_type): f.status for f in findings}


def test_evaluate_state_applies_rules_and_skips_gap_none():
    statuses = status_map(evaluate_state(DEFINITION, FRA))
    assert statuses == {
        ("legislation.has_law", None): GapStatus.in_place,
        ("legislation.liability", None): GapStatus.in_place,
        ("legislation.matrix", "wildlife"): GapStatus.in_place,
        ("legislation.matrix", "timber"): GapStatus.gap,
        ("legislation.matrix", "waste"): GapStatus.no_answer,
        ("legislation.penalty", None): GapStatus.in_place,
        ("enforcement.agency", None): GapStatus.in_place,
        ("enforcement.officers", None): GapStatus.gap,
    }
    finding = evaluate_state(DEFINITION, FRA)[0]
    assert (finding.section_key, finding.paragraphs, finding.articles) == (
        "legislation", (1,), ("2(b)", "5"))


def test_invalid_and_missing_answers_are_no_answer():
    statuses = status_map(evaluate_state(DEFINITION, DEU))
    assert statuses[("enforcement.officers", None)] == GapStatus.no_answer
    assert statuses[("legislation.penalty", None)] == GapStatus.no_answer
    assert statuses[("legislation.liability", None)] == GapStatus.gap
    assert set(status_map(evaluate_state(DEFINITION, {})).values()) == {GapStatus.no_answer}


def test_non_relevant_questions_are_not_applicable(tmp_path):
    text = (Path(__file__).parent / "fixtures" / "good.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        settings: {min: 0, max: 100000}\n",
        "        settings: {min: 0, max: 100000}\n"
        "        relevant: \"${enforcement.agency} != 'none'\"\n",
    ).replace("        relevant: \"${enforcement.officers} > 0\"\n", "")
    path = tmp_path / "relevance.yaml"
    path.write_text(text, encoding="utf-8")
    definition = load_definition(path)
    statuses = status_map(evaluate_state(definition, DEU))
    assert statuses[("enforcement.officers", None)] == GapStatus.not_applicable
    statuses = status_map(evaluate_state(definition, FRA))
    assert statuses[("enforcement.officers", None)] == GapStatus.gap


def test_threshold_benchmark_orders_crime_types_by_share_meeting():
    # FRA and ITA are measured, DEU's answers are information: the benchmark counts both.
    findings = analyse(DEFINITION, [Respondent(FRA), Respondent(DEU, measured=False),
                                    Respondent({})])
    rows = threshold_benchmark(DEFINITION, (findings.measured, findings.information))
    by_key = {row.crime_type: row for row in rows}
    # wildlife: FRA matrix 5y (meets), FRA penalty life (meets, tagged wildlife), DEU none (below)
    assert (by_key["wildlife"].meets, by_key["wildlife"].below) == (2, 1)
    assert (by_key["timber"].meets, by_key["timber"].below) == (0, 1)
    assert (by_key["waste"].meets, by_key["waste"].below) == (1, 0)
    assert [row.crime_type for row in rows] == ["timber", "wildlife", "waste"]
    assert rows[0].share_meeting == 0.0
    # ITA answered nothing: no answer under each crime type of the matrix and the penalty.
    assert (by_key["wildlife"].no_answer, by_key["timber"].no_answer) == (2 + 1, 1 + 1)
