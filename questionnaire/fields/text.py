"""Free-text answers: short_text, long_text."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from wtforms import TextAreaField

from questionnaire.definition import Question
from questionnaire.fields.base import MAX_STRING_LENGTH, FieldType, register
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.inputs import StringField
from questionnaire.fields.shape import TEXT, Shape
from questionnaire.i18n import _


class TextField(FieldType):
    settings_keys = frozenset({"max_length"})
    default_max_length: ClassVar[int] = 500
    widget_class: ClassVar[type] = StringField
    example_sentences: ClassVar[tuple[int, int]] = (1, 1)
    """How many sentences an example answer has, at least and at most."""

    def max_length(self) -> int:
        value = self.question.settings.get("max_length", self.default_max_length)
        return value if isinstance(value, int) else self.default_max_length

    def check_type_settings(self, question: Question) -> list[str]:
        value = question.settings.get("max_length", self.default_max_length)
        if not isinstance(value, int) or isinstance(value, bool) or not (
            1 <= value <= MAX_STRING_LENGTH
        ):
            return [f"setting 'max_length' must be a whole number from 1 to {MAX_STRING_LENGTH}"]
        return []

    def form_field(self, lang: str) -> Any:
        return self.widget_class(
            self.label(lang), description=self.description(lang),
            render_kw={"maxlength": self.max_length()},
        )

    def from_form(self, field_data: Any) -> Any:
        if not isinstance(field_data, str) or not field_data.strip():
            return None
        return field_data

    def to_form_data(self, value: Any) -> Any:
        return value if isinstance(value, str) else ""

    def shape(self) -> Shape:
        return Shape("cell", cell=TEXT)

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        low, high = self.example_sentences
        sentences = low if low == high else ctx.rng.randint(low, high)
        text = " ".join(ctx.phrase() for _ in range(sentences))
        return text[:self.max_length()]

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, str):
            return [_("The answer must be text.")]
        if len(value) > self.max_length():
            return [_("Enter at most %(limit)s characters.", limit=self.max_length())]
        return []


@register("short_text")
class ShortText(TextField):
    column_type = True


@register("long_text")
class LongText(TextField):
    default_max_length = 20_000
    widget_class = TextAreaField
    example_sentences = (1, 3)
    quotable = True
