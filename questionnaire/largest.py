"""The largest valid draft of a questionnaire: every relevant question answered at its
maximum length and row count (``FieldType.largest``), the case a submission PDF must render
within its time limit (issue #18; security review finding 5)."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import Any

from questionnaire.definition import Definition
from questionnaire.fields.base import FieldType, field_type_for
from questionnaire.fields.examples import ExampleContext

EXAMPLE_ATTEMPTS = 50


def _largest_valid(value: Any, valid: Callable[[Any], bool]) -> Any:
    """``value``, or for a list that a constraint refuses (an exclusive "none of these"),
    the first list one item shorter that it accepts; else ``value`` unchanged."""
    if value is None or valid(value) or not isinstance(value, list):
        return value
    for index in range(len(value)):
        shorter = value[:index] + value[index + 1:]
        if shorter and valid(shorter):
            return shorter
    return value


def _is_valid(field: FieldType, answers: dict[str, Any], value: Any) -> bool:
    return field.validate(value, answers) == []


def largest_answers(definition: Definition, seed: int = 18) -> dict[str, Any]:
    """Answers for every question that becomes relevant: its largest value where the
    question's constraint accepts it, else a valid example; uploads stay empty."""
    ctx = ExampleContext(random.Random(seed))
    values: dict[str, Any] = {}
    tried: set[str] = set()
    while True:
        relevant = definition.relevant_keys(values)
        pending = [q for q in definition.questions if q.key in relevant and q.key not in tried]
        if not pending:
            return values
        for question in pending:
            tried.add(question.key)
            field = field_type_for(question)
            value = _largest_valid(field.largest(ctx), partial(_is_valid, field, values))
            for _attempt in range(EXAMPLE_ATTEMPTS):
                if value is None or field.validate(value, values) == []:
                    break
                value = field.example(ctx)
            else:
                continue
            if value is not None:
                values[question.key] = value
