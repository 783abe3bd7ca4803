"""Free-text answers: short_text, long_text."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from questionnaire.definition import Question
from questionnaire.fields.base import MAX_STRING_LENGTH, FieldType, register
from questionnaire.fields.examples import (
    LARGEST_WORD,
    ExampleContext,
    example_context,
    filler,
)
from questionnaire.fields.shape import TEXT, Shape
from questionnaire.i18n import _


class TextField(FieldType):
    settings_keys = frozenset({"max_length"})
    default_max_length: ClassVar[int] = 500
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

    def shape(self) -> Shape:
        return Shape("cell", cell=TEXT)

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        low, high = self.example_sentences
        sentences = low if low == high else ctx.rng.randint(low, high)
        text = " ".join(ctx.phrase() for _ in range(sentences))
        return text[:self.max_length()]

    def largest(self, ctx: ExampleContext) -> Any:
        return filler(ctx, self.max_length(), word=LARGEST_WORD)

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
    example_sentences = (1, 3)
    quotable = True
