"""Export and import of a State's answers: XLSX and JSON round trips, broken files, the CLI."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from models import AnswerChange, Role, WorkflowState, db
from services.answers import load_answers, save_answers
from services.transfer import (
    export_json,
    export_xlsx,
    parse_import,
    parse_json,
    plan_import,
)
from tests.conftest import csrf_token
from tests.workspace.workspace_fixtures import complete_answers, response_of

FORMULA_LIKE = {
    "gen.institution": "=HYPERLINK(\"http://example.org\",\"x\")",
    "gen.focal_point_name": "+1 555 0100",
    "gen.focal_point_contact": "-cmd|' /C calc'!A0",
    "gen.contributors": "@SUM(1+1)\r\nsecond line",
    "gen.coordination_details": "\tstarts with a tab",
    "op1.leg.challenges": "\rstarts with a carriage return",
}


def url(cycle, iso3="KEN", tail=""):
    return f"/states/{iso3}/cycles/{cycle.id}/{tail}"


def fill(cycle, values, iso3="KEN"):
    response = response_of(cycle, iso3)
    result = save_answers(response, _definition(response), {k: (v, 0) for k, v in values.items()},
                          None)
    db.session.commit()
    return result


def _definition(response):
    from services.definitions import definition_of

    return definition_of(response.cycle.questionnaire_version)


def changes_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(AnswerChange).where(AnswerChange.source == "import"))


def cell_of(workbook, key: str):
    """The answer cell (column C) of the question ``key``."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_col=1, max_col=1):
            if row[0].value == key:
                return ws, ws.cell(row=row[0].row, column=3)
    raise AssertionError(key)


def rows_of(workbook, marker: str):
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_col=1, max_col=1):
            if row[0].value == marker:
                yield ws, row[0].row


def to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------ round trips


def test_xlsx_round_trip_gives_no_change(cycle, definition):
    fill(cycle, complete_answers(definition))
    response = response_of(cycle, "KEN")
    data = export_xlsx(response, definition, "en")
    plan = plan_import(response, definition, parse_import("filled.xlsx", data, definition))
    assert plan.problems == []
    assert plan.changes == []


@pytest.mark.parametrize("lang", ["ar", "fr", "zh"])
def test_xlsx_round_trip_in_other_languages(cycle, definition, lang):
    fill(cycle, complete_answers(definition))
    response = response_of(cycle, "KEN")
    data = export_xlsx(response, definition, lang)
    plan = plan_import(response, definition, parse_import("filled.xlsx", data, definition))
    assert (plan.problems, plan.changes) == ([], [])
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.worksheets[1].sheet_view.rightToLeft is (True if lang == "ar" else None)


def test_json_round_trip_gives_no_change(cycle, definition):
    values = complete_answers(definition)
    fill(cycle, values)
    response = response_of(cycle, "KEN")
    data = export_json(response, definition)
    document = json.loads(data)
    assert document["state"] == "KEN"
    assert document["questionnaire"] == definition.id
    assert document["version"] == definition.version
    assert all(isinstance(document["answers"][k], str) for k in values
               if definition.question(k).type in ("short_text", "long_text"))
    plan = plan_import(response, definition, parse_import("answers.json", data, definition))
    assert (plan.problems, plan.changes) == ([], [])


def test_the_workbook_has_instructions_hidden_keys_and_drop_downs(cycle, definition):
    fill(cycle, {"op1.leg.serious_crime": "partly"})
    data = export_xlsx(response_of(cycle, "KEN"), definition, "en")
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.worksheets[0].title == "Instructions"
    assert len([ws for ws in workbook.worksheets if ws.sheet_state == "visible"]) == (
        1 + len(definition.sections))
    ws, cell = cell_of(workbook, "op1.leg.serious_crime")
    assert cell.value == "Yes, in part"
    assert ws.column_dimensions["A"].hidden
    validations = [dv for dv in ws.data_validations.dataValidation if cell.coordinate in dv.sqref]
    assert validations and validations[0].type == "list"


