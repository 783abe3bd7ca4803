"""A grid of crime types (rows) by columns of simple answer types."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

from questionnaire.definition import CrimeType, Option, Question
from questionnaire.expressions import is_empty
from questionnaire.fields.base import (
    FIELD_TYPES,
    RESERVED_FORM_NAMES,
    FieldType,
    as_text,
    empty_node,
    field_type_for,
    node_text,
    options_from,
    register,
    sub_question,
    table_node,
    text_problems,
)
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.shape import Shape, ShapeColumn
from questionnaire.gaps import GapStatus
from questionnaire.i18n import Named, _
from questionnaire.vocabulary import term

_KEY_RE = re.compile(r"[a-z0-9_]+")
COLUMN_KEYS = frozenset({"key", "type", "label", "options", "settings"})


RULE_OWN_KEYS = frozenset({"column", "not_compared", "requires"})
"""Keys of a per-crime-type rule that are not the column's own rule; crime types listed under
`not_compared` (such as "other", which means something different in every State) get no status;
`requires` is another column's rule evaluated first."""


def _summary_cell(summary: Mapping[str, Any]) -> str:
    """One table cell condensing a column summary."""
    kind = summary.get("kind")
    if kind == "choices":
        rows = summary["rows"]
        return "; ".join(f"{row['label']}: {row['count']}" for row in rows if row["count"])
    if kind == "penalty":
        return f"{summary['meets_threshold']}/{summary['answered']}"
    return str(summary.get("answered", ""))


def _sub_rule(inner: Mapping[str, Any]) -> dict[str, Any]:
    """A column's own rule: the per-crime-type rule without its own keys."""
    return {k: v for k, v in inner.items() if k not in RULE_OWN_KEYS}


