"""Reading a filled answer workbook back: the answers by question key, and every problem found
with its sheet and cell. Rows are found by the keys in the hidden column A, not by position."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from defusedxml.ElementTree import iterparse
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.worksheet import Worksheet

from exports.workbook_cells import Codec, Layout, Problem, is_blank, layout_of, set_path
from exports.workbook_format import (
    ANSWER_COLUMN,
    FORMAT,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    META_SHEET,
    NOT_A_WORKBOOK,
    CellProblem,
    WorkbookReading,
)
from questionnaire.definition import Definition
from questionnaire.i18n import _


@dataclass
class _Found:
    """Where one question's rows are in the workbook."""

    sheet: str
    row: int
    options: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[str | None, int]] = field(default_factory=list)


def _sheet_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """How far a worksheet part reaches (last row, last column), read as a stream that stops
    as soon as either passes its limit."""
    last_row = last_column = 0
    with archive.open(part) as handle:
        for event, element in iterparse(handle, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "end":
                if tag == "row":
                    element.clear()
                continue
            if tag == "row":
                last_row = int(element.get("r") or last_row + 1)
                last_column = 0
            elif tag == "c":
                reference = element.get("r")
                last_column = coordinate_to_tuple(reference)[1] if reference else last_column + 1
            else:
                continue
            if last_row > MAX_SHEET_ROWS or last_column > MAX_SHEET_COLUMNS:
                break
    return last_row, last_column


def _too_large_sheet(archive: zipfile.ZipFile) -> CellProblem | None:
    for part in archive.namelist():
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        rows, columns = _sheet_extent(archive, part)
        if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS:
            return CellProblem("", "", _(
                "A sheet of this workbook has more than %(rows)s rows or %(columns)s columns: "
                "it was not exported from EnvSAQ. Export a new workbook and fill that one.",
                rows=MAX_SHEET_ROWS, columns=MAX_SHEET_COLUMNS))
    return None


def _open(data: bytes, reading: WorkbookReading) -> Any:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        reading.problems.append(CellProblem("", "", NOT_A_WORKBOOK))
        return None
    if size > MAX_UNCOMPRESSED_BYTES:
        reading.problems.append(CellProblem("", "", _("The workbook is too large to import.")))
        return None
    try:
        too_large = _too_large_sheet(archive)
    except Exception:  # a damaged part: XML, zip or cell reference errors alike
        reading.problems.append(CellProblem("", "", NOT_A_WORKBOOK))
        return None
    if too_large is not None:
        reading.problems.append(too_large)
        return None
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        reading.problems.append(CellProblem("", "", NOT_A_WORKBOOK))
        return None


def _facts(workbook: Any, reading: WorkbookReading) -> bool:
    if META_SHEET not in workbook.sheetnames:
        reading.problems.append(CellProblem("", "", _(
            "This workbook was not exported from EnvSAQ, or its hidden information sheet was "
            "removed: export a new workbook and fill that one.")))
        return False
    for name, value in workbook[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(name, str) and value is not None:
            reading.facts[name] = str(value)
    if reading.facts.get("format") != FORMAT:
        reading.problems.append(CellProblem(META_SHEET, "B1", _(
            "This workbook comes from another version of EnvSAQ: export a new workbook.")))
        return False
    return True


def _cell_raw(cell: Cell, sheet: str, reading: WorkbookReading) -> Any:
    """The cell's value, or None after recording a problem for a formula or an error."""
    if cell.data_type == "f":
        reading.problems.append(CellProblem(sheet, cell.coordinate, _(
            "This cell holds a formula; type the answer itself.")))
        return None
    if cell.data_type == "e":
        reading.problems.append(CellProblem(sheet, cell.coordinate, _(
            "This cell holds an error value; type the answer itself.")))
        return None
    return cell.value


def _decode(ws: Worksheet, row: int, column: int, codec: Codec, lang: str,
            reading: WorkbookReading) -> Any:
    cell = ws.cell(row=row, column=column)
    raw = _cell_raw(cell, ws.title, reading)
    if is_blank(raw):
        return None
    try:
        return codec.decode(raw, lang)
    except Problem as problem:
        reading.problems.append(CellProblem(ws.title, cell.coordinate, problem.message))
        return None


def _row_value(ws: Worksheet, row: int, layout: Layout, lang: str,
               reading: WorkbookReading) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for offset, column in enumerate(layout.columns):
        cell = _decode(ws, row, ANSWER_COLUMN + offset, column.codec, lang, reading)
        if cell is not None:
            set_path(value, column.path, cell)
    return value


def _row_has_content(ws: Worksheet, row: int, width: int) -> bool:
    return any(not is_blank(ws.cell(row=row, column=ANSWER_COLUMN + offset).value)
               for offset in range(width))


def _scan(workbook: Any, definition: Definition,
          reading: WorkbookReading) -> tuple[dict[str, _Found], dict[str, Layout]]:
    """Find every question's rows by the keys in column A."""
    found: dict[str, _Found] = {}
    layouts: dict[str, Layout] = {}
    sections = 0
    for ws in workbook.worksheets:
        first = ws.cell(row=1, column=1).value
        if not (isinstance(first, str) and first.startswith("section:")):
            continue
        sections += 1
        open_rows: str | None = None  # a table of free rows, which may have inserted rows
        for row in range(2, ws.max_row + 1):
            marker = ws.cell(row=row, column=1).value
            if marker is None or (isinstance(marker, str) and not marker.strip()):
                if open_rows and _row_has_content(ws, row, len(layouts[open_rows].columns)):
                    found[open_rows].rows.append((None, row))
                continue
            open_rows = None
            key, _sep, part = str(marker).strip().partition("#")
            where = f"A{row}"
            if not definition.has_question(key):
                reading.problems.append(CellProblem(ws.title, where, _(
                    "Unknown question key “%(key)s”: the hidden column A was changed.", key=key)))
                continue
            layout = layouts.setdefault(key, layout_of(definition.question(key)))
            if not part:
                if key in found:
                    reading.problems.append(CellProblem(ws.title, where, _(
                        "The question “%(key)s” appears twice in the workbook.", key=key)))
                    continue
                found[key] = _Found(ws.title, row)
                reading.locations[key] = (ws.title, f"{get_column_letter(ANSWER_COLUMN)}{row}"
                                          if layout.kind == "cell" else f"B{row}")
                continue
            place = found.get(key)
            if place is None or place.sheet != ws.title:
                reading.problems.append(CellProblem(ws.title, where, _(
                    "This row is out of place: the rows of a question must stay together.")))
                continue
            if part == "columns" and layout.kind in ("rows", "fixed", "single"):
                continue
            if part.startswith("option:") and layout.kind == "options":
                place.options[part.removeprefix("option:")] = row
            elif part == "row" and layout.kind in ("rows", "single"):
                place.rows.append((None, row))
                open_rows = key if layout.kind == "rows" else None
            elif part.startswith("row:") and layout.kind == "fixed":
                place.rows.append((part.removeprefix("row:"), row))
            else:
                reading.problems.append(CellProblem(ws.title, where, _(
                    "Unknown row marker “%(marker)s”: the hidden column A was changed.",
                    marker=str(marker))))
    if not sections:
        reading.problems.append(CellProblem("", "", _(
            "The workbook has no answer sheets: export a new workbook and fill that one.")))
    return found, layouts


def _value_of(workbook: Any, key: str, place: _Found, layout: Layout, lang: str,
              reading: WorkbookReading) -> Any:
    ws = workbook[place.sheet]
    if layout.kind == "cell":
        assert layout.codec is not None
        return _decode(ws, place.row, ANSWER_COLUMN, layout.codec, lang, reading)
    if layout.kind == "options":
        assert layout.codec is not None
        ticked = set()
        for option, row in place.options.items():
            if _decode(ws, row, ANSWER_COLUMN, layout.codec, lang, reading):
                ticked.add(option)
        question = layout.field_type.question
        unknown = ticked - set(question.option_values)
        for option in sorted(unknown):
            reading.problems.append(CellProblem(ws.title, f"A{place.options[option]}", _(
                "Unknown answer “%(option)s”: the hidden column A was changed.", option=option)))
        return [v for v in question.option_values if v in ticked] or None
    if layout.kind == "rows":
        rows = [_row_value(ws, row, layout, lang, reading) for _key, row in place.rows]
        return [row for row in rows if row] or None
    if layout.kind == "single":
        rows = [_row_value(ws, row, layout, lang, reading) for _key, row in place.rows]
        return next((row for row in rows if row), None)
    table: dict[str, Any] = {}
    for row_key, row in place.rows:
        if row_key not in layout.row_keys:
            reading.problems.append(CellProblem(ws.title, f"A{row}", _(
                "Unknown table row “%(row)s”: the hidden column A was changed.", row=str(row_key))))
            continue
        cells = _row_value(ws, row, layout, lang, reading)
        if cells:
            table[str(row_key)] = cells
    return table or None


def read_workbook(data: bytes, definition: Definition) -> WorkbookReading:
    """The answers in a filled workbook, keyed by question, with every problem found.

    Only questions present in the workbook appear in ``values``; an emptied answer is None.
    Attachments (and other answers that the workbook only shows) are never read back.
    """
    reading = WorkbookReading()
    workbook = _open(data, reading)
    if workbook is None or not _facts(workbook, reading):
        return reading
    lang = reading.facts.get("lang", "en")
    found, layouts = _scan(workbook, definition, reading)
    for key, place in found.items():
        layout = layouts[key]
        if layout.kind == "info":
            reading.locations.pop(key, None)
            continue
        reading.values[key] = _value_of(workbook, key, place, layout, lang, reading)
    return reading
