"""Exports of all responses: shapes, codebook, and no formulas whatever the answers say."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.tabular import (
    ExportRow,
    codebook,
    csv_cell,
    long_table,
    to_csv,
    to_xlsx,
    wide_table,
)
from questionnaire.loader import load_definition

DEFINITION = load_definition(Path(__file__).resolve().parents[2] / "questionnaire"
                             / "definitions" / "res-12-4" / "v1.yaml")
HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)",
           "\tcmd", "\rcmd"]
ROWS = [
    ExportRow("KEN", "Kenya", "african", "party", 1, "2026-03-01T00:00:00+00:00", True, {
        "op1.leg.serious_crime": "yes",
        "op1.leg.challenges": HOSTILE[0],
        "op1.coop.central_authority": HOSTILE[1],
        "op1.coop.mla_requests_sent": 4,
        "gen.coordination": ["interagency_meetings"],
    }),
    ExportRow("FRA", "France", "western_european_other", "party", 2,
              "2026-03-02T00:00:00+00:00", False, {
                  "op1.leg.serious_crime": "partly",
                  "op1.leg.challenges": HOSTILE[2],
                  "op5.gaps.text": HOSTILE[3],
                  "op5.responses.text": HOSTILE[4],
                  "ta.comments": HOSTILE[5],
              }),
]


def test_long_shape_has_one_line_per_state_and_answer():
    header, lines = long_table(DEFINITION, ROWS, "en")
    assert len(lines) == 5 + 5
    first = dict(zip(header, lines[0], strict=True))
    assert first["iso3"] == "KEN" and first["question"] == "gen.coordination"
    serious = next(dict(zip(header, line, strict=True)) for line in lines
                   if line[0] == "KEN" and line[7] == "op1.leg.serious_crime")
    assert serious["value_text"] == "Yes" and serious["value_json"] == '"yes"'


def test_wide_shape_has_one_line_per_state_and_a_column_per_question():
    header, lines = wide_table(DEFINITION, ROWS, "en")
    assert len(lines) == 2
    assert len(header) == 7 + len(DEFINITION.questions)
    kenya = dict(zip(header, lines[0], strict=True))
    assert kenya["op1.coop.mla_requests_sent"] == "4" and kenya["op5.gaps.text"] is None


def test_codebook_lists_every_question_with_options_and_tags():
    header, lines = codebook(DEFINITION, "fr")
    assert [line[0] for line in lines] == [q.key for q in DEFINITION.questions]
    protocol = dict(zip(header, next(line for line in lines if line[0] == "op5.protocol.view"),
                        strict=True))
    assert "support = " in protocol["options"] and protocol["articles"] == "37"
    assert (protocol["basis"], protocol["provisions"], protocol["rationale"]) == ("", "", "")
    legal = dict(zip(header, next(line for line in lines if line[0] == "op1.leg.legal_persons"),
                     strict=True))
    assert (legal["basis"], legal["provisions"]) == ("obligation", "UNTOC 10(1); UNTOC 10(2)")
    assert legal["rationale"].startswith("L'article 10 oblige les États parties")


@pytest.mark.parametrize("shape", [long_table, wide_table])
def test_xlsx_holds_no_formula(shape):
    data = to_xlsx({"responses": shape(DEFINITION, ROWS, "en"),
                    "codebook": codebook(DEFINITION, "en")})
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["responses", "codebook"]
    seen = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
    # Kept as text (XML turns a carriage return into a line feed when the file is read).
    assert {value.replace("\r", "\n") for value in HOSTILE} <= seen


def test_xlsx_drops_control_characters_a_workbook_cannot_hold():
    """A pasted vertical tab must not make the whole export fail."""
    data = to_xlsx({"responses": (("value",), [["line\x0bbreak\x00"], ["=1+1"]])})
    sheet = load_workbook(io.BytesIO(data))["responses"]
    assert sheet["A2"].value == "linebreak"
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=1+1", "s")


def test_csv_cells_that_look_like_formulas_are_quoted_as_text():
    assert [csv_cell(value) for value in HOSTILE] == ["'" + value for value in HOSTILE]
    assert csv_cell(-5) == "-5" and csv_cell("Kenya") == "Kenya" and csv_cell(None) == ""
    text = to_csv(*long_table(DEFINITION, ROWS, "en")).decode("utf-8-sig")
    values = [row["value_text"] for row in csv.DictReader(io.StringIO(text))]
    assert "'" + HOSTILE[0] in values
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in values)


def test_export_command_writes_xlsx_and_csv_with_codebook(app, runner, tmp_path):
    from models import db
    from web.cli.demo_states import seed_all_states

    seed_all_states(4, "pw", None, only=["KEN", "MEX"])
    db.session.commit()
    out = tmp_path / "all.xlsx"
    result = runner.invoke(args=["export", "responses", "--format", "xlsx", "--shape", "wide",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["responses"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["KEN", "MEX"]
    out_csv = tmp_path / "all.csv"
    result = runner.invoke(args=["export", "responses", "--format", "csv", "--out",
                                 str(out_csv)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "all.codebook.csv").exists()
    lines = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert {line["iso3"] for line in lines} == {"KEN", "MEX"}
