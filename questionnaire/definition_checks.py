"""Checks across the whole definition: condition references, relevance cycles (and the order
conditions are evaluated in), and that every paragraph of the resolution is served or excused."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from questionnaire.definition import Paragraph, Question
from questionnaire.expressions import references

Report = Callable[[int | None, str | None, str], None]
"""Records a problem: (line, question key, message)."""


def check_conditions(questions: list[Question], question_lines: Mapping[str, int],
                     problem: Report) -> list[str]:
    """Check references and relevance cycles; return keys in relevance order."""
    keys = {q.key for q in questions}
    depends: dict[str, set[str]] = {}
    for question in questions:
        line = question_lines.get(question.key)
        for name, expr in (("relevant", question.relevant_expr),
                           ("constraint", question.constraint_expr)):
            if expr is None:
                continue
            for ref in sorted(references(expr) - keys):
                problem(line, question.key, f"{name} references unknown question {ref!r}")
        if question.relevant_expr is not None:
            depends[question.key] = references(question.relevant_expr) & keys
    order, cyclic = topological_order(depends)
    for key in sorted(cyclic, key=lambda k: question_lines.get(k, 0)):
        problem(question_lines.get(key), key,
                "relevant conditions form a cycle through this question")
    return order


def check_coverage(paragraphs: list[Paragraph], served: set[int],
                   paragraph_lines: Mapping[int, int], problem: Report) -> None:
    """Each paragraph is served by a question or says why none asks about it, not both."""
    for paragraph in paragraphs:
        line = paragraph_lines.get(paragraph.number)
        if paragraph.number in served and paragraph.no_questions is not None:
            problem(line, None, f"paragraph {paragraph.number} has no_questions but "
                                "questions serve it")
        if paragraph.number not in served and paragraph.no_questions is None:
            problem(line, None, f"paragraph {paragraph.number} is served by no question "
                                "and gives no no_questions reason")


def topological_order(depends: Mapping[str, set[str]]) -> tuple[list[str], set[str]]:
    """Keys with conditions, each after the conditional keys it depends on; and keys on cycles."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: visiting, 2: done
    cyclic: set[str] = set()
    for start in depends:
        if start in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(depends[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                order.append(node)
            elif state.get(child) == 1:
                cyclic.update(path[path.index(child):])
            elif child not in state and child in depends:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(depends[child]))))
    return order, cyclic
