"""Form adapter of a crime matrix: a sub-form per crime type, each column its own adapter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wtforms import FormField

from questionnaire.fields.crime_matrix import CrimeMatrixType
from web.forms.fields.base import FormAdapter, adapter_for, adapts, make_form


@adapts("crime_matrix")
class CrimeMatrixForm(FormAdapter):
    field_type: CrimeMatrixType

    def columns(self) -> list[tuple[str, FormAdapter]]:
        return [(key, adapter_for(column)) for key, column in self.field_type.columns()]

    def form_field(self, lang: str) -> Any:
        row_form = make_form("CrimeMatrixRow", {
            key: adapter.form_field(lang) for key, adapter in self.columns()})
        matrix_form = make_form("CrimeMatrixForm", {
            crime_type.key: FormField(row_form, crime_type.label.get(lang))
            for crime_type in self.field_type.crime_types()
        })
        return FormField(matrix_form, self.label(lang), description=self.description(lang),
                         render_kw=self.gate_attributes())

    def gate_attributes(self) -> dict[str, str] | None:
        """For the page's script: the first column's answer that turns the columns that exist
        only for offences (the penalty) off, as the server's validation does."""
        gate = self.field_type.gate()
        if gate is None:
            return None
        off = [key for key, column in self.field_type.columns() if column.offence_only]
        return {"data-gate": "=".join(gate), "data-offence-only": " ".join(off)}

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, Mapping):
            return None
        columns = self.columns()
        value = {}
        for crime_type in self.field_type.crime_types():
            cells = field_data.get(crime_type.key)
            if not isinstance(cells, Mapping):
                continue
            row = {}
            for key, adapter in columns:
                cell = adapter.from_form(cells.get(key))
                if cell is not None:
                    row[key] = cell
            if row:
                value[crime_type.key] = row
        return value or None

    def part_field_name(self, name: str, path: tuple[str, ...]) -> str:
        crime_type, column, *rest = path
        adapter = dict(self.columns()).get(column)
        cell = f"{name}-{crime_type}-{column}"
        return adapter.part_field_name(cell, tuple(rest)) if adapter else cell

    def to_form_data(self, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return {}
        columns = self.columns()
        return {
            key: {column: adapter.to_form_data(row.get(column)) for column, adapter in columns}
            for key, row in value.items()
            if isinstance(row, Mapping)
        }