def test_formula_looking_text_stays_text(cycle, definition):
    fill(cycle, FORMULA_LIKE)
    response = response_of(cycle, "KEN")
    data = export_xlsx(response, definition, "en")
    workbook = load_workbook(io.BytesIO(data))
    for key, value in FORMULA_LIKE.items():
        _ws, cell = cell_of(workbook, key)
        assert cell.data_type == "s", key
        # XML turns line ends into LF; everything else comes back as written.
        assert cell.value == value.replace("\r\n", "\n").replace("\r", "\n"), key
    plan = plan_import(response, definition, parse_import("filled.xlsx", data, definition))
    assert (plan.problems, plan.changes) == ([], [])


# ------------------------------------------------------------------------------ over HTTP


def upload(client, cycle, filename: str, data: bytes, iso3="KEN"):
    token = csrf_token(client, url(cycle, iso3, "import"))
    return client.post(url(cycle, iso3, "import"), data={
        "csrf_token": token, "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data")


def test_import_previews_then_applies_a_filled_workbook(client, signed_in, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    fill(cycle, {"gen.institution": "Ministry of Environment",
                 "op1.leg.serious_crime_laws": [{"title": "Wildlife Act", "year": 2013}]})
    exported = client.get(url(cycle, "KEN", "export.xlsx"))
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(exported.data))
    _ws, cell = cell_of(workbook, "gen.institution")
    cell.value = "Ministry of Environment and Forestry"
    _ws, cell = cell_of(workbook, "op1.leg.serious_crime")
    cell.value = "No"
    ws, row = next(rows_of(workbook, "op1.leg.serious_crime_laws#row"))
    ws.cell(row=row + 1, column=3).value = "Penal Code"
    ws.cell(row=row + 1, column=5).value = 2009
    ws.cell(row=row + 1, column=6).value = "In force"

    preview = upload(client, cycle, "filled.xlsx", to_bytes(workbook))
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert "Ministry of Environment and Forestry" in html
    assert "Penal Code" in html
    assert "Import these 3 changes" in html
    assert changes_count() == 0  # a preview saves nothing

    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = client.post(url(cycle, "KEN", "import/confirm"), data={
        "csrf_token": csrf_token(client, url(cycle, "KEN", "import")), "token": token})
    assert done.status_code == 302
    answers = load_answers(response_of(cycle, "KEN"))
    assert answers["gen.institution"].value == "Ministry of Environment and Forestry"
    assert answers["op1.leg.serious_crime"].value == "no"
    assert answers["op1.leg.serious_crime_laws"].value == [
        {"title": "Wildlife Act", "year": 2013},
        {"title": "Penal Code", "year": 2009, "status": "in_force"}]
    assert changes_count() == 3
    assert response_of(cycle, "KEN").workflow_state is WorkflowState.IN_PROGRESS

    again = client.post(url(cycle, "KEN", "import/confirm"), data={
        "csrf_token": csrf_token(client, url(cycle, "KEN", "import")), "token": token})
    assert again.status_code == 302 and changes_count() == 3  # a preview applies once only


def test_invalid_cells_are_listed_and_nothing_is_saved(client, signed_in, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    workbook = load_workbook(io.BytesIO(client.get(url(cycle, "KEN", "export.xlsx")).data))
    _ws, cell = cell_of(workbook, "gen.institution")
    cell.value = "A valid change that must not be saved"
    ws, choice = cell_of(workbook, "op1.leg.serious_crime")
    choice.value = "Perhaps"
    date_ws, date_cell = cell_of(workbook, "gen.untoc_date")
    date_cell.value = "31/12/2020"
    stats_ws, row = next(rows_of(workbook, "op1.enf.statistics#row:2020"))
    stats_ws.cell(row=row, column=3).value = "many"
    formula_ws, formula_row = next(rows_of(workbook, "op1.leg.serious_crime_laws#row"))
    formula_ws.cell(row=formula_row, column=3).value = "=A1"

    response = upload(client, cycle, "filled.xlsx", to_bytes(workbook))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported" in html
    assert "“Perhaps” is not one of the answers in the list." in html
    assert f"<td>{ws.title}</td><td>{choice.coordinate}</td>" in html
    assert f"<td>{date_ws.title}</td><td>{date_cell.coordinate}</td>" in html
    assert "Enter a date as YYYY-MM-DD." in html
    assert f"<td>C{row}</td>" in html
    assert "Enter a whole number, or ? if the figure is not known." in html
    assert "This cell holds a formula" in html
    assert 'name="token"' not in html
    assert changes_count() == 0
    assert "gen.institution" not in load_answers(response_of(cycle, "KEN"))


@pytest.mark.parametrize(("filename", "data", "status", "message"), [
    ("broken.xlsx", b"this is not a zip file", 422,
     "The file is not an Excel workbook (.xlsx)."),
    ("plain.xlsx", to_bytes(Workbook()), 422, "This workbook was not exported from EnvSAQ"),
    # Not a kind of file the import takes at all: a bad request, not unprocessable content.
    ("answers.csv", b"a,b", 400, "The file must be an Excel workbook (.xlsx), a JSON file"),
    ("answers.json", b"{not json", 422, "The file is not valid JSON (line 1, column 2)."),
# Named by file: the workbook's bytes hold the time it was made, and xdist's workers must
# collect the same test ids.
], ids=["broken.xlsx", "plain.xlsx", "answers.csv", "answers.json"])
def test_broken_files_are_refused(client, signed_in, cycle, filename, data, status, message):
    signed_in(Role.FOCAL_POINT, "KEN")
    response = upload(client, cycle, filename, data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert changes_count() == 0


def test_a_changed_key_column_is_a_problem(cycle, definition):
    data = export_xlsx(response_of(cycle, "KEN"), definition, "en")
    workbook = load_workbook(io.BytesIO(data))
    ws, cell = cell_of(workbook, "gen.institution")
    ws.cell(row=cell.row, column=1).value = "gen.no_such_question"
    parsed = parse_import("x.xlsx", to_bytes(workbook), definition)
    assert [(p.sheet, p.cell) for p in parsed.problems] == [(ws.title, f"A{cell.row}")]
    assert "Unknown question key" in parsed.problems[0].message


def test_a_workbook_of_another_state_is_refused(cycle, definition):
    data = export_xlsx(response_of(cycle, "MEX"), definition, "en")
    plan = plan_import(response_of(cycle, "KEN"), definition,
                       parse_import("mex.xlsx", data, definition))
    assert [p.text() for p in plan.problems] == ["This file is for MEX, not KEN."]


def test_a_conflict_is_shown_and_nothing_is_applied(client, signed_in, make_user, cycle,
                                                    definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    fill(cycle, {"gen.institution": "Original"})
    document = json.loads(client.get(url(cycle, "KEN", "export.json")).data)
    document["answers"]["gen.institution"] = "Mine"
    document["answers"]["gen.focal_point_name"] = "A. Person"
    preview = upload(client, cycle, "answers.json", json.dumps(document).encode())
    token = re.search(r'name="token" value="([^"]+)"', preview.get_data(as_text=True)).group(1)
    response = response_of(cycle, "KEN")
    current = load_answers(response)["gen.institution"]
    save_answers(response, definition, {"gen.institution": ("Theirs", current.version)},
                 make_user(Role.CONTRIBUTOR, "KEN", name="Other Editor"))
    db.session.commit()

    result = client.post(url(cycle, "KEN", "import/confirm"), data={
        "csrf_token": csrf_token(client, url(cycle, "KEN", "import")), "token": token})
    html = result.get_data(as_text=True)
    assert result.status_code == 409
    assert "Other Editor" in html and "Theirs" in html and "Mine" in html
    answers = load_answers(response_of(cycle, "KEN"))
    assert answers["gen.institution"].value == "Theirs"
    assert "gen.focal_point_name" not in answers  # all or nothing
    assert changes_count() == 0


# ------------------------------------------------------------------------------ JSON problems


def json_problems(cycle, definition, document) -> list[str]:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    plan = plan_import(response_of(cycle, "KEN"), definition,
                       parse_import("answers.json", data, definition))
    return [p.text() for p in plan.problems]


def document(**answers):
    return {"state": "KEN", "questionnaire": "res-12-4", "version": "1", "answers": answers}


@pytest.mark.parametrize(("payload", "expected"), [
    (b"[1, 2", "The file is not valid JSON"),
    (b'{"state": "KEN", "state": "MEX"}', "The key “state” appears twice."),
    (b"[" * 100_000 + b"]" * 100_000, "The JSON is nested too deeply."),
    (b"\xff\xfe{}", "The file is not UTF-8 text."),
    (b'{"answers": {"gen.institution": NaN}}', "The file is not valid JSON"),
    (json.dumps([1]).encode(), "The file must hold one JSON object"),
])
def test_malformed_json_is_refused(cycle, definition, payload, expected):
    problems = json_problems(cycle, definition, payload)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(("answers", "expected"), [
    ({"gen.nothing_here": "x"}, "Unknown question key “gen.nothing_here”."),
    ({"gen.institution": 42}, "The answer must be text."),
    ({"op1.leg.serious_crime": "maybe"}, "This answer is not one of the choices offered."),
    ({"op1.enf.statistics": {"2020": {"offences_recorded": "12"}}},
     "Enter each figure as a whole number of at least 0, or “not known”."),
    ({"gen.institution": [[[[[[[["deep"]]]]]]]]}, "The answer is nested too deeply."),
    ({"gen.institution": "x" * 1_000_000}, "The answer contains a text that is too long."),
])
def test_wrong_values_refuse_the_whole_file(cycle, definition, answers, expected):
    problems = json_problems(cycle, definition, document(
        **answers, **{"gen.focal_point_name": "valid, but not saved either"}))
    assert expected in problems
    assert "gen.focal_point_name" not in load_answers(response_of(cycle, "KEN"))


def test_json_fields_are_checked(cycle, definition):
    problems = json_problems(cycle, definition, {"state": "KEN", "version": 1, "extra": True,
                                                 "answers": {}})
    assert "Unknown field “extra”." in problems
    assert "“questionnaire” must be given, as text." in problems
    assert "“version” must be given, as text." in problems


def test_a_locked_response_refuses_imports(cycle, definition):
    response = response_of(cycle, "KEN")
    response.workflow_state = WorkflowState.SUBMITTED
    db.session.commit()
    plan = plan_import(response, definition, parse_json(json.dumps(document(
        **{"gen.institution": "x"})).encode()))
    assert any("cannot be changed now" in p.message for p in plan.problems)


def test_a_contributor_imports_only_their_sections(client, signed_in, cycle, definition):
    signed_in(Role.CONTRIBUTOR, "KEN", sections=["general"])
    data = json.dumps(document(**{"gen.institution": "Allowed",
                                  "op1.leg.serious_crime": "yes"})).encode()
    response = upload(client, cycle, "answers.json", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "You may not change answers in the section “op1_legislation”." in html


# ------------------------------------------------------------------------------ access


@pytest.mark.parametrize(("role", "state", "path", "status"), [
    (Role.OBSERVER, "KEN", "export.xlsx", 200),
    (Role.OBSERVER, "KEN", "export.json", 200),
    (Role.SECRETARIAT_REVIEWER, None, "export.json", 200),
    (Role.OBSERVER, "KEN", "import", 403),
    (Role.SECRETARIAT_ADMIN, None, "import", 403),
    (Role.FOCAL_POINT, "MEX", "export.json", 403),
    (Role.FOCAL_POINT, "MEX", "import", 403),
    (Role.CONTRIBUTOR, "KEN", "import", 200),
])
def test_transfer_access(client, signed_in, cycle, role, state, path, status):
    signed_in(role, state)
    assert client.get(url(cycle, "KEN", path)).status_code == status


def test_transfer_pages_need_sign_in(client, cycle):
    for path in ("export.xlsx", "export.json", "import"):
        assert client.get(url(cycle, "KEN", path)).status_code == 302


# ------------------------------------------------------------------------------ the CLI


def test_cli_export_and_dry_run_import(runner, cycle, definition, tmp_path):
    fill(cycle, {"gen.institution": "Before"})
    out = tmp_path / "ken.json"
    result = runner.invoke(args=["responses", "export", "--state", "ken", "--format", "json",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["answers"] == {"gen.institution": "Before"}
    document["answers"]["gen.institution"] = "After"
    out.write_text(json.dumps(document), encoding="utf-8")

    dry = runner.invoke(args=["responses", "import", "--state", "KEN", str(out), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "gen.institution: Before -> After" in dry.output
    assert "nothing was saved" in dry.output
    db.session.expire_all()
    assert load_answers(response_of(cycle, "KEN"))["gen.institution"].value == "Before"

    real = runner.invoke(args=["responses", "import", "--state", "KEN", str(out)])
    assert real.exit_code == 0, real.output
    db.session.expire_all()
    assert load_answers(response_of(cycle, "KEN"))["gen.institution"].value == "After"
    assert changes_count() == 1


def test_cli_xlsx_round_trip(runner, cycle, definition, tmp_path):
    fill(cycle, complete_answers(definition))
    out = tmp_path / "ken.xlsx"
    assert runner.invoke(args=["responses", "export", "--state", "KEN", "--format", "xlsx",
                               "--out", str(out)]).exit_code == 0
    result = runner.invoke(args=["responses", "import", "--state", "KEN", str(out)])
    assert result.exit_code == 0, result.output
    assert "Imported 0 change(s)" in result.output


def test_cli_refuses_a_bad_file_with_one_line_per_problem(runner, cycle, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document(**{"gen.unknown": "x", "gen.institution": 5,
                                           "gen.focal_point_name": "ok"})), encoding="utf-8")
    result = runner.invoke(args=["responses", "import", "--state", "KEN", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert "gen.unknown: Unknown question key “gen.unknown”." in lines
    assert "gen.institution: The answer must be text." in lines
    assert lines[-1] == "Error: 2 problem(s) in bad.json: nothing was imported"
    assert "Traceback" not in result.output
    assert load_answers(response_of(cycle, "KEN")) == {}


def test_cli_refuses_a_locked_response(runner, cycle, tmp_path):
    response = response_of(cycle, "KEN")
    response.workflow_state = WorkflowState.UNDER_REVIEW
    db.session.commit()
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(document(**{"gen.institution": "x"})), encoding="utf-8")
    result = runner.invoke(args=["responses", "import", "--state", "KEN", str(path)])
    assert result.exit_code == 1
    assert "cannot be changed now" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["import", "--state", "XXX", "f.json"], "Error: unknown State code 'XXX'"),
    (["import", "--state", "FRA", "f.json"], "Error: FRA has no response in an open cycle"),
    (["import", "--state", "KEN", "f.txt"],
     "Error: f.txt: the file must end in .json, .xlsx or .pdf"),
    (["export", "--state", "KEN", "--format", "pdf", "--out", "x"], "Error: Invalid value"),
])
def test_cli_errors_are_one_line(runner, cycle, args, message):
    result = runner.invoke(args=["responses", *args])
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1].startswith(message), result.output
    assert "Traceback" not in result.output


def test_a_file_for_another_questionnaire_version_is_refused_with_a_message(cycle, definition):
    """It used to raise a TypeError (a 500) instead of saying which version the file is for."""
    problems = json_problems(cycle, definition, {**document(), "version": "0.9"})
    assert ("This file is for the questionnaire res-12-4 v0.9; the response uses "
            f"res-12-4 v{definition.version}. Export a new file and fill that one.") in problems
