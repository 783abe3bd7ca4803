"""All responses as tables: long (State x question) and wide (one row per State), a codebook,
written as XLSX (openpyxl) or CSV.

A text cell that a spreadsheet could take for a formula (it starts with =, +, -, @, a tab or a
carriage return) is always written as text: typed as a string in XLSX, behind an apostrophe
in CSV. Data in, bytes out; no database here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from exports.workbook import FORMULA_STARTS, put
from questionnaire.definition import Definition, Question
from questionnaire.fields import field_type_for, node_text

LONG_COLUMNS = ("iso3", "state", "regional_group", "party_status", "submission",
                "submitted_at", "accepted", "question", "section", "type", "value_text",
                "value_json")
STATE_COLUMNS = ("iso3", "state", "regional_group", "party_status", "submission",
                 "submitted_at", "accepted")
CODEBOOK_COLUMNS = ("question", "section", "type", "label", "paragraphs", "articles",
                    "crime_types", "topic", "required", "options", "gap_rule", "basis",
                    "provisions", "rationale")

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class ExportRow:
    """One State's snapshot, with what the tables say about the State."""

    iso3: str
    name: str
    group: str
    party_status: str
    number: int
    submitted_at: str
    accepted: bool
    answers: Mapping[str, Any]


def _value_cell(definition: Definition, key: str, value: Any, lang: str) -> str:
    return node_text(field_type_for(definition.question(key)).display(value, lang))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _state_cells(row: ExportRow) -> list[Cell]:
    return [row.iso3, row.name, row.group, row.party_status, row.number, row.submitted_at,
            row.accepted]


def long_table(definition: Definition, rows: Iterable[ExportRow], lang: str
               ) -> tuple[Sequence[str], list[list[Cell]]]:
    """One line per State and answered question, in questionnaire order."""
    lines = []
    for row in rows:
        for question in definition.questions:
            if question.key not in row.answers:
                continue
            value = row.answers[question.key]
            lines.append([*_state_cells(row), question.key, question.section_key, question.type,
                          _value_cell(definition, question.key, value, lang), _json(value)])
    return LONG_COLUMNS, lines


def wide_table(definition: Definition, rows: Iterable[ExportRow], lang: str
               ) -> tuple[Sequence[str], list[list[Cell]]]:
    """One line per State, one column per question (the answer as displayed)."""
    keys = [question.key for question in definition.questions]
    lines = [
        [*_state_cells(row),
         *[_value_cell(definition, key, row.answers[key], lang) if key in row.answers else None
           for key in keys]]
        for row in rows
    ]
    return (*STATE_COLUMNS, *keys), lines


def codebook(definition: Definition, lang: str) -> tuple[Sequence[str], list[list[Cell]]]:
    """What each question column means: label, tags, options and gap rule with its legal force
    (basis, provisions, rationale in ``lang``)."""
    lines: list[list[Cell]] = []
    for question in definition.questions:
        options = "; ".join(f"{o.value} = {o.label.get(lang)}" for o in question.options)
        lines.append([
            question.key, question.section_key, question.type, question.label.get(lang),
            ", ".join(str(p) for p in question.paragraphs), ", ".join(question.articles),
            ", ".join(question.crime_types), question.topic or "", question.required, options,
            _json(_plain(question.gap)) if question.gap is not None else "",
            *_legal_force_cells(question, lang),
        ])
    return CODEBOOK_COLUMNS, lines


def _legal_force_cells(question: Question, lang: str) -> list[Cell]:
    force = question.legal_force
    if force is None:
        return ["", "", ""]
    return [force.basis.value, "; ".join(force.provisions), force.rationale.get(lang)]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_xlsx(sheets: Mapping[str, tuple[Sequence[str], list[list[Cell]]]]) -> bytes:
    """A workbook with one sheet per entry; texts stay text (never formulas), without the
    control characters a workbook cannot hold."""
    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    for title, (header, lines) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        table: list[Sequence[Cell]] = [list(header), *lines]
        for row_index, line in enumerate(table, start=1):
            for column_index, value in enumerate(line, start=1):
                if value is not None:
                    put(sheet, row_index, column_index, value)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], lines: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so spreadsheet programs read the scripts right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for line in lines:
        writer.writerow([csv_cell(value) for value in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
