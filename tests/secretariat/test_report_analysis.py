"""The report's implementation tables are the analysis export's numbers (questionnaire.analysis)."""

from __future__ import annotations

from questionnaire.analysis import Respondent as Measured
from questionnaire.analysis import analyse, export_document
from tests.secretariat.report_data import BY_CODE, DEFINITION, model, snapshots

# Papua New Guinea is not a party: its answers are information, never counted with the parties.
CODES = ("KEN", "MEX", "NOR", "PNG")


def _export() -> dict:
    findings = analyse(DEFINITION, [Measured(s.answers, BY_CODE[s.iso3].measured)
                                    for s in snapshots(CODES)])
    return export_document(findings.measured, {"id": 1, "name": "2026"})


def test_report_numbers_equal_the_analysis_export():
    report = model(CODES)
    export = _export()
    assert export["respondents"] == 3
    assert {(p["provision"], p["basis"]): p["counts"] for p in report["provisions"]} == \
        {(p["provision"], p["basis"]): p["counts"] for p in export["provisions"]}
    exported = {(q["key"], q["crime_type"]): q["counts"] for q in export["questions"]}
    crime_types = {c.label.get("en"): c.key for c in DEFINITION.crime_types}
    for provision in report["provisions"]:
        for row in provision["questions"]:
            key = (row["key"], crime_types.get(row["crime_type"]))
            assert row["counts"] == exported[key], key
    # The same numbers in the paragraphs of chapter III, parties first, then information.
    chapter = next(c for c in report["chapters"] if c["key"] == "findings_a")
    paragraphs = [p for s in chapter["sections"] for p in s["paragraphs"]]
    measured = [p for p in paragraphs if p["kind"] == "provision" and not p["information"]]
    printed = {(name, p["basis"]): p["counts"] for p in measured for name in p["provisions"]}
    assert printed == {(p["provision"], p["basis"]): p["counts"] for p in export["provisions"]
                       if (p["provision"], p["basis"]) in printed}
    assert any(p["kind"] == "information_intro" and p["respondents"] == 1 for p in paragraphs)


def test_provisions_measured_by_the_same_questions_share_one_table():
    """Article 6(1), 6(2)(b) and 6(2)(c) are measured by one question: one table names the
    three; every provision is printed once, and tables that differ stay apart."""
    report = model(CODES)
    chapter = next(c for c in report["chapters"] if c["key"] == "findings_a")
    measured = [p for s in chapter["sections"] for p in s["paragraphs"]
                if p["kind"] == "provision" and not p["information"]]
    laundering = next(p for p in measured if "UNTOC 6(1)" in p["provisions"])
    assert laundering["provisions"] == ["UNTOC 6(1)", "UNTOC 6(2)(b)", "UNTOC 6(2)(c)"]
    assert laundering["provision"] == "UNTOC 6(1), UNTOC 6(2)(b), UNTOC 6(2)(c)"
    names = [(name, p["basis"]) for p in measured for name in p["provisions"]]
    assert len(names) == len(set(names))
    assert set(names) == {(p["provision"], p["basis"]) for p in report["provisions"]}
    shapes = [(p["basis"], tuple((r["key"], r["crime_type"]) for r in p["questions"]))
              for p in measured]
    assert len(shapes) == len(set(shapes)) < len(names)


def test_gap_is_said_only_of_obligations():
    report = model(CODES)
    words = {p["basis"]: p["shortfall_label"] for p in report["provisions"]}
    assert words.get("obligation") == "Gap"
    assert all(word == "Measure not (yet) adopted" for basis, word in words.items()
               if basis != "obligation")
