"""Calendar date answers, stored as "YYYY-MM-DD"."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from questionnaire.fields.base import FieldType, empty_node, register, text_node
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.shape import DATE, CellKind, Shape
from questionnaire.i18n import _
from questionnaire.l10n import format_date

_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: Any) -> date | None:
    """The date in a strict "YYYY-MM-DD" string, else None."""
    if not isinstance(value, str) or not _ISO_DATE_RE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@register("date")
class DateType(FieldType):
    def cell_kind(self) -> CellKind:
        return DATE

    def shape(self) -> Shape:
        return Shape("cell", cell=DATE)

    def example(self, rng: random.Random | ExampleContext) -> Any:
        days = example_context(rng).rng.randint(0, 7000)
        return (date(2001, 1, 1) + timedelta(days=days)).isoformat()

    def check_value(self, value: Any) -> list[str]:
        if parse_iso_date(value) is None:
            return [_("Enter a date as YYYY-MM-DD.")]
        return []

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value):
            return empty_node()
        parsed = parse_iso_date(value)  # shown as the UN writes dates, never numeric
        return text_node(format_date(parsed, lang) if parsed else str(value))
