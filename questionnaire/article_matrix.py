"""The article view of the matrix: each provision with every question that measures it.

A question counts under every provision its gap rule names (with the rule's basis) and under
every article its tags name (Convention articles such as "12(1)(a)" are read as "UNTOC 12(1)(a)").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from questionnaire import provisions as known_provisions
from questionnaire.definition import Definition, Question
from questionnaire.matrix import _md, csv_text

CSV_COLUMNS = ("provision", "question", "type", "label", "paragraphs", "basis")


def _tag_reference(article: str) -> str:
    return article if " " in article else f"UNTOC {article}"


def question_provisions(question: Question) -> dict[str, str | None]:
    """Provision reference -> the basis of the rule naming it (None: named by the tags only)."""
    refs: dict[str, str | None] = {_tag_reference(a): None for a in question.articles}
    if question.legal_force is not None:
        for ref in question.legal_force.provisions:
            refs[ref] = question.legal_force.basis.value
    return refs


def article_matrix(definition: Definition, lang: str = "en") -> list[dict[str, Any]]:
    """One row per provision (in listing order), each with its questions in questionnaire order."""
    by_ref: dict[str, list[dict[str, Any]]] = {}
    for question in definition.questions:
        for ref, basis in question_provisions(question).items():
            by_ref.setdefault(ref, []).append({
                "key": question.key, "type": question.type, "label": question.label.get(lang),
                "paragraphs": list(question.paragraphs), "basis": basis,
            })
    return [{"provision": ref, "questions": by_ref[ref]}
            for ref in known_provisions.sort_provisions(list(by_ref))]


def _flat_rows(rows: Iterable[dict[str, Any]]) -> Iterable[list[str]]:
    for row in rows:
        for question in row["questions"]:
            yield [row["provision"], question["key"], question["type"], question["label"] or "",
                   "; ".join(map(str, question["paragraphs"])), question["basis"] or ""]


def article_matrix_csv(rows: Iterable[dict[str, Any]]) -> str:
    """One line per (provision, question)."""
    return csv_text(CSV_COLUMNS, _flat_rows(rows))


def article_matrix_markdown(rows: Iterable[dict[str, Any]]) -> str:
    """One Markdown table line per (provision, question)."""
    lines = ["| Provision | Question | Type | Basis | OP |", "|---|---|---|---|---|"]
    for provision, key, type_name, _label, paragraphs, basis in _flat_rows(rows):
        cells = [provision, key, type_name, basis or "–", paragraphs.replace("; ", ", ")]
        lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"
