"""What changed between two sets of answers, in questionnaire order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questionnaire.definition import Definition, Question
from questionnaire.expressions import is_empty
from questionnaire.version_map import VersionMap


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


@dataclass(frozen=True)
class MappedComparison:
    """A newer question beside the older question(s) it replaces, with both answers."""

    earlier: tuple[tuple[Question, Any], ...]
    question: Question
    now: Any
    carried: Any
    """The earlier answers as the mapping carries them into ``question`` (None when they do
    not map)."""

    @property
    def changed(self) -> bool:
        return not (is_empty(self.now) and is_empty(self.carried)) and self.now != self.carried


def compare_versions(mapping: VersionMap, earlier: Mapping[str, Any],
                     now: Mapping[str, Any]) -> list[MappedComparison]:
    """Every mapped question answered on either side, in the newer questionnaire's order."""
    carried = mapping.translate(earlier).values
    by_target = {rep.target: rep for rep in mapping.replacements}
    rows = []
    for question in mapping.target.questions:
        rep = by_target.get(question.key)
        if rep is None:
            continue
        old = tuple((mapping.source.question(key), earlier.get(key)) for key in rep.sources
                    if mapping.source.has_question(key))
        if all(is_empty(value) for _q, value in old) and is_empty(now.get(question.key)):
            continue
        rows.append(MappedComparison(old, question, now.get(question.key),
                                     carried.get(question.key)))
    return rows
