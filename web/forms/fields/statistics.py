"""Form adapter of yearly statistics: a sub-form per year, a cell per measure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wtforms import FormField

from questionnaire.fields.statistics import NOT_KNOWN, NOT_KNOWN_INPUTS, StatisticsType
from questionnaire.l10n import format_number
from questionnaire.vocabulary import term
from web.forms.fields.base import FormAdapter, adapts, make_form
from web.forms.fields.inputs import StringField
from web.forms.fields.number import read_number, typing_language


def year_field_name(year: int | str) -> str:
    return f"y{year}"


@adapts("statistics")
class StatisticsForm(FormAdapter):
    field_type: StatisticsType

    def form_field(self, lang: str) -> Any:
        measure_fields = {
            key: StringField(label.get(lang), render_kw={"inputmode": "numeric"})
            for key, label in self.field_type.measures()
        }
        year_form = make_form("StatisticsYearForm", measure_fields)
        table_form = make_form("StatisticsForm", {
            year_field_name(year): FormField(year_form, str(year))
            for year in self.field_type.years()
        })
        return FormField(table_form, self.label(lang), description=self.description(lang))

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, Mapping):
            return None
        value: dict[str, dict[str, Any]] = {}
        for year in self.field_type.years():
            cells = field_data.get(year_field_name(year))
            if not isinstance(cells, Mapping):
                continue
            row = {}
            for key, _label in self.field_type.measures():
                cell = cells.get(key)
                if not isinstance(cell, str) or not cell.strip():
                    continue
                text = cell.strip()
                if text.lower() in NOT_KNOWN_INPUTS:
                    row[key] = NOT_KNOWN
                else:
                    number = read_number(text)  # kept as typed if no count: validate() says
                    row[key] = number if isinstance(number, int) and number >= 0 else text
            if row:
                value[str(year)] = row
        return value or None

    def part_field_name(self, name: str, path: tuple[str, ...]) -> str:
        year, *rest = path
        return "-".join((name, year_field_name(year), *rest))

    def to_form_data(self, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return {}
        data = {}
        for year in self.field_type.years():
            row = value.get(str(year))
            if isinstance(row, Mapping):
                data[year_field_name(year)] = {
                    key: _cell_text(row.get(key)) for key, _label in self.field_type.measures()
                }
        return data


def _cell_text(cell: Any) -> str:
    """A stored count as the page's language writes it ("1 000" in French); "not known" in
    the page's words, never the stored token."""
    if cell is None:
        return ""
    if cell == NOT_KNOWN:
        return term(typing_language(), NOT_KNOWN)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return format_number(cell, typing_language())
    return str(cell)
