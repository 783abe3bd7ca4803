"""Repeatable rows: citations of legislation and cases."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from questionnaire.definition import Question
from questionnaire.fields.base import (
    FieldType,
    empty_node,
    register,
    table_node,
)
from questionnaire.fields.examples import (
    COURTS,
    LARGEST_WORD,
    LAW_TITLES,
    ExampleContext,
    example_context,
    filler,
)
from questionnaire.fields.shape import TEXT, WHOLE, CellKind, Shape, ShapeColumn
from questionnaire.i18n import _
from questionnaire.vocabulary import term

MAX_ROWS_LIMIT = 200
_URL_RE = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
#: The status of a cited text, in the order a lawyer lists them (UX review p14).
STATUSES = ("in_force", "amended", "repealed", "bill", "draft_regulation", "other")


@dataclass(frozen=True)
class Column:
    """One cell of a row: its key, kind (text, long_text, year, status, link) and limit."""

    key: str
    kind: str = "text"
    max_length: int = 500
    required: bool = False


def _cell_problem(column: Column, value: Any) -> str | None:
    if column.kind == "year":
        if not isinstance(value, int) or isinstance(value, bool) or not 1800 <= value <= 2100:
            return _("the year must be a four-digit year.")
        return None
    if not isinstance(value, str):
        return _("a cell has an invalid value.")
    if len(value) > column.max_length:
        return _("a text is longer than %(limit)s characters.", limit=column.max_length)
    if column.kind == "status" and value not in STATUSES:
        return _("the status must be one of the options in the list.")
    if column.kind == "link" and not _URL_RE.fullmatch(value):
        return _("the link must be a web address starting with http:// or https://.")
    return None


def _largest_cell(column: Column, ctx: ExampleContext) -> Any:
    """The widest valid value of a cell."""
    if column.kind == "year":
        return 2024
    if column.kind == "status":
        return max(STATUSES, key=len)
    if column.kind == "link":
        return ("https://example.org/" + "x" * column.max_length)[:column.max_length]
    return filler(ctx, column.max_length, word=LARGEST_WORD)


def _status_pairs(lang: str) -> list[tuple[str, str]]:
    return [(status, term(lang, status)) for status in STATUSES]


def _cell_kind(column: Column) -> CellKind:
    if column.kind == "year":
        return WHOLE
    if column.kind == "status":
        return CellKind("choice", _status_pairs)
    return TEXT


def _vocabulary(key: str) -> Callable[[str], str]:
    return lambda lang: term(lang, key)


class RowsField(FieldType):
    """A list of rows with fixed columns."""

    settings_keys = frozenset({"max_rows"})
    columns: ClassVar[tuple[Column, ...]] = ()

    def max_rows(self) -> int:
        value = self.question.settings.get("max_rows", 50)
        return value if isinstance(value, int) else 50

    def check_type_settings(self, question: Question) -> list[str]:
        value = question.settings.get("max_rows", 50)
        if not isinstance(value, int) or isinstance(value, bool) or not (
            1 <= value <= MAX_ROWS_LIMIT
        ):
            return [f"setting 'max_rows' must be a whole number from 1 to {MAX_ROWS_LIMIT}"]
        return []

    def shape(self) -> Shape:
        columns = tuple(
            ShapeColumn((column.key,), _vocabulary(column.key), _cell_kind(column))
            for column in self.columns
        )
        return Shape("rows", columns=columns, max_rows=self.max_rows(), row_header=lambda lang: "#")

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, list):
            return [_("The answer must be a list of rows.")]
        if len(value) > self.max_rows():
            return [_("There are too many rows: at most %(limit)s.", limit=self.max_rows())]
        keys = {column.key for column in self.columns}
        messages: list[str] = []
        for number, row in enumerate(value, start=1):
            if not isinstance(row, Mapping) or set(row) - keys:
                messages.append(_("Row %(row)d has an invalid structure.", row=number))
                continue
            for column in self.columns:
                cell = row.get(column.key)
                if cell is None or cell == "":
                    if column.required:
                        messages.append(_("Row %(row)d: a required cell is empty.", row=number))
                    continue
                problem = _cell_problem(column, cell)
                if problem:
                    messages.append(_("Row %(row)d: %(problem)s", row=number, problem=problem))
        return messages

    def largest(self, ctx: ExampleContext) -> Any:
        return [{column.key: _largest_cell(column, ctx) for column in self.columns}
                for _row in range(self.max_rows())]

    def cell_text(self, column: Column, value: Any, lang: str) -> str:
        if value is None:
            return ""
        if column.kind == "status":
            return term(lang, value) if value in STATUSES else str(value)
        return str(value)

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value) or not isinstance(value, list):
            return empty_node()
        rows = [
            [self.cell_text(column, row.get(column.key), lang) for column in self.columns]
            for row in value
            if isinstance(row, Mapping)
        ]
        return table_node([term(lang, column.key) for column in self.columns], rows)

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        counts = [(state, len(value)) for state, value in values if self.is_valid(value)]
        return {
            "kind": "rows",
            "answered": len(counts),
            "rows": sum(count for _state, count in counts),
            "per_state": dict(counts),
            "display": table_node(
                [term(lang, "state"), term(lang, "count")],
                [[state, str(count)] for state, count in counts],
            ),
        }


@register("citations")
class CitationsType(RowsField):
    columns = (
        Column("title", required=True),
        Column("articles", max_length=200),
        Column("year", kind="year"),
        Column("status", kind="status"),
        Column("link", kind="link", max_length=2000),
    )

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        return [
            {"title": ctx.rng.choice(LAW_TITLES), "articles": f"art. {ctx.rng.randint(1, 120)}",
             "year": ctx.rng.randint(1990, 2024),
             "status": "bill" if ctx.rng.random() < 0.1 else "in_force"}
            for _ in range(ctx.rng.randint(1, 3))
        ]


@register("cases")
class CasesType(RowsField):
    columns = (
        Column("summary", kind="long_text", max_length=4000, required=True),
        Column("year", kind="year"),
        Column("court", max_length=300),
        Column("outcome", max_length=1000),
        Column("link", kind="link", max_length=2000),
    )

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        return [
            {"summary": ctx.phrase(), "year": ctx.rng.randint(2015, 2024),
             "court": ctx.rng.choice(COURTS), "outcome": ctx.phrase()}
            for _ in range(ctx.rng.randint(1, 2))
        ]
