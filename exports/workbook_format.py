"""What the answer workbook's writer and reader agree on: its marks, limits and facts, the
problems a reading reports, and writing a cell so that text is never taken for a formula."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

from questionnaire.i18n import _
from questionnaire.line_breaks import normalized_line_breaks

FORMAT = "envsaq-workbook/1"
META_SHEET = "_envsaq"
LISTS_SHEET = "_lists"
ANSWER_COLUMN = 3  # C; tables start there too
SPARE_ROWS = 5
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
#: The largest sheet an import reads. An exported sheet holds a section: a few hundred rows at
#: most (tables of free rows included) and a dozen columns; anything beyond is refused before
#: the workbook is loaded, so that a sheet of 200,000 rows costs no more than a glance.
MAX_SHEET_ROWS = 5000
MAX_SHEET_COLUMNS = 50
NOT_A_WORKBOOK = _("The file is not an Excel workbook (.xlsx).")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def put(ws: Worksheet, row: int, column: int, value: Any, *, text: bool = False) -> Cell:
    """Write a cell; a string is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        # One form of line break: lxml, when installed, writes a CR that the standard library's
        # XML writer drops, so without this the file would depend on the machine.
        value = normalized_line_breaks(ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.value = value
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    if text:
        cell.number_format = "@"
    return cell
