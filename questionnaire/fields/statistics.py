"""Yearly statistics: a count per year and measure, or "not known"."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

from questionnaire import LANGUAGES
from questionnaire.definition import CrimeType, Option, Question
from questionnaire.fields.base import (
    MAX_SAFE_INTEGER,
    FieldType,
    as_text,
    empty_node,
    register,
    table_node,
    text_problems,
)
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.shape import COUNT, Shape, ShapeColumn
from questionnaire.i18n import _
from questionnaire.vocabulary import term

NOT_KNOWN = "not_known"
MAX_YEAR_SPAN = 30
_KEY_RE = re.compile(r"[a-z0-9_]+")
NOT_KNOWN_INPUTS = frozenset(
    {"not_known", "not known", "n/k", "nk", "?"}
    | {term(lang, NOT_KNOWN).lower() for lang in LANGUAGES}
)
"""What a user may type in a cell to say the figure is not known."""


def is_count(cell: Any) -> bool:
    """True for a figure a statistics cell may hold: a count, or "not known"."""
    if cell == NOT_KNOWN:
        return True
    return isinstance(cell, int) and not isinstance(cell, bool) and 0 <= cell <= MAX_SAFE_INTEGER


@register("statistics")
class StatisticsType(FieldType):
    settings_keys = frozenset({"measures", "years"})

    @classmethod
    def prepare_settings(
        cls,
        raw: Mapping[str, Any],
        option_lists: Mapping[str, tuple[Option, ...]],
        crime_types: Sequence[CrimeType] = (),
    ) -> dict[str, Any]:
        settings = dict(raw)
        measures = settings.get("measures")
        if isinstance(measures, list):
            settings["measures"] = [
                {**item, "label": as_text(item.get("label"))}
                if isinstance(item, Mapping) and isinstance(item.get("label"), Mapping)
                else item
                for item in measures
            ]
        return settings

    def measures(self) -> list[tuple[str, Any]]:
        """(key, label Text) of each measure."""
        return [
            (item["key"], item["label"])
            for item in self.question.settings.get("measures") or ()
            if isinstance(item, Mapping) and "key" in item
        ]

    def years(self) -> list[int]:
        span = self.question.settings.get("years") or {}
        first, last = span.get("from"), span.get("to")
        if not isinstance(first, int) or not isinstance(last, int):
            return []
        return list(range(first, last + 1))

    def check_type_settings(self, question: Question) -> list[str]:
        problems = []
        measures = question.settings.get("measures")
        if not isinstance(measures, tuple | list) or not measures:
            problems.append("setting 'measures' must be a non-empty list of {key, label}")
        else:
            seen = set()
            for item in measures:
                if not isinstance(item, Mapping) or set(item) != {"key", "label"}:
                    problems.append("each measure must have exactly 'key' and 'label'")
                    continue
                key = item["key"]
                if not isinstance(key, str) or not _KEY_RE.fullmatch(key):
                    problems.append(f"measure key {key!r} must match [a-z0-9_]+")
                elif key in seen:
                    problems.append(f"duplicate measure key {key!r}")
                seen.add(key)
                problems.extend(text_problems(item["label"], f"label of measure {key!r}"))
        span = question.settings.get("years")
        if not isinstance(span, Mapping) or set(span) != {"from", "to"}:
            problems.append("setting 'years' must be {from: <year>, to: <year>}")
        else:
            first, last = span["from"], span["to"]
            if not all(isinstance(y, int) and 1900 <= y <= 2100 for y in (first, last)):
                problems.append("setting 'years' must give years from 1900 to 2100")
            elif not 0 <= last - first < MAX_YEAR_SPAN:
                problems.append(f"setting 'years' must span 1 to {MAX_YEAR_SPAN} years, in order")
        return problems

    def shape(self) -> Shape:
        columns = tuple(ShapeColumn((key,), label.get, COUNT) for key, label in self.measures())
        return Shape("fixed", columns=columns, row_keys=tuple(str(y) for y in self.years()),
                     row_header=lambda lang: term(lang, "year"))

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        measures = [key for key, _label in self.measures()]
        unknown = ctx.rng.random() < 0.25
        table = {}
        for year in self.years():
            row: dict[str, Any] = {}
            # Measures run from the widest to the narrowest (investigated, prosecuted,
            # convicted), so a later figure never exceeds an earlier known one.
            ceiling: int | None = None
            for key in measures:
                if unknown and ctx.rng.random() < 0.7:
                    row[key] = NOT_KNOWN
                    continue
                figure = int(ctx.rng.paretovariate(1.1) * 8)
                if ceiling is not None:
                    figure = min(figure, ceiling)
                row[key] = ceiling = figure
            table[str(year)] = row
        return table

    def is_empty(self, value: Any) -> bool:
        if isinstance(value, Mapping):
            return all(not row for row in value.values())
        return super().is_empty(value)

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, Mapping):
            return [_("The statistics have an invalid structure.")]
        years = {str(year) for year in self.years()}
        measures = {key for key, _label in self.measures()}
        for year, row in value.items():
            if year not in years:
                return [_("The statistics contain a year that is not asked for.")]
            if not isinstance(row, Mapping) or set(row) - measures:
                return [_("The statistics have an invalid structure.")]
        if self.part_messages(value):
            return [_("Enter each figure as a whole number of at least 0, or “not known”.")]
        return []

    def part_messages(self, value: Any) -> dict[tuple[str, ...], list[str]]:
        """Each cell that is neither a count nor "not known", by (year, measure)."""
        if not isinstance(value, Mapping):
            return {}
        return {
            (str(year), str(key)): [_("Enter a whole number of at least 0, or “not known”.")]
            for year, row in value.items() if isinstance(row, Mapping)
            for key, cell in row.items() if not is_count(cell)
        }

    def cell_text(self, cell: Any, lang: str) -> str:
        if cell is None:
            return ""
        return term(lang, NOT_KNOWN) if cell == NOT_KNOWN else str(cell)

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value) or not isinstance(value, Mapping):
            return empty_node()
        measures = self.measures()
        rows = []
        for year in self.years():
            row = value.get(str(year))
            if isinstance(row, Mapping) and row:
                rows.append([str(year)] + [self.cell_text(row.get(k), lang) for k, _l in measures])
        columns = [term(lang, "year")] + [label.get(lang) for _key, label in measures]
        return table_node(columns, rows)

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        valid = [value for _state, value in values if self.is_valid(value)]
        measures = self.measures()
        totals: dict[str, dict[str, int]] = {}
        reporting: dict[str, dict[str, int]] = {}
        not_known: dict[str, dict[str, int]] = {}
        for year in self.years():
            label = str(year)
            totals[label] = dict.fromkeys((key for key, _l in measures), 0)
            reporting[label] = dict.fromkeys((key for key, _l in measures), 0)
            not_known[label] = dict.fromkeys((key for key, _l in measures), 0)
            for value in valid:
                for key, _l in measures:
                    cell = (value.get(label) or {}).get(key)
                    if cell == NOT_KNOWN:
                        not_known[label][key] += 1
                    elif isinstance(cell, int):
                        totals[label][key] += cell
                        reporting[label][key] += 1
        rows = [[year] + [str(totals[year][key]) for key, _l in measures] for year in totals]
        return {
            "kind": "statistics",
            "answered": len(valid),
            "totals": totals,
            "reporting": reporting,
            "not_known": not_known,
            "display": table_node(
                [term(lang, "year")] + [label.get(lang) for _key, label in measures], rows
            ),
        }
