"""What changed between two sets of answers, in questionnaire order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questionnaire.definition import Definition, Question
from questionnaire.expressions import is_empty


@dataclass(frozen=True)
class AnswerDifference:
    question: Question
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        if is_empty(self.before):
            return "added"
        if is_empty(self.after):
            return "removed"
        return "changed"


def diff_answers(definition: Definition, before: Mapping[str, Any],
                 after: Mapping[str, Any]) -> list[AnswerDifference]:
    differences = []
    for question in definition.questions:
        old, new = before.get(question.key), after.get(question.key)
        if (is_empty(old) and is_empty(new)) or old == new:
            continue
        differences.append(AnswerDifference(question, old, new))
    return differences