@register("crime_matrix")
class CrimeMatrixType(FieldType):
    settings_keys = frozenset({"columns", "crime_types"})
    gap_rule_keys = frozenset({"per_crime_type"})

    @classmethod
    def prepare_settings(
        cls,
        raw: Mapping[str, Any],
        option_lists: Mapping[str, tuple[Option, ...]],
        crime_types: Sequence[CrimeType] = (),
    ) -> dict[str, Any]:
        settings = dict(raw)
        columns = settings.get("columns")
        if isinstance(columns, list):
            prepared = []
            for column in columns:
                if isinstance(column, Mapping):
                    column = dict(column)
                    if isinstance(column.get("label"), Mapping):
                        column["label"] = as_text(column["label"])
                    options = column.get("options")
                    if isinstance(options, str) and options in option_lists:
                        column["options"] = option_lists[options]
                    elif isinstance(options, list):
                        column["options"] = options_from(options) if all(
                            isinstance(o, Mapping) and isinstance(o.get("value"), str)
                            for o in options
                        ) else options
                prepared.append(column)
            settings["columns"] = prepared
        by_key = {crime_type.key: crime_type for crime_type in crime_types}
        chosen = settings.get("crime_types", [c.key for c in crime_types])
        if isinstance(chosen, list):
            settings["crime_types"] = [by_key.get(key, key) for key in chosen]
        return settings

    # ---------------------------------------------------------------- structure

    def crime_types(self) -> list[CrimeType]:
        chosen = self.question.settings.get("crime_types") or ()
        return [item for item in chosen if isinstance(item, CrimeType)]

    def columns(self) -> list[tuple[str, FieldType]]:
        """(column key, field type bound to a sub-question) for each column."""
        columns = []
        for column in self.question.settings.get("columns") or ():
            if not isinstance(column, Mapping) or column.get("type") not in FIELD_TYPES:
                continue
            options = column.get("options") or ()
            options = options if all(isinstance(o, Option) for o in options) else ()
            sub = sub_question(
                self.question, str(column.get("key")), column["type"], as_text(column.get("label")),
                options=tuple(options), settings=column.get("settings") or {},
            )
            columns.append((str(column.get("key")), field_type_for(sub)))
        return columns

    def check_type_settings(self, question: Question) -> list[str]:
        problems = []
        columns = question.settings.get("columns")
        if not isinstance(columns, tuple | list) or not columns:
            return ["setting 'columns' must be a non-empty list of {key, type, label}"]
        seen = set()
        for column in columns:
            if not isinstance(column, Mapping) or not {"key", "type", "label"} <= set(column):
                problems.append("each column needs 'key', 'type' and 'label'")
                continue
            key, type_name = column["key"], column["type"]
            problems.extend(
                f"column {key!r}: unknown key {extra!r}" for extra in set(column) - COLUMN_KEYS
            )
            if not isinstance(key, str) or not _KEY_RE.fullmatch(key) or key in RESERVED_FORM_NAMES:
                problems.append(f"column key {key!r} must match [a-z0-9_]+ and not be reserved")
            elif key in seen:
                problems.append(f"duplicate column key {key!r}")
            seen.add(key)
            problems.extend(text_problems(column["label"], f"label of column {key!r}"))
            field_class = FIELD_TYPES.get(type_name)
            if field_class is None or not field_class.column_type:
                allowed = sorted(name for name, cls in FIELD_TYPES.items() if cls.column_type)
                problems.append(
                    f"column {key!r}: type {type_name!r} cannot be a column "
                    f"(allowed: {', '.join(allowed)})"
                )
                continue
            options = column.get("options")
            if isinstance(options, str):
                problems.append(f"column {key!r}: unknown option list {options!r}")
                continue
            if options is not None and not all(isinstance(o, Option) for o in options or ()):
                problems.append(f"column {key!r}: options must be a list of {{value, label}}")
                continue
            values = [o.value for o in options or ()]
            problems.extend(
                f"column {key!r}: duplicate option value {v!r}"
                for v in sorted({v for v in values if values.count(v) > 1})
            )
            for option in options or ():
                problems.extend(
                    text_problems(option.label, f"column {key!r} option {option.value!r} label")
                )
            settings = column.get("settings") or {}
            if not isinstance(settings, Mapping):
                problems.append(f"column {key!r}: settings must be a mapping")
                continue
            sub = sub_question(question, key, type_name, as_text(column["label"]),
                               options=tuple(options or ()), settings=settings)
            problems.extend(
                f"column {key!r}: {problem}" for problem in field_class(sub).check_settings()
            )
        chosen = question.settings.get("crime_types")
        if not isinstance(chosen, tuple | list):
            problems.append("setting 'crime_types' must be a list of crime type keys")
        else:
            problems.extend(
                f"unknown crime type {item!r}" for item in chosen if not isinstance(item, CrimeType)
            )
            if not chosen:
                problems.append("setting 'crime_types' is empty (define crime_types at top level)")
        return problems

    # ---------------------------------------------------------------- outside the form

    def shape(self) -> Shape:
        columns: list[ShapeColumn] = []
        for key, sub in self.columns():
            columns.extend(sub.column_shapes((key,), sub.label))
        crime_types = {c.key: c.label for c in self.crime_types()}
        return Shape("fixed", columns=tuple(columns), row_keys=tuple(crime_types),
                     row_label=lambda key, lang: crime_types[key].get(lang),
                     row_header=lambda lang: term(lang, "crime_type"))

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        columns = self.columns()
        gate_key, gate = columns[0] if columns else (None, None)
        table = {}
        for crime_type in self.crime_types():
            row = {}
            for key, column in columns:
                if ctx.rng.random() < 0.08:
                    continue
                cell = column.example(ctx)
                if not is_empty(cell):
                    row[key] = cell
            # The first column says whether the law covers the crime type at all
            # ("criminalized"); where it does not, there is no penalty or liability to report.
            if gate is not None and gate_key is not None and gate.negative_value is not None and \
                    row.get(gate_key) == gate.negative_value:
                row = {gate_key: gate.negative_value}
            if row:
                table[crime_type.key] = row
        return table

    def largest(self, ctx: ExampleContext) -> Any:
        """Every crime type, every column at its largest."""
        return {crime_type.key: {key: column.largest(ctx) for key, column in self.columns()}
                for crime_type in self.crime_types()}

    # ---------------------------------------------------------------- forms

    # ---------------------------------------------------------------- values

    def is_empty(self, value: Any) -> bool:
        if isinstance(value, Mapping):
            columns = dict(self.columns())
            return all(
                isinstance(row, Mapping)
                and all(
                    columns[k].is_empty(v) if k in columns else v in (None, "")
                    for k, v in row.items()
                )
                for row in value.values()
            )
        return super().is_empty(value)

    def gate(self) -> tuple[str, str] | None:
        """(column key, value) saying that a row's conduct is not an offence: the first
        column's negative answer ("No"), when other columns exist only for offences."""
        columns = self.columns()
        if not columns or columns[0][1].negative_value is None:
            return None
        if not any(column.offence_only for _key, column in columns[1:]):
            return None
        return columns[0][0], str(columns[0][1].negative_value)

    def _well_formed(self, value: Any) -> bool:
        if not isinstance(value, Mapping):
            return False
        crime_types = {c.key for c in self.crime_types()}
        columns = {key for key, _column in self.columns()}
        return all(key in crime_types and isinstance(row, Mapping) and set(row) <= columns
                   for key, row in value.items())

    def check_value(self, value: Any) -> list[str]:
        if not self._well_formed(value):
            return [_("The table has an invalid structure.")]
        labels = {c.key: Named(c.label) for c in self.crime_types()}
        messages = [_("%(crime_type)s: %(problem)s", crime_type=labels[key], problem=message)
                    for (key, *_column), found in self.part_messages(value).items()
                    for message in found]
        return list(dict.fromkeys(messages))

    def part_messages(self, value: Any) -> dict[tuple[str, ...], list[str]]:
        """Messages by (crime type, column), or (crime type, column, part) when the column's
        own answer has parts (a penalty's years)."""
        if not self._well_formed(value):
            return {}
        columns = dict(self.columns())
        gate = self.gate()
        found: dict[tuple[str, ...], list[str]] = {}
        for key, row in value.items():
            not_an_offence = gate is not None and row.get(gate[0]) == gate[1]
            for column, cell in row.items():
                field_type = columns[column]
                if not_an_offence and field_type.offence_only and not field_type.is_empty(cell):
                    found[(key, column)] = [_("The conduct is not a criminal offence here, so "
                                              "this does not apply: leave it empty.")]
                elif messages := field_type.validate(cell):
                    parts = field_type.part_messages(cell)
                    found.update({(key, column, *path): list(m) for path, m in parts.items()}
                                 if parts else {(key, column): list(messages)})
        return found

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value) or not isinstance(value, Mapping):
            return empty_node()
        columns = self.columns()
        rows = []
        for crime_type in self.crime_types():
            row = value.get(crime_type.key)
            if not isinstance(row, Mapping) or not row:
                continue
            rows.append([crime_type.label.get(lang)] + [
                node_text(field_type.display(row.get(key), lang)) for key, field_type in columns
            ])
        headers = [term(lang, "crime_type")] + [ft.label(lang) for _key, ft in columns]
        return table_node(headers, rows)

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        valid = [(state, value) for state, value in values if self.is_valid(value)]
        columns = self.columns()
        rows: list[dict[str, Any]] = []
        for crime_type in self.crime_types():
            per_column: dict[str, Any] = {}
            for key, field_type in columns:
                cells = [
                    (state, (value.get(crime_type.key) or {}).get(key)) for state, value in valid
                ]
                cells = [(state, cell) for state, cell in cells if not field_type.is_empty(cell)]
                per_column[key] = field_type.summarize(cells, lang)
            rows.append({"crime_type": crime_type.key, "label": crime_type.label.get(lang),
                         "columns": per_column})
        headers = [term(lang, "crime_type")] + [ft.label(lang) for _key, ft in columns]
        table = [[row["label"]] + [_summary_cell(row["columns"][key]) for key, _ft in columns]
                 for row in rows]
        return {"kind": "matrix", "answered": len(valid), "rows": rows,
                "display": table_node(headers, table)}

    # ---------------------------------------------------------------- gaps

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        inner = rule.get("per_crime_type")
        if not isinstance(inner, Mapping) or "column" not in inner:
            return ["gap rule 'per_crime_type' must name a 'column'"]
        problems = self._check_column_rule(inner, "per_crime_type")
        requires = inner.get("requires")
        if requires is not None:
            if not isinstance(requires, Mapping) or "column" not in requires:
                return [*problems, "gap rule 'requires' must name a 'column'"]
            problems += self._check_column_rule(requires, "requires")
        return problems

    def _check_column_rule(self, inner: Mapping[str, Any], what: str) -> list[str]:
        columns = dict(self.columns())
        column = inner["column"]
        if column not in columns:
            return [f"gap rule names unknown column {column!r}"]
        sub_rule = _sub_rule(inner)
        if not sub_rule:
            return [f"gap rule {what!r} needs a rule besides 'column'"]
        problems = [f"column {column!r}: {p}" for p in columns[column].check_gap_rule(sub_rule)]
        skipped = inner.get("not_compared", [])
        known = {crime_type.key for crime_type in self.crime_types()}
        if not isinstance(skipped, list | tuple) or not set(skipped) <= known:
            problems.append(f"gap rule {what!r}: 'not_compared' must list crime types of the "
                            "question")
        return problems

    def gap(
        self, value: Any, rule: Mapping[str, Any] | None = None
    ) -> dict[str, GapStatus] | None:
        """Status per crime type. With `requires` (e.g. the offence column), that column is
        evaluated first: anything but in place (not an offence: the clearest shortfall; partly;
        no answer) is the row's status, and the main column decides only when it is in place."""
        rule = self.question.gap if rule is None else rule
        if rule is None:
            return None
        inner = rule["per_crime_type"]
        requires = inner.get("requires")
        rows = value if isinstance(value, Mapping) else {}
        skipped = set(inner.get("not_compared", ()))
        result: dict[str, Any] = {}
        for crime_type in self.crime_types():
            if crime_type.key in skipped:
                continue
            row = rows.get(crime_type.key)
            row = row if isinstance(row, Mapping) else {}
            status = self._column_status(row, requires) if requires else GapStatus.in_place
            if status == GapStatus.in_place:
                status = self._column_status(row, inner)
            result[crime_type.key] = status
        return result

    def _column_status(self, row: Mapping[str, Any], inner: Mapping[str, Any]) -> GapStatus:
        field_type = dict(self.columns())[inner["column"]]
        status = field_type.gap(row.get(inner["column"]), _sub_rule(inner))
        assert isinstance(status, GapStatus)
        return status
