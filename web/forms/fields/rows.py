"""Form adapters of repeatable rows: citations, cases."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from wtforms import FieldList, Form, FormField, SelectField, TextAreaField

from questionnaire.fields.rows import STATUSES, Column, RowsField
from questionnaire.vocabulary import term
from web.forms.fields.base import FormAdapter, adapts, make_form, select_choices
from web.forms.fields.inputs import StringField

_YEAR_RE = re.compile(r"\d{4}")


def _text_cell(label: str, column: Column, lang: str) -> Any:
    return StringField(label, render_kw={"maxlength": column.max_length})


def _long_text_cell(label: str, column: Column, lang: str) -> Any:
    return TextAreaField(label, render_kw={"maxlength": column.max_length})


def _year_cell(label: str, column: Column, lang: str) -> Any:
    return StringField(label, render_kw={"inputmode": "numeric"})


def _status_cell(label: str, column: Column, lang: str) -> Any:
    choices = [("", ""), *[(status, term(lang, status)) for status in STATUSES]]
    return SelectField(label, choices=select_choices(choices), validate_choice=False)


CELL_FIELDS: dict[str, Callable[[str, Column, str], Any]] = {
    "text": _text_cell,
    "link": _text_cell,
    "long_text": _long_text_cell,
    "year": _year_cell,
    "status": _status_cell,
}
"""WTForms field factory for each cell kind."""


@lru_cache(maxsize=64)
def _row_form(field_class: type[RowsField], lang: str) -> type[Form]:
    return make_form(f"{field_class.__name__}Row", {
        column.key: CELL_FIELDS[column.kind](term(lang, column.key), column, lang)
        for column in field_class.columns
    })


class RowsForm(FormAdapter):
    @property
    def columns(self) -> tuple[Column, ...]:
        return self.field_type.columns  # type: ignore[attr-defined, no-any-return]

    def row_form(self, lang: str) -> type[Form]:
        return _row_form(type(self.field_type), lang)  # type: ignore[arg-type]

    def form_field(self, lang: str) -> Any:
        return FieldList(
            FormField(self.row_form(lang)), self.label(lang), min_entries=0,
            max_entries=self.field_type.max_rows(),  # type: ignore[attr-defined]
            description=self.description(lang),
        )

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, list):
            return None
        rows = []
        for raw in field_data:
            if not isinstance(raw, Mapping):
                continue
            row = {}
            for column in self.columns:
                cell = raw.get(column.key)
                if isinstance(cell, str):
                    cell = cell.strip()
                    if column.kind == "year" and _YEAR_RE.fullmatch(cell):
                        cell = int(cell)
                if cell not in (None, "", "None"):
                    row[column.key] = cell
            if row:
                rows.append(row)
        return rows or None

    def to_form_data(self, value: Any) -> Any:
        if not isinstance(value, list):
            return []
        return [
            {column.key: "" if row.get(column.key) is None else str(row[column.key])
             for column in self.columns}
            for row in value
            if isinstance(row, Mapping)
        ]


@adapts("citations")
class CitationsForm(RowsForm):
    pass


@adapts("cases")
class CasesForm(RowsForm):
    pass
