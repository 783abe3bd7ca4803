"""Form adapters of free-text answers: short_text, long_text, date."""

from __future__ import annotations

from typing import Any, ClassVar

from wtforms import TextAreaField

from web.forms.fields.base import FormAdapter, adapts
from web.forms.fields.inputs import StringField


class TextForm(FormAdapter):
    widget_class: ClassVar[type] = StringField

    def form_field(self, lang: str) -> Any:
        return self.widget_class(
            self.label(lang), description=self.description(lang),
            # dir="auto": an answer in English stays left to right in the Arabic interface.
            render_kw={"maxlength": self.field_type.max_length(),  # type: ignore[attr-defined]
                       "dir": "auto"},
        )

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, str) or not field_data.strip():
            return None
        return field_data

    def to_form_data(self, value: Any) -> Any:
        return value if isinstance(value, str) else ""


@adapts("short_text")
class ShortTextForm(TextForm):
    pass


@adapts("long_text")
class LongTextForm(TextForm):
    widget_class = TextAreaField


@adapts("date")
class DateForm(FormAdapter):
    def form_field(self, lang: str) -> Any:
        return StringField(
            self.label(lang), description=self.description(lang), render_kw={"type": "date"}
        )

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, str) or not field_data.strip():
            return None
        return field_data.strip()

    def to_form_data(self, value: Any) -> Any:
        return value if isinstance(value, str) else ""
