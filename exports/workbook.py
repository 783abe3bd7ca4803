"""A State's answers as an XLSX workbook for circulation among ministries, and back.

``write_workbook`` is pure (definition, answers and facts in; bytes out). ``read_workbook``
maps a filled workbook back to ``{question key: value}`` with a list of problems, each naming
the sheet and the cell. Messages are English (marked for translation); callers translate.

Layout: an instructions sheet; one sheet per section with the question keys in the hidden
column A (the reader goes by these, not by sheet names or positions); a hidden sheet of facts
(questionnaire, version, State, language) and a hidden sheet of drop-down lists.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports.i18n import load_translations, text_direction
from exports.workbook_cells import (
    Codec,
    Layout,
    Problem,
    get_path,
    is_blank,
    layout_of,
    set_path,
)
from questionnaire.definition import Definition, Question, Section
from questionnaire.fields.base import node_text
from questionnaire.i18n import _

FORMAT = "envsaq-workbook/1"
META_SHEET = "_envsaq"
LISTS_SHEET = "_lists"
ANSWER_COLUMN = 3  # C; tables start there too
SPARE_ROWS = 5
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
NOT_A_WORKBOOK = _("The file is not an Excel workbook (.xlsx).")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class WorkbookFacts:
    """What the workbook is about; written on the instructions sheet and the facts sheet."""

    questionnaire: str
    version: str
    state: str
    state_name: str
    cycle: str
    lang: str
    exported_at: str


@dataclass(frozen=True)
class CellProblem:
    """Something wrong in one cell (``sheet`` and ``cell`` empty for the file as a whole)."""

    sheet: str
    cell: str
    message: str
    """English text; a ``questionnaire.i18n.Message`` keeps what translating it needs."""


@dataclass
class WorkbookReading:
    facts: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    #: Question key -> (sheet, cell) to point at for a problem with the whole answer.
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)


# ================================================================================ writing


def put(ws: Worksheet, row: int, column: int, value: Any, *, text: bool = False) -> Cell:
    """Write a cell; a string is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    if text:
        cell.number_format = "@"
    return cell


