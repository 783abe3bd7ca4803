"""The field-type base class and its registry.

Each answer type is a `FieldType` subclass registered under its type name with `@register`.
A field type bound to a question owns everything type-specific: settings checks, value
validation, emptiness, display, cross-State summary, gap status, and what other layers read
(export shape, example values, renderer flags). Its form side lives in `web/forms/fields/`.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from questionnaire import LANGUAGES
from questionnaire.definition import CrimeType, Option, Question, Text
from questionnaire.expressions import is_empty as value_is_empty
from questionnaire.fields.examples import ExampleContext
from questionnaire.fields.shape import INFO, TEXT, CellKind, Shape, ShapeColumn
from questionnaire.gaps import GapStatus
from questionnaire.i18n import _
from questionnaire.vocabulary import term

FIELD_TYPES: dict[str, type[FieldType]] = {}
"""Registered field types by type name."""

MAX_JSON_DEPTH = 6
MAX_JSON_NODES = 20_000
MAX_STRING_LENGTH = 100_000
MAX_SAFE_INTEGER = 2**53 - 1
"""Integers beyond this lose precision in JavaScript and in float-based JSON readers."""

RESERVED_FORM_NAMES = frozenset(
    {"meta", "data", "errors", "form_errors", "process", "validate", "populate_obj"}
)
"""Names a WTForms form uses itself; a generated field must not take them."""


def register(name: str) -> Callable[[type[FieldType]], type[FieldType]]:
    """Class decorator registering a field type under `name`."""

    def decorate(cls: type[FieldType]) -> type[FieldType]:
        if name in FIELD_TYPES:
            raise ValueError(f"field type {name!r} registered twice")
        cls.name = name
        FIELD_TYPES[name] = cls
        return cls

    return decorate


def field_name(key: str) -> str:
    """The form field name of a question key ('.' becomes '__')."""
    return key.replace(".", "__")


def field_type_for(question: Question) -> FieldType:
    """The field type of `question`, bound to it; KeyError for an unregistered type."""
    return FIELD_TYPES[question.type](question)


def json_shape_problem(value: Any) -> str | None:
    """A message when a JSON value is too deep, too large or not plain JSON; else None."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > MAX_JSON_NODES:
            return _("The answer is too large.")
        if depth > MAX_JSON_DEPTH:
            return _("The answer is nested too deeply.")
        if isinstance(item, str):
            if len(item) > MAX_STRING_LENGTH:
                return _("The answer contains a text that is too long.")
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if abs(item) > MAX_SAFE_INTEGER:
                return _("The answer contains a number that is too large.")
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                return _("The answer contains a number that is not finite.")
        elif isinstance(item, Mapping):
            for key, child in item.items():
                if not isinstance(key, str):
                    return _("The answer has an invalid structure.")
                stack.append((child, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((child, depth + 1) for child in item)
        else:
            return _("The answer has an invalid structure.")
    return None


def text_problems(value: Any, what: str) -> list[str]:
    """Problems of a raw six-language text found in settings."""
    if isinstance(value, Text):
        missing = value.missing()
    elif isinstance(value, Mapping):
        missing = Text({k: v for k, v in value.items() if isinstance(v, str)}).missing()
    else:
        return [f"{what} must be a mapping of the six languages"]
    if missing:
        return [f"{what} is missing or empty in: {', '.join(missing)}"]
    return []


def as_text(value: Any) -> Text:
    """A Text from a raw settings value (tolerates malformed input; checked separately)."""
    if isinstance(value, Text):
        return value
    if isinstance(value, Mapping):
        return Text({k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)})
    return Text()


def options_from(raw: Any) -> tuple[Option, ...]:
    """Options from a raw list of {value, label} mappings (malformed items are skipped)."""
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return ()
    options = []
    for item in raw:
        if isinstance(item, Option):
            options.append(item)
        elif isinstance(item, Mapping) and isinstance(item.get("value"), str):
            options.append(Option(item["value"], as_text(item.get("label"))))
    return tuple(options)


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def format_number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e15 else repr(value)
    return str(value)


def number_summary(numbers: Sequence[int | float]) -> dict[str, Any]:
    """count/min/median/max/sum of numbers (None when there are none)."""
    if not numbers:
        return {"count": 0, "min": None, "median": None, "max": None, "sum": None}
    return {
        "count": len(numbers),
        "min": min(numbers),
        "median": statistics.median(numbers),
        "max": max(numbers),
        "sum": sum(numbers),
    }


def empty_node() -> dict[str, Any]:
    return {"kind": "empty"}


def text_node(text: str) -> dict[str, Any]:
    return {"kind": "text", "text": text}


def list_node(items: list[str]) -> dict[str, Any]:
    return {"kind": "list", "items": items}


def table_node(columns: list[str], rows: list[list[str]]) -> dict[str, Any]:
    return {"kind": "table", "columns": columns, "rows": rows}


class FieldType:
    """Behaviour of one answer type, bound to one question."""

    name: ClassVar[str] = ""
    settings_keys: ClassVar[frozenset[str]] = frozenset()
    uses_options: ClassVar[bool] = False
    gap_rule_keys: ClassVar[frozenset[str]] = frozenset()
    """Keys a gap rule of this type may use; empty means only `gap: none` is accepted."""
    stored_by_upload: ClassVar[bool] = False
    """True when the value is set by a file upload, never by ordinary form data."""
    column_type: ClassVar[bool] = False
    """True when the type may be a column of a crime_matrix."""
    quotable: ClassVar[bool] = False
    """True when the compiled report quotes answers of this type (long free text)."""
    ranked_summary: ClassVar[bool] = False
    """True when a summary of this type's choices reads best most chosen first."""
    not_applicable_value: ClassVar[str | None] = None
    """The stored value saying that the question does not apply to the State, if any."""
    negative_value: ClassVar[str | None] = None
    """The stored value saying that the measure asked about is not in place, if any."""
    offence_only: ClassVar[bool] = False
    """True when the answer exists only for conduct that is an offence (a penalty): in a crime
    matrix it stays empty where the row's first column says the conduct is not one."""

    def __init__(self, question: Question) -> None:
        self.question = question

    # ---------------------------------------------------------------- definition time

    @classmethod
    def prepare_settings(
        cls,
        raw: Mapping[str, Any],
        option_lists: Mapping[str, tuple[Option, ...]],
        crime_types: Sequence[CrimeType] = (),
    ) -> dict[str, Any]:
        """Settings as stored on the question (e.g. with named option lists resolved)."""
        return dict(raw)

    def check_settings(self, question: Question | None = None) -> list[str]:
        """Definition-time problems with the question's options and settings."""
        q = question or self.question
        problems = [
            f"unknown setting {key!r} for type {self.name}"
            for key in q.settings
            if key not in self.settings_keys
        ]
        if self.uses_options and not q.options:
            problems.append(f"type {self.name} needs options")
        if not self.uses_options and q.options:
            problems.append(f"type {self.name} takes no options")
        problems.extend(self.check_type_settings(q))
        return problems

    def check_type_settings(self, question: Question) -> list[str]:
        """Type-specific settings checks; override in subclasses."""
        return []

    def check_gap_rule(self, rule: Mapping[str, Any] | None) -> list[str]:
        """Problems with a gap rule (None stands for `gap: none`)."""
        if rule is None:
            return []
        if not self.gap_rule_keys:
            return [f"type {self.name} takes no gap rule; use 'gap: none'"]
        problems = [
            f"unknown gap rule key {key!r} for type {self.name}"
            for key in rule
            if key not in self.gap_rule_keys
        ]
        if not rule:
            problems.append("gap rule is empty")
        return problems or self.check_rule_values(rule)

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        return []

    # ---------------------------------------------------------------- forms

    def label(self, lang: str) -> str:
        return self.question.label.get(lang)

    def description(self, lang: str) -> str:
        return self.question.help.get(lang) if self.question.help else ""

    # ---------------------------------------------------------------- outside the form

    def shape(self) -> Shape:
        """How the answer is laid out in exports such as the workbook (default: shown only)."""
        return INFO

    def fixed_values(self) -> tuple[str, ...]:
        """Every value the type itself defines, whatever a question's settings (e.g. yes,
        partly, no and their extras); empty when the values come from the question's options."""
        return ()

    def cell_kind(self) -> CellKind:
        """What the answer looks like when it fills one cell (e.g. as a crime_matrix column)."""
        return TEXT

    def column_shapes(
        self, path: tuple[str, ...], header: Callable[[str], str]
    ) -> tuple[ShapeColumn, ...]:
        """The table columns of this type used as a column at ``path`` (default: one cell)."""
        return (ShapeColumn(path, header, self.cell_kind()),)

    def example(self, rng: random.Random | ExampleContext) -> Any:
        """A realistic answer (used by demo data, tests and benchmarks); usually valid, but a
        constraint or a row limit may refuse it, so callers validate. None when the type is
        never answered from data (uploads)."""
        raise NotImplementedError

    def largest(self, ctx: ExampleContext) -> Any:
        """The largest answer the question's limits allow (every text at its maximum length,
        every row and option used): what a PDF must still render. Like ``example``, callers
        validate it (a constraint may refuse it). Default: an example answer."""
        return self.example(ctx)

    # ---------------------------------------------------------------- values

    def is_empty(self, value: Any) -> bool:
        return value_is_empty(value)

    def validate(self, value: Any, answers: Mapping[str, Any] | None = None) -> list[str]:
        """English messages about `value` (none when it is empty or valid).

        A constraint is checked only once the value itself is well formed; `answers` gives the
        other answers a constraint may refer to.
        """
        if self.is_empty(value):
            return []
        shape = json_shape_problem(value)
        if shape:
            return [shape]
        messages = self.check_value(value)
        expr = self.question.constraint_expr
        if not messages and expr is not None and not expr.test(answers or {}, value):
            message = self.question.constraint_message
            messages.append(message.get("en") if message else _("The answer is not allowed."))
        return messages

    def check_value(self, value: Any) -> list[str]:
        """Type-specific checks of a non-empty, plain-JSON value."""
        return []

    def is_valid(self, value: Any) -> bool:
        return not self.is_empty(value) and not self.validate(value)

    def part_messages(self, value: Any) -> dict[tuple[str, ...], list[str]]:
        """Messages about the parts of a composite answer, by the path of keys of the part
        (a table's row and column, a penalty's years): what the page shows next to that input.
        Empty for a simple answer, whose messages are about the whole (``validate``)."""
        return {}

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        """A display node for HTML and PDF."""
        if self.is_empty(value):
            return empty_node()
        return text_node(str(value))

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        """Aggregate of (state code, value) pairs; default: the answers as a list."""
        items = [
            (state, self.display(value, lang))
            for state, value in values
            if self.is_valid(value)
        ]
        rows = [[state, _node_text(node)] for state, node in items]
        return {
            "kind": "texts",
            "answered": len(rows),
            "items": [(state, text) for state, text in rows],
            "display": table_node([term(lang, "state"), term(lang, "answer")], rows),
        }

    def gap(
        self, value: Any, rule: Mapping[str, Any] | None = None
    ) -> GapStatus | dict[str, GapStatus] | None:
        """The gap status of `value` under `rule` (default: the question's rule).

        None when there is no rule (`gap: none`). Invalid values count as unanswered.
        """
        rule = self.question.gap if rule is None else rule
        if rule is None:
            return None
        if not self.is_valid(value):
            return GapStatus.no_answer
        return self.status(value, rule)

    def status(self, value: Any, rule: Mapping[str, Any]) -> GapStatus | dict[str, GapStatus]:
        return GapStatus.no_answer


def _node_text(node: Mapping[str, Any]) -> str:
    if node["kind"] == "text":
        return node["text"]
    if node["kind"] == "list":
        return "; ".join(node["items"])
    if node["kind"] == "table":
        return " / ".join(", ".join(row) for row in node["rows"])
    return ""


def node_text(node: Mapping[str, Any]) -> str:
    """A display node flattened to one line of text."""
    return _node_text(node)


def sub_question(parent: Question, key: str, type_name: str, label: Text,
                 options: tuple[Option, ...] = (),
                 settings: Mapping[str, Any] | None = None) -> Question:
    """A question standing for one part of a composite answer (e.g. a matrix column)."""
    return Question(
        key=f"{parent.key}.{key}", type=type_name, label=label, section_key=parent.section_key,
        options=options, settings=settings or {},
    )


__all__ = [
    "FIELD_TYPES",
    "LANGUAGES",
    "FieldType",
    "field_name",
    "field_type_for",
    "register",
]
