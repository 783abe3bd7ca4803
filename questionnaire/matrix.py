"""The paragraph matrix: which sections, questions, articles and crime types serve each
operative paragraph of the resolution, as rows, CSV or Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from questionnaire.definition import Definition

PARAGRAPH_NUMBERS = range(1, 10)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "paragraph", "paragraph_title", "section", "question", "type", "label", "articles",
    "crime_types", "no_questions",
)


def paragraph_matrix(definition: Definition, lang: str = "en") -> list[dict[str, Any]]:
    """One row per paragraph 1..9: its sections, each with the questions that serve the
    paragraph (articles and crime types included); `no_questions` gives the reason when none do."""
    declared = {paragraph.number: paragraph for paragraph in definition.paragraphs}
    rows: list[dict[str, Any]] = []
    for number in PARAGRAPH_NUMBERS:
        paragraph = declared.get(number)
        sections: list[dict[str, Any]] = []
        for section in definition.sections:
            questions = [
                {
                    "key": q.key,
                    "type": q.type,
                    "label": q.label.get(lang),
                    "articles": list(q.articles),
                    "crime_types": list(q.crime_types),
                }
                for q in section.questions
                if number in q.paragraphs
            ]
            if questions:
                sections.append(
                    {"key": section.key, "title": section.title.get(lang), "questions": questions}
                )
        reason = paragraph.no_questions.get(lang) if paragraph and paragraph.no_questions else None
        rows.append({
            "paragraph": number,
            "title": paragraph.title.get(lang) if paragraph else "",
            "sections": sections,
            "articles": sorted({a for s in sections for q in s["questions"] for a in q["articles"]},
                               key=_article_order),
            "no_questions": reason if not sections else None,
        })
    return rows


def _article_order(article: str) -> tuple[int, str]:
    digits = ""
    for char in article:
        if not char.isdigit():
            break
        digits += char
    return (int(digits) if digits else 10_000, article)


def safe_cell(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _flat_rows(rows: Iterable[dict[str, Any]]) -> Iterable[list[str]]:
    for row in rows:
        base = [str(row["paragraph"]), row["title"]]
        if not row["sections"]:
            yield [*base, "", "", "", "", "", "", row["no_questions"] or ""]
            continue
        for section in row["sections"]:
            for question in section["questions"]:
                yield [
                    *base, section["key"], question["key"], question["type"], question["label"],
                    "; ".join(question["articles"]), "; ".join(question["crime_types"]), "",
                ]


def csv_text(columns: Iterable[str], lines: Iterable[Iterable[Any]]) -> str:
    """CSV text with a header, each cell guarded against formulas (``safe_cell``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for line in lines:
        writer.writerow([safe_cell(cell) for cell in line])
    return out.getvalue()


def matrix_csv(rows: Iterable[dict[str, Any]]) -> str:
    """The matrix as CSV text, one line per (paragraph, question)."""
    return csv_text(CSV_COLUMNS, _flat_rows(rows))


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def matrix_markdown(rows: Iterable[dict[str, Any]]) -> str:
    """The matrix as a Markdown table, one line per (paragraph, question)."""
    lines = [
        "| OP | Paragraph | Section | Question | Type | Articles | Crime types |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if not row["sections"]:
            note = f"*No questions: {_md(row['no_questions'] or '')}*"
            lines.append(f"| {row['paragraph']} | {_md(row['title'])} | {note} |  |  |  |  |")
            continue
        for section in row["sections"]:
            for question in section["questions"]:
                cells = [
                    str(row["paragraph"]), row["title"], section["key"], question["key"],
                    question["type"], ", ".join(question["articles"]),
                    ", ".join(question["crime_types"]),
                ]
                lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"
