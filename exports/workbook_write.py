"""Writing the answer workbook: instructions, one sheet per section, hidden facts and lists."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports.i18n import load_translations, text_direction
from exports.workbook_cells import Codec, Layout, get_path, layout_of
from exports.workbook_format import (
    ANSWER_COLUMN,
    FORMAT,
    LISTS_SHEET,
    META_SHEET,
    SPARE_ROWS,
    WorkbookFacts,
    put,
)
from questionnaire.definition import Definition, Question, Section
from questionnaire.fields.base import node_text
from questionnaire.i18n import _

_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


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
