"""Numeric answers: integer, decimal, year."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Any, ClassVar

from questionnaire.definition import Question
from questionnaire.fields.base import (
    MAX_SAFE_INTEGER,
    FieldType,
    empty_node,
    format_number,
    number_summary,
    register,
    table_node,
    text_node,
)
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.shape import NUMBER, WHOLE, CellKind, Shape
from questionnaire.gaps import GapStatus
from questionnaire.i18n import _
from questionnaire.l10n import format_number as shown_number
from questionnaire.vocabulary import term


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class NumberField(FieldType):
    settings_keys = frozenset({"min", "max"})
    gap_rule_keys = frozenset({"threshold"})
    default_min: ClassVar[int | None] = None
    default_max: ClassVar[int | None] = None
    whole: ClassVar[bool] = True

    def bounds(self) -> tuple[float | None, float | None]:
        low = self.question.settings.get("min", self.default_min)
        high = self.question.settings.get("max", self.default_max)
        return (low if is_number(low) else None, high if is_number(high) else None)

    def check_type_settings(self, question: Question) -> list[str]:
        problems = []
        for name in ("min", "max"):
            bound = question.settings.get(name)
            if bound is None:
                continue
            if not is_number(bound) or (self.whole and not isinstance(bound, int)):
                kind = "a whole number" if self.whole else "a number"
                problems.append(f"setting {name!r} must be {kind}")
            elif abs(bound) > MAX_SAFE_INTEGER:
                problems.append(f"setting {name!r} is too large")
        low = question.settings.get("min", self.default_min)
        high = question.settings.get("max", self.default_max)
        if is_number(low) and is_number(high) and low > high:
            problems.append("setting 'min' is greater than 'max'")
        return problems

    def cell_kind(self) -> CellKind:
        return WHOLE if self.whole else NUMBER

    def shape(self) -> Shape:
        return Shape("cell", cell=self.cell_kind())

    def check_value(self, value: Any) -> list[str]:
        if self.whole and (not isinstance(value, int) or isinstance(value, bool)):
            return [_("Enter a whole number.")]
        if not is_number(value):
            return [_("Enter a number.")]
        low, high = self.bounds()
        if low is not None and value < low:
            return [_("Enter a number of at least %(low)s.", low=format_number(low))]
        if high is not None and value > high:
            return [_("Enter a number of at most %(high)s.", high=format_number(high))]
        return []

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value):
            return empty_node()
        return text_node(shown_number(value, lang) if is_number(value) else str(value))

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        numbers = [value for _state, value in values if self.is_valid(value)]
        summary = number_summary(numbers)
        cells = [
            "" if summary[name] is None else shown_number(summary[name], lang)
            for name in ("count", "min", "median", "max", "sum")
        ]
        return {
            "kind": "numbers",
            **summary,
            "display": table_node(
                [term(lang, name) for name in ("count", "minimum", "median", "maximum", "sum")],
                [cells],
            ),
        }

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        threshold = rule.get("threshold")
        if not isinstance(threshold, Mapping) or set(threshold) != {"min"}:
            return ["gap rule 'threshold' must be {min: <number>}"]
        if not is_number(threshold["min"]):
            return ["gap rule threshold 'min' must be a number"]
        return []

    def status(self, value: Any, rule: Mapping[str, Any]) -> GapStatus:
        return GapStatus.in_place if value >= rule["threshold"]["min"] else GapStatus.gap


@register("integer")
class IntegerType(NumberField):
    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        return int(ctx.rng.paretovariate(1.3) * 3 * ctx.strength)


@register("decimal")
class DecimalType(NumberField):
    whole = False

    def example(self, rng: random.Random | ExampleContext) -> Any:
        return round(example_context(rng).rng.uniform(10_000, 2_000_000), 2)


@register("year")
class YearType(NumberField):
    default_min = 1900
    default_max = 2100

    def example(self, rng: random.Random | ExampleContext) -> Any:
        return example_context(rng).rng.randint(1995, 2024)

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value):
            return empty_node()
        return text_node(str(value))