class _Lists:
    """Drop-down lists, stored once each on the hidden lists sheet."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.ranges: dict[tuple[str, ...], str] = {}
        self.validations: dict[tuple[int, str], DataValidation] = {}

    def range_of(self, labels: list[str]) -> str:
        key = tuple(labels)
        if key not in self.ranges:
            column = len(self.ranges) + 1
            for index, label in enumerate(labels, start=1):
                put(self.sheet, index, column, label)
            letter = get_column_letter(column)
            self.ranges[key] = (f"{quote_sheetname(LISTS_SHEET)}!"
                                f"${letter}$1:${letter}${max(1, len(labels))}")
        return self.ranges[key]

    def attach(self, ws: Worksheet, cell: Cell, labels: list[str], error: str) -> None:
        formula = self.range_of(labels)
        key = (id(ws), formula)
        validation = self.validations.get(key)
        if validation is None:
            validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                        showErrorMessage=True, error=error)
            ws.add_data_validation(validation)
            self.validations[key] = validation
        validation.add(cell.coordinate)


@dataclass
class _Writer:
    definition: Definition
    answers: Mapping[str, Any]
    lang: str
    gettext: Callable[[str], str]
    lists: _Lists

    def section(self, ws: Worksheet, section: Section) -> None:
        t = self.gettext
        put(ws, 1, 1, f"section:{section.key}")
        put(ws, 1, 2, section.title.get(self.lang)).font = Font(bold=True, size=14)
        for column, header in enumerate((t("Question"), t("Answer"), t("How to answer")), 2):
            put(ws, 2, column, header).font = Font(bold=True)
        ws.column_dimensions["A"].hidden = True
        ws.column_dimensions["B"].width = 60
        ws.column_dimensions["C"].width = 40
        for column in range(4, 16):
            ws.column_dimensions[get_column_letter(column)].width = 22
        ws.freeze_panes = "C3"
        if text_direction(self.lang) == "rtl":
            ws.sheet_view.rightToLeft = True
        row = 3
        for question in section.questions:
            row = self.question(ws, row, question) + 1

    def label(self, ws: Worksheet, row: int, question: Question) -> None:
        text = question.label.get(self.lang)
        cell = put(ws, row, 2, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=True)

    def answer_cell(self, ws: Worksheet, row: int, column: int, codec: Codec,
                    value: Any) -> Cell:
        cell = put(ws, row, column, codec.encode(value, self.lang), text=codec.text_format)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        options = codec.options(self.lang)
        if options:
            self.lists.attach(ws, cell, options, self.gettext("Choose an answer from the list."))
        return cell

    def question(self, ws: Worksheet, row: int, question: Question) -> int:
        """Write one question from ``row``; returns the last row used."""
        layout = layout_of(question)
        value = self.answers.get(question.key)
        put(ws, row, 1, question.key)
        self.label(ws, row, question)
        t = self.gettext
        if layout.kind == "cell":
            assert layout.codec is not None
            self.answer_cell(ws, row, ANSWER_COLUMN, layout.codec, value)
            put(ws, row, ANSWER_COLUMN + 1, t(layout.codec.hint)).font = Font(italic=True)
            return row
        if layout.kind == "info":
            shown = node_text(layout.field_type.display(value, self.lang))
            put(ws, row, ANSWER_COLUMN, shown)
            put(ws, row, ANSWER_COLUMN + 1,
                t("This answer cannot be changed through the workbook; use EnvSAQ.")
                ).font = Font(italic=True)
            return row
        if layout.kind == "options":
            assert layout.codec is not None
            put(ws, row, ANSWER_COLUMN + 1, t(layout.codec.hint)).font = Font(italic=True)
            picked = value if isinstance(value, list) else []
            for option in question.options:
                row += 1
                put(ws, row, 1, f"{question.key}#option:{option.value}")
                put(ws, row, 2, option.label.get(self.lang)).alignment = Alignment(
                    wrap_text=True, indent=2)
                self.answer_cell(ws, row, ANSWER_COLUMN, layout.codec, option.value in picked)
            return row
        return self.table(ws, row, question, layout, value)

    def table(self, ws: Worksheet, row: int, question: Question, layout: Layout,
              value: Any) -> int:
        put(ws, row, ANSWER_COLUMN, self.gettext(_table_hint(layout))).font = Font(italic=True)
        row += 1
        put(ws, row, 1, f"{question.key}#columns")
        put(ws, row, 2, layout.row_header(self.lang)).font = Font(bold=True)
        for offset, column in enumerate(layout.columns):
            cell = put(ws, row, ANSWER_COLUMN + offset, column.header(self.lang))
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for marker, label, cells in _table_rows(question, layout, value, self.lang):
            row += 1
            put(ws, row, 1, marker)
            put(ws, row, 2, label)
            for offset, column in enumerate(layout.columns):
                self.answer_cell(ws, row, ANSWER_COLUMN + offset, column.codec,
                                 get_path(cells, column.path))
        return row


def _table_hint(layout: Layout) -> str:
    if layout.kind == "rows":
        return _("One line per entry; leave unused lines empty. Insert rows inside the table "
                 "for more.")
    return _("Fill in the table below.")


def _table_rows(question: Question, layout: Layout, value: Any,
                lang: str) -> Iterable[tuple[str, str, Any]]:
    """(marker, row label, row value) of each table row to write."""
    if layout.kind == "rows":
        rows = [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
        total = min(max(layout.max_rows, len(rows)), len(rows) + SPARE_ROWS)
        for index in range(total):
            yield (f"{question.key}#row", str(index + 1), rows[index] if index < len(rows) else {})
    elif layout.kind == "fixed":
        table = value if isinstance(value, Mapping) else {}
        for key in layout.row_keys:
            yield f"{question.key}#row:{key}", layout.row_label(key, lang), table.get(key) or {}
    else:  # single
        yield f"{question.key}#row", "", value if isinstance(value, Mapping) else {}


def sheet_names(definition: Definition, lang: str) -> list[str]:
    """A unique, valid sheet name for each section: its number and (shortened) title."""
    names: list[str] = []
    for number, section in enumerate(definition.sections, start=1):
        title = section.title.get(lang).translate(_SHEET_NAME_FORBIDDEN).strip(" '")
        name = f"{number}. {title}"[:31].rstrip(" '")
        while name.casefold() in {n.casefold() for n in names} or name.startswith("_"):
            name = f"{number}"
        names.append(name)
    return names


INSTRUCTIONS = (
    _("Answer on the sheet of each section, in the cells next to each question."),
    _("Where a drop-down list is offered, choose from it. For a question that allows several "
      "answers, choose Yes next to each answer that applies."),
    _("Tables take one line per law, case, year or crime type. Leave lines you do not need "
      "empty; to add lines, insert rows inside the table."),
    _("Emptying a cell removes that answer when the workbook is imported."),
    _("Do not change the hidden column A, the hidden sheets or the order of the rows they "
      "describe: they tell EnvSAQ which answer is which."),
    _("Attachments are not part of the workbook: add them in EnvSAQ."),
    _("When the workbook is filled, import it in EnvSAQ. You will see every change and every "
      "problem before anything is saved, and nothing is saved while a cell is invalid."),
)


def _instructions(ws: Worksheet, definition: Definition, facts: WorkbookFacts,
                  t: Callable[[str], str]) -> None:
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    if text_direction(facts.lang) == "rtl":
        ws.sheet_view.rightToLeft = True
    put(ws, 1, 1, definition.title.get(facts.lang)).font = Font(bold=True, size=14)
    rows = (
        (t("State"), f"{facts.state_name} ({facts.state})"),
        (t("Reporting cycle"), facts.cycle),
        (t("Questionnaire version"), f"{facts.questionnaire} v{facts.version}"),
        (t("Exported"), facts.exported_at),
    )
    for index, (label, value) in enumerate(rows, start=3):
        put(ws, index, 1, label).font = Font(bold=True)
        put(ws, index, 2, value)
    put(ws, 8, 1, t("How to fill in this workbook")).font = Font(bold=True, size=12)
    for index, text in enumerate(INSTRUCTIONS, start=9):
        put(ws, index, 1, f"{index - 8}.")
        put(ws, index, 2, t(text)).alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(definition: Definition, answers: Mapping[str, Any], facts: WorkbookFacts,
                   gettext: Callable[[str], str] | None = None) -> bytes:
    """The workbook of ``answers`` (question key -> stored value) as XLSX bytes."""
    t = gettext or load_translations(facts.lang).gettext
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = t("Instructions")[:31] or "Instructions"
    _instructions(instructions, definition, facts, t)
    section_sheets = [workbook.create_sheet(name) for name in sheet_names(definition, facts.lang)]
    meta = workbook.create_sheet(META_SHEET)
    lists = workbook.create_sheet(LISTS_SHEET)
    for index, (name, value) in enumerate((
            ("format", FORMAT), ("questionnaire", facts.questionnaire),
            ("version", facts.version), ("state", facts.state), ("lang", facts.lang)), start=1):
        put(meta, index, 1, name)
        put(meta, index, 2, value, text=True)
    meta.sheet_state = "hidden"
    lists.sheet_state = "hidden"
    writer = _Writer(definition, answers, facts.lang, t, _Lists(lists))
    for ws, section in zip(section_sheets, definition.sections, strict=True):
        writer.section(ws, section)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ================================================================================ reading


@dataclass
class _Found:
    """Where one question's rows are in the workbook."""

    sheet: str
    row: int
    options: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[str | None, int]] = field(default_factory=list)


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


# ================================================================================ comparing


def comparable(value: Any) -> Any:
    """``value`` as a round trip through a workbook leaves it: what "unchanged" is judged on.

    Line ends become LF and characters a workbook cannot hold are dropped; empty texts, lists
    and mappings count as no answer; whole floats count as integers.
    """
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
        return text if text.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        items = {str(k): comparable(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v is not None} or None
    if isinstance(value, list | tuple):
        items = [comparable(v) for v in value]
        return items if any(v is not None for v in items) else None
    return value


def same_answer(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` are the same answer (types matter: 1 is not true)."""

    def canonical(value: Any) -> str:
        return json.dumps(comparable(value), sort_keys=True, ensure_ascii=False)

    return canonical(a) == canonical(b)
