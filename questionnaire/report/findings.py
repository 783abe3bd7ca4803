"""One numbered paragraph per question: what the responding States answered, in counts.

No percentages, bars or colours: the expert group reads numbers of States. In the anonymous
report, breakdowns by regional group pool small groups (``anonymity.merge_small_cells``) and
quotes that name a State are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from questionnaire.aggregate import QuestionAggregate
from questionnaire.definition import Question
from questionnaire.fields import field_type_for
from questionnaire.report.anonymity import Cell, any_pooled
from questionnaire.report.inputs import ReportOptions
from questionnaire.report.naming import StateNames, names_a_state

MAX_QUOTES = 4
"""Free-text answers quoted per question (the rest are in the exports)."""
QUOTE_LENGTH = 400


@dataclass(frozen=True)
class FindingContext:
    """What every finding needs besides its question and aggregate."""

    options: ReportOptions
    labels: Mapping[str, str]
    """State code -> the name printed beside a quote (named report only)."""
    languages: Mapping[str, str | None]
    """State code -> the language its answers were given in."""
    groups: Mapping[str, str | None]
    """State code -> its regional group (quotes are drawn from every group)."""
    group_cells: list[Cell] | None
    """Regional groups as they may be shown (pooled in the anonymous report); None: no
    breakdown."""
    names: StateNames
    """Finds the States a quote names (anonymous report)."""
    numbers: Mapping[str, str]
    """Question key -> its number in the questionnaire (``questionnaire.numbering``)."""


def finding(question: Question, item: QuestionAggregate, context: FindingContext
            ) -> dict[str, Any] | None:
    """One paragraph for one question, shaped by its summary kind (None: nothing to say)."""
    kind = item.summary.get("kind")
    builder = _BUILDERS.get(kind) if isinstance(kind, str) else None
    if builder is None:
        return None
    extra = builder(question, item, context)
    if extra is None:
        return None
    lang = context.options.lang
    return {"kind": kind, "key": question.key, "number": context.numbers[question.key],
            "label": question.label.get(lang),
            "paragraphs": list(question.paragraphs), "articles": ", ".join(question.articles),
            "respondents": item.respondents, "answered": item.answered,
            "not_answered": item.not_answered, "not_applicable": item.not_applicable, **extra}


def _choices(question: Question, item: QuestionAggregate, context: FindingContext
             ) -> dict[str, Any]:
    rows = [{"value": row["value"], "label": row["label"], "count": row["count"]}
            for row in item.summary["rows"]]
    ranked = field_type_for(question).ranked_summary
    by_group = []
    cells = context.group_cells or []
    if len(cells) > 1:
        for cell in cells:
            summaries = [item.by_group[code] for code in cell.codes if code in item.by_group]
            counts = [sum(s["rows"][index]["count"] for s in summaries)
                      for index in range(len(rows))]
            by_group.append({"groups": list(cell.codes), "pooled": cell.pooled,
                             "answered": sum(s["answered"] for s in summaries),
                             "counts": counts})
    return {"rows": sorted(rows, key=lambda r: -r["count"]) if ranked else rows,
            "ranked": ranked, "by_group": by_group, "pooled": any_pooled(cells),
            "group_columns": [row["label"] for row in item.summary["rows"]]}


def _numbers(question: Question, item: QuestionAggregate, context: FindingContext
             ) -> dict[str, Any]:
    summary = item.summary
    return {name: summary[name] for name in ("count", "min", "median", "max", "sum")}


def _texts(question: Question, item: QuestionAggregate, context: FindingContext
           ) -> dict[str, Any] | None:
    if not field_type_for(question).quotable:
        return None
    anonymous = context.options.anonymous
    items = list(item.summary["items"])
    usable = [(state, text) for state, text in items
              if not (anonymous and names_a_state(text, context.names,
                                                  context.languages.get(state)))]
    chosen = set(quoted_states(question.key, [state for state, _ in usable], context.groups))
    quotes = [
        {"who": None if anonymous else context.labels[state], "text": _excerpt(text),
         "language": context.languages.get(state)}
        for state, text in usable if state in chosen
    ]
    return {"quotes": quotes, "more": max(0, len(usable) - MAX_QUOTES),
            "withheld": len(items) - len(usable)}


def quoted_states(key: str, states: Sequence[str], groups: Mapping[str, str | None],
                  limit: int = MAX_QUOTES) -> list[str]:
    """Which States' answers to question ``key`` are quoted: at most ``limit``, from as many
    regional groups as answered, in an order that differs from question to question.

    Taking the first answers in registry order would quote the same few States (those early in
    the alphabet) under every question. The order is a hash of the question and the State, so
    a rebuild quotes the same answers, and over the report every State is as likely to be quoted.
    """
    def draw(state: str) -> str:
        return hashlib.sha256(f"{key}\x00{state}".encode()).hexdigest()

    remaining = sorted(states, key=draw)
    chosen: list[str] = []
    while remaining and len(chosen) < limit:
        seen = {groups.get(state) for state in chosen}
        pick = next((s for s in remaining if groups.get(s) not in seen), remaining[0])
        chosen.append(pick)
        remaining.remove(pick)
    return chosen


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def _rows(question: Question, item: QuestionAggregate, context: FindingContext
          ) -> dict[str, Any]:
    return {"entries": item.summary["rows"]}


def _statistics(question: Question, item: QuestionAggregate, context: FindingContext
                ) -> dict[str, Any]:
    summary = item.summary
    measures = summary["display"]["columns"][1:]
    keys = list(next(iter(summary["totals"].values()), {}).keys())
    years = [
        {"year": year, "cells": [{"total": summary["totals"][year][k],
                                  "reporting": summary["reporting"][year][k],
                                  "not_known": summary["not_known"][year][k]} for k in keys]}
        for year in summary["totals"]
    ]
    return {"measures": measures, "years": years}


def _matrix(question: Question, item: QuestionAggregate, context: FindingContext
            ) -> dict[str, Any]:
    columns = item.summary["display"]["columns"][1:]
    rows = [{"label": row["label"],
             "cells": [_matrix_cell(column) for column in row["columns"].values()]}
            for row in item.summary["rows"]]
    return {"columns": columns, "rows": rows}


def _matrix_cell(summary: Mapping[str, Any]) -> dict[str, Any]:
    """A crime-matrix cell: the leading figures of the column's own summary."""
    kind = summary.get("kind")
    if kind == "choices":
        top = [{"label": r["label"], "count": r["count"]} for r in summary["rows"] if r["count"]]
        return {"kind": "choices", "answered": summary["answered"], "items": top}
    if kind == "penalty":
        return {"kind": "penalty", "answered": summary["answered"],
                "meets": summary["meets_threshold"], "min_years": summary["min_years"]}
    return {"kind": "count", "answered": summary.get("answered", 0)}


_BUILDERS: dict[str, Callable[[Question, QuestionAggregate, FindingContext],
                              dict[str, Any] | None]] = {
    "choices": _choices,
    "numbers": _numbers,
    "texts": _texts,
    "rows": _rows,
    "statistics": _statistics,
    "matrix": _matrix,
}
