"""Imports have a size and a row limit, and the import page states them (issue 16, point 6;
security review finding 5)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from exports import workbook_read
from models import Role
from questionnaire.l10n import format_number
from services.transfer import (
    MAX_IMPORT_BYTES,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    export_xlsx,
    parse_import,
)
from tests.conftest import csrf_token
from tests.workspace.test_transfer import fill, to_bytes, upload, url
from tests.workspace.workspace_fixtures import complete_answers, response_of

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_import_page_states_the_limits_the_reader_enforces(client, signed_in, cycle, lang):
    signed_in(Role.FOCAL_POINT, "KEN")
    client.post("/language", data={"csrf_token": csrf_token(client, "/"), "lang": lang,
                                   "next": "/"})
    html = client.get(url(cycle, "KEN", "import")).get_data(as_text=True)
    hint = html.split('id="import-file-hint"')[1].split("</p>")[0]
    for number in (MAX_SHEET_ROWS, MAX_SHEET_COLUMNS, MAX_IMPORT_BYTES // (1024 * 1024)):
        assert format_number(number, lang) in hint, (lang, number, hint)
    if lang != "en":
        assert "Each sheet of a workbook" not in hint  # translated


def exported(cycle, definition):
    fill(cycle, complete_answers(definition))
    data = export_xlsx(response_of(cycle, "KEN"), definition, "en")
    return load_workbook(io.BytesIO(data))


@pytest.mark.parametrize(("row", "column"), [(MAX_SHEET_ROWS + 1, 3),
                                              (10, MAX_SHEET_COLUMNS + 1)])
def test_a_sheet_beyond_the_limits_is_refused_before_the_workbook_is_loaded(
        cycle, definition, monkeypatch, row, column):
    workbook = exported(cycle, definition)
    workbook.worksheets[1].cell(row=row, column=column, value="padding")
    data = to_bytes(workbook)

    def never(*args, **kwargs):
        raise AssertionError("the workbook was loaded")

    monkeypatch.setattr(workbook_read, "load_workbook", never)
    parsed = parse_import("big.xlsx", data, definition)
    assert [p.text() for p in parsed.problems] == [
        f"A sheet of this workbook has more than {MAX_SHEET_ROWS} rows or {MAX_SHEET_COLUMNS} "
        "columns: it was not exported from EnvSAQ. Export a new workbook and fill that one."]


def test_an_exported_workbook_is_well_inside_the_limits(cycle, definition):
    """Every table filled to its most rows still leaves room: the limit never refuses a
    workbook EnvSAQ wrote."""
    workbook = exported(cycle, definition)
    for ws in workbook.worksheets:
        assert ws.max_row <= MAX_SHEET_ROWS // 2 and ws.max_column <= MAX_SHEET_COLUMNS // 2
    worst = max(sum(2 + len(q.option_values or ()) + q.settings.get("max_rows", 0)
                    for q in section.questions) for section in definition.sections)
    assert worst <= MAX_SHEET_ROWS // 2


def test_the_web_import_answers_the_limit_in_the_users_language(client, signed_in, cycle,
                                                                definition):
    workbook = exported(cycle, definition)
    workbook.worksheets[1].cell(row=MAX_SHEET_ROWS + 50, column=3, value="padding")
    signed_in(Role.FOCAL_POINT, "KEN")
    client.post("/language", data={"csrf_token": csrf_token(client, "/"), "lang": "fr",
                                   "next": "/"})
    response = upload(client, cycle, "big.xlsx", to_bytes(workbook))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert str(MAX_SHEET_ROWS) in html and "was not exported from EnvSAQ" not in html
