"""Choice answers: yes_partly_no, single_choice, multiple_choice."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from questionnaire.definition import Question
from questionnaire.fields.base import (
    FieldType,
    empty_node,
    list_node,
    percent,
    register,
    table_node,
    text_node,
)
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.shape import TICK, CellKind, Shape
from questionnaire.gaps import GapStatus
from questionnaire.i18n import _
from questionnaire.vocabulary import term

YES_PARTLY_NO = ("yes", "partly", "no")
YES_PARTLY_NO_EXTRAS = ("not_applicable", "not_known")
STATUS_LIST_KEYS = ("in_place", "partly", "gap", "not_applicable")
EXCLUSIVE_VALUES = frozenset({"none", "none_identified"})
"""Option values of a multiple choice that say there is none: never chosen with another."""


def check_status_lists(rule: Mapping[str, Any], allowed: Sequence[str]) -> list[str]:
    """Problems in a rule made of status -> list of values."""
    problems = []
    seen: dict[str, str] = {}
    for status in STATUS_LIST_KEYS:
        values = rule.get(status)
        if values is None:
            continue
        if not isinstance(values, Sequence) or isinstance(values, str):
            problems.append(f"gap rule {status!r} must be a list of values")
            continue
        for value in values:
            if value not in allowed:
                problems.append(f"gap rule {status!r} names unknown value {value!r}")
            elif value in seen:
                problems.append(
                    f"gap rule lists {value!r} under both {seen[value]!r} and {status!r}"
                )
            else:
                seen[value] = status
    return problems


def status_from_lists(rule: Mapping[str, Any], value: Any) -> GapStatus:
    for status in STATUS_LIST_KEYS:
        if value in (rule.get(status) or ()):
            return GapStatus(status)
    return GapStatus.no_answer


def choice_summary(
    answers: list[tuple[str, Any]], choices: list[tuple[str, str]], lang: str
) -> dict[str, Any]:
    """Counts and percentages per choice; a list answer counts once for each value in it."""
    counts = dict.fromkeys((value for value, _label in choices), 0)
    answered = 0
    for _state, value in answers:
        picked = value if isinstance(value, list) else [value]
        answered += 1
        for item in picked:
            if item in counts:
                counts[item] += 1
    rows: list[dict[str, Any]] = [
        {"value": value, "label": label, "count": counts[value],
         "percent": percent(counts[value], answered)}
        for value, label in choices
    ]
    return {
        "kind": "choices",
        "answered": answered,
        "rows": rows,
        # Counts only on screen: a percentage for a selected set of States (a regional group,
        # say) reads as a score of that set, which the expert group's documents never give.
        "display": table_node(
            [term(lang, "answer"), term(lang, "count")],
            [[row["label"], str(row["count"])] for row in rows],
        ),
    }


class ChoiceField(FieldType):
    """Common behaviour of answers that pick one value from a fixed list."""

    gap_rule_keys = frozenset(STATUS_LIST_KEYS)

    def choices(self, lang: str) -> list[tuple[str, str]]:
        """(value, label) pairs offered to the user."""
        raise NotImplementedError

    def choice_label(self, value: str, lang: str) -> str:
        return dict(self.choices(lang)).get(value, value)

    def cell_kind(self) -> CellKind:
        return CellKind("choice", self.choices)

    def shape(self) -> Shape:
        return Shape("cell", cell=self.cell_kind())

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, str):
            return [_("Choose one of the answers offered.")]
        if value not in dict(self.choices("en")):
            return [_("This answer is not one of the choices offered.")]
        return []

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value):
            return empty_node()
        return text_node(self.choice_label(str(value), lang))

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        valid = [(state, value) for state, value in values if self.is_valid(value)]
        return choice_summary(valid, self.choices(lang), lang)

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        return check_status_lists(rule, list(dict(self.choices("en"))))

    def status(self, value: Any, rule: Mapping[str, Any]) -> GapStatus:
        return status_from_lists(rule, value)


@register("yes_partly_no")
class YesPartlyNo(ChoiceField):
    settings_keys = frozenset({"extra"})
    column_type = True
    not_applicable_value = "not_applicable"
    negative_value = "no"

    def fixed_values(self) -> tuple[str, ...]:
        return YES_PARTLY_NO + YES_PARTLY_NO_EXTRAS

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        extra = tuple(self.question.settings.get("extra") or ())
        if "not_known" in extra and ctx.rng.random() < 0.05:
            return "not_known"
        if "not_applicable" in extra and ctx.rng.random() < 0.02:
            return "not_applicable"
        lean = ctx.lean(self.question, ("tilt",))[0]
        roll = ctx.rng.random()
        in_place = ctx.strength * (0.6 + 0.6 * lean)
        if roll < in_place:
            return "yes"
        if roll < in_place + (1 - in_place) * 0.55:
            return "partly"
        return "no"

    def largest(self, ctx: ExampleContext) -> Any:
        return "yes"  # opens every follow-up question and every column of a crime matrix

    def values(self) -> tuple[str, ...]:
        extra = self.question.settings.get("extra") or ()
        return YES_PARTLY_NO + tuple(v for v in YES_PARTLY_NO_EXTRAS if v in extra)

    def choices(self, lang: str) -> list[tuple[str, str]]:
        return [(value, term(lang, value)) for value in self.values()]

    def check_type_settings(self, question: Question) -> list[str]:
        extra = question.settings.get("extra", ())
        if not isinstance(extra, Sequence) or isinstance(extra, str):
            return ["setting 'extra' must be a list"]
        return [
            f"setting 'extra' may contain only {', '.join(YES_PARTLY_NO_EXTRAS)}; got {item!r}"
            for item in extra
            if item not in YES_PARTLY_NO_EXTRAS
        ]

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        return check_status_lists(rule, YES_PARTLY_NO + YES_PARTLY_NO_EXTRAS)


@register("single_choice")
class SingleChoice(ChoiceField):
    uses_options = True

    def choices(self, lang: str) -> list[tuple[str, str]]:
        return [(option.value, option.label.get(lang)) for option in self.question.options]

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        values = self.question.option_values
        return ctx.rng.choices(values, weights=ctx.lean(self.question, values))[0]


@register("multiple_choice")
class MultipleChoice(FieldType):
    uses_options = True
    settings_keys = frozenset({"min", "max"})
    gap_rule_keys = frozenset({"in_place_if_all", "in_place_if_any", "partly_if_any",
                               "gap_if_empty", "gap_if_only"})
    column_type = True
    ranked_summary = True

    def choices(self, lang: str) -> list[tuple[str, str]]:
        return [(option.value, option.label.get(lang)) for option in self.question.options]

    def exclusive_values(self) -> tuple[str, ...]:
        """The options that say there is none ("No liability"): chosen alone or not at all."""
        return tuple(v for v in self.question.option_values if v in EXCLUSIVE_VALUES)

    def cell_kind(self) -> CellKind:
        return CellKind("choices", self.choices)

    def shape(self) -> Shape:
        return Shape("options", cell=TICK)

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        values = self.question.option_values
        most = max(1, min(len(values), round(3.2 * (0.5 + ctx.strength))))
        count = ctx.rng.randint(1, most)
        weights = ctx.lean(self.question, values)
        picked: list[str] = []
        while len(picked) < count:
            choice = ctx.rng.choices(values, weights=weights)[0]
            if choice not in picked:
                picked.append(choice)
        if len(picked) > 1:  # "none" is an answer on its own
            picked = [value for value in picked if value not in EXCLUSIVE_VALUES]
        return [value for value in values if value in picked]

    def check_type_settings(self, question: Question) -> list[str]:
        problems = []
        bounds = {}
        for name in ("min", "max"):
            bound = question.settings.get(name)
            if bound is None:
                continue
            if not isinstance(bound, int) or isinstance(bound, bool) or bound < 0:
                problems.append(f"setting {name!r} must be a whole number of at least 0")
            elif bound > len(question.options):
                problems.append(f"setting {name!r} exceeds the number of options")
            else:
                bounds[name] = bound
        if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
            problems.append("setting 'min' is greater than 'max'")
        return problems

    def largest(self, ctx: ExampleContext) -> Any:
        # Every option but those saying there is none, which are chosen alone.
        values = [v for v in self.question.option_values if v not in EXCLUSIVE_VALUES] or \
            list(self.question.option_values)
        most = self.question.settings.get("max")
        return values[:most] if isinstance(most, int) and most > 0 else values

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return [_("Choose answers from the list offered.")]
        if any(item not in self.question.option_values for item in value):
            return [_("An answer is not one of the choices offered.")]
        if len(set(value)) != len(value):
            return [_("An answer is chosen more than once.")]
        if len(value) > 1 and set(value) & set(self.exclusive_values()):
            return [_("An answer saying there is none cannot be chosen with other answers.")]
        low = self.question.settings.get("min")
        high = self.question.settings.get("max")
        if low is not None and len(value) < low:
            return [_("Choose more answers: at least %(low)s.", low=low)]
        if high is not None and len(value) > high:
            return [_("Choose fewer answers: at most %(high)s.", high=high)]
        return []

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value) or not isinstance(value, list):
            return empty_node()
        labels = dict(self.choices(lang))
        ordered = [v for v in self.question.option_values if v in value]
        return list_node([labels[v] for v in ordered])

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        valid = [(state, value) for state, value in values if self.is_valid(value)]
        return choice_summary(valid, self.choices(lang), lang)

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        problems = []
        for name in ("in_place_if_all", "in_place_if_any", "partly_if_any", "gap_if_only"):
            values = rule.get(name)
            if values is None:
                continue
            if not isinstance(values, Sequence) or isinstance(values, str) or not values:
                problems.append(f"gap rule {name!r} must be a non-empty list of values")
                continue
            problems.extend(
                f"gap rule {name!r} names unknown value {value!r}"
                for value in values
                if value not in self.question.option_values
            )
        if "gap_if_empty" in rule and not isinstance(rule["gap_if_empty"], bool):
            problems.append("gap rule 'gap_if_empty' must be true or false")
        return problems

    def status(self, value: Any, rule: Mapping[str, Any]) -> GapStatus:
        picked = set(value)
        every = set(rule.get("in_place_if_all") or ())
        if every and every <= picked:  # e.g. all four offences of art. 34(2)
            return GapStatus.in_place
        if picked & set(rule.get("in_place_if_any") or ()):
            return GapStatus.in_place
        if picked & set(rule.get("partly_if_any") or ()):
            return GapStatus.partly
        only = set(rule.get("gap_if_only") or ())
        if only and picked <= only:
            return GapStatus.gap
        if rule.get("gap_if_empty"):
            # Nothing that counts as in place or partly was chosen.
            return GapStatus.gap
        return GapStatus.no_answer
