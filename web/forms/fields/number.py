"""Form adapters of numeric answers: integer, decimal, year."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale

from questionnaire.fields.number import is_number
from questionnaire.l10n import NumberParseError, format_number, parse_number
from web.forms.fields.base import FormAdapter, adapts
from web.forms.fields.inputs import StringField


def typing_language() -> str:
    """The language of the page the answer was typed on (how its numbers are written)."""
    locale = get_locale()
    return locale.language if locale else "en"


def read_number(text: str) -> Any:
    """What the user typed, read as people write numbers in the page's language ("1 000",
    "1.000" in Spanish, Arabic-Indic digits); kept as typed when it is no number, so that
    validation explains the problem."""
    try:
        return parse_number(text, typing_language())
    except NumberParseError:
        return text


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
        if not field_data.strip():
            return None
        value = read_number(field_data)
        return field_data if isinstance(value, str) else value

    def to_form_data(self, value: Any) -> Any:
        if is_number(value):
            return format_number(value, typing_language())
        return "" if value is None else str(value)


@adapts("integer")
class IntegerForm(NumberForm):
    pass


@adapts("decimal")
class DecimalForm(NumberForm):
    pass


@adapts("year")
class YearForm(NumberForm):
    def to_form_data(self, value: Any) -> Any:
        return "" if value is None else str(value)  # a year has no group separator
