"""Form adapters of numeric answers: integer, decimal, year."""

from __future__ import annotations

import re
from typing import Any

from questionnaire.fields.base import format_number
from questionnaire.fields.number import is_number
from web.forms.fields.base import FormAdapter, adapts
from web.forms.fields.inputs import StringField

_INTEGER_RE = re.compile(r"[+-]?\d{1,16}")
_DECIMAL_RE = re.compile(r"[+-]?\d{1,16}(?:[.,]\d{1,12})?")


class NumberForm(FormAdapter):
    @property
    def whole(self) -> bool:
        return self.field_type.whole  # type: ignore[attr-defined, no-any-return]

    def form_field(self, lang: str) -> Any:
        return StringField(
            self.label(lang), description=self.description(lang),
            render_kw={"inputmode": "numeric" if self.whole else "decimal"},
        )

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, str):
            return None if field_data is None else field_data
        text = field_data.strip()
        if not text:
            return None
        if _INTEGER_RE.fullmatch(text):
            return int(text)
        if not self.whole and _DECIMAL_RE.fullmatch(text):
            return float(text.replace(",", "."))
        return field_data  # kept as typed; validate() explains the problem

    def to_form_data(self, value: Any) -> Any:
        return format_number(value) if is_number(value) else ("" if value is None else str(value))


@adapts("integer")
class IntegerForm(NumberForm):
    pass


@adapts("decimal")
class DecimalForm(NumberForm):
    pass


@adapts("year")
class YearForm(NumberForm):
    pass
