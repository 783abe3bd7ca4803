"""Maximum penalty answers: a term of imprisonment, life imprisonment, a penalty more severe
than imprisonment (art. 2(b): "or a more serious penalty"), or none; and a fine."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from questionnaire.fields.base import (
    FieldType,
    empty_node,
    register,
    table_node,
    text_node,
)
from questionnaire.fields.examples import ExampleContext, example_context
from questionnaire.fields.shape import TEXT, WHOLE, CellKind, Shape, ShapeColumn
from questionnaire.gaps import GapStatus
from questionnaire.i18n import _
from questionnaire.vocabulary import duration, penalty_text, term

KINDS = ("term", "life", "more_severe", "none")
MAX_YEARS = 150
MAX_FINE_LENGTH = 500
DEFAULT_MIN_YEARS = 4
"""UNTOC art. 2(b): a serious crime carries a maximum of at least four years."""
_KIND_LABEL = {"term": "term", "life": "life", "more_severe": "more_severe",
               "none": "no_custodial"}
ABOVE_ANY_TERM = ("life", "more_severe")


def kind_pairs(lang: str) -> list[tuple[str, str]]:
    """(kind, label) of each kind of penalty in ``lang``."""
    return [(kind, term(lang, _KIND_LABEL[kind])) for kind in KINDS]


def penalty_columns(
    path: tuple[str, ...], label: Callable[[str], str]
) -> tuple[ShapeColumn, ...]:
    """The four table columns of a penalty at ``path``: kind, years, months, fine."""

    def header(part: str) -> Callable[[str], str]:
        return lambda lang: f"{label(lang)}: {term(lang, part)}"

    return (
        ShapeColumn((*path, "kind"), header("penalty_kind"), CellKind("choice", kind_pairs)),
        ShapeColumn((*path, "years"), header("years"), WHOLE),
        ShapeColumn((*path, "months"), header("months"), WHOLE),
        ShapeColumn((*path, "fine"), header("fine"), TEXT),
    )


def _whole(number: Any, highest: int) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= highest


def term_in_years(value: Mapping[str, Any]) -> float:
    return (value.get("years") or 0) + (value.get("months") or 0) / 12


def meets_threshold(value: Mapping[str, Any], min_years: float) -> bool:
    if value.get("kind") in ABOVE_ANY_TERM:
        return True
    return value.get("kind") == "term" and term_in_years(value) >= min_years


@register("penalty")
class PenaltyType(FieldType):
    gap_rule_keys = frozenset({"threshold"})
    column_type = True
    offence_only = True

    def shape(self) -> Shape:
        return Shape("single", columns=penalty_columns((), self.label))

    def column_shapes(
        self, path: tuple[str, ...], header: Callable[[str], str]
    ) -> tuple[ShapeColumn, ...]:
        return penalty_columns(path, header)

    def example(self, rng: random.Random | ExampleContext) -> Any:
        ctx = example_context(rng)
        roll = ctx.rng.random()
        if roll < 0.06:
            return {"kind": "life"}
        if roll < 0.14:
            return {"kind": "none", "fine": "Up to 50,000 in local currency"}
        years = max(1, round(ctx.rng.gauss(2 + 6 * ctx.strength, 3)))
        return {"kind": "term", "years": min(years, 25)}

    def check_value(self, value: Any) -> list[str]:
        if not isinstance(value, Mapping):
            return [_("The penalty has an invalid structure.")]
        if set(value) - {"kind", "years", "months", "fine"}:
            return [_("The penalty has an invalid structure.")]
        return list(dict.fromkeys(message for messages in self.part_messages(value).values()
                                  for message in messages))

    def part_messages(self, value: Any) -> dict[tuple[str, ...], list[str]]:
        """Messages by part: ("kind",), ("years",), ("months",) or ("fine",)."""
        if not isinstance(value, Mapping):
            return {}
        kind = value.get("kind")
        if kind not in KINDS:
            return {("kind",): [_("Choose the type of penalty.")]}
        parts: dict[tuple[str, ...], list[str]] = {}
        years, months = value.get("years"), value.get("months")
        if kind == "term":
            if years is not None and not _whole(years, MAX_YEARS):
                parts[("years",)] = [_("Enter the years as a whole number from 0 to 150.")]
            if months is not None and not _whole(months, 11):
                parts[("months",)] = [_("Enter the months as a whole number from 0 to 11.")]
            if not parts and not (years or months):
                parts[("years",)] = [_("Enter the maximum term of imprisonment.")]
        else:
            for part, number in (("years", years), ("months", months)):
                if number:
                    parts[(part,)] = [_("Years and months apply only to a term of imprisonment.")]
        fine = value.get("fine")
        if fine is not None and (not isinstance(fine, str) or len(fine) > MAX_FINE_LENGTH):
            parts[("fine",)] = [_("Describe the fine in at most %(limit)s characters.",
                                  limit=MAX_FINE_LENGTH)]
        return parts

    def display(self, value: Any, lang: str) -> dict[str, Any]:
        if self.is_empty(value) or self.check_value(value):
            return empty_node() if self.is_empty(value) else text_node(str(value))
        return text_node(penalty_text(
            lang, value["kind"], value.get("years") or 0, value.get("months") or 0,
            value.get("fine") or "",
        ))

    def min_years(self) -> float:
        rule = self.question.gap or {}
        threshold = rule.get("threshold")
        if isinstance(threshold, Mapping) and "min_years" in threshold:
            return threshold["min_years"]
        return DEFAULT_MIN_YEARS

    def summarize(self, values: list[tuple[str, Any]], lang: str) -> dict[str, Any]:
        valid = [value for _state, value in values if self.is_valid(value)]
        kinds = Counter(value["kind"] for value in valid)
        years = Counter(int(term_in_years(value)) for value in valid if value["kind"] == "term")
        min_years = self.min_years()
        meeting = sum(1 for value in valid if meets_threshold(value, min_years))
        rows = []
        if kinds["more_severe"]:
            rows.append([term(lang, "more_severe"), str(kinds["more_severe"])])
        rows.append([term(lang, "life"), str(kinds["life"])])
        rows += [[duration(lang, n, 0, possessive=False) if n else "< 1", str(years[n])]
                 for n in sorted(years, reverse=True)]
        rows.append([term(lang, "no_custodial"), str(kinds["none"])])
        threshold_label = term(lang, "meets_threshold").format(years=f"{min_years:g}")
        rows.append([threshold_label, str(meeting)])
        return {
            "kind": "penalty",
            "answered": len(valid),
            "life": kinds["life"],
            "more_severe": kinds["more_severe"],
            "no_custodial": kinds["none"],
            "max_years": dict(sorted(years.items())),
            "min_years": min_years,
            "meets_threshold": meeting,
            "display": table_node([term(lang, "max_years"), term(lang, "count")], rows),
        }

    def check_rule_values(self, rule: Mapping[str, Any]) -> list[str]:
        threshold = rule.get("threshold")
        if not isinstance(threshold, Mapping) or set(threshold) != {"min_years"}:
            return ["gap rule 'threshold' of a penalty must be {min_years: <number>}"]
        years = threshold["min_years"]
        if not isinstance(years, int | float) or isinstance(years, bool) or years <= 0:
            return ["gap rule threshold 'min_years' must be a positive number"]
        return []

    def status(self, value: Any, rule: Mapping[str, Any]) -> GapStatus:
        min_years = rule["threshold"]["min_years"]
        return GapStatus.in_place if meets_threshold(value, min_years) else GapStatus.gap
