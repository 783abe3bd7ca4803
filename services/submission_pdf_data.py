"""The plain dict the submission PDF is rendered from, built from a response and its answers.

``exports.submission_pdf.render_submission_pdf`` takes only plain data (strings, numbers,
dates, lists, dicts); everything that needs the database or the questionnaire engine
(relevance, labels in the document language, display nodes) is resolved here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from exports.i18n import check_lang, load_translations, text_direction
from models import Response, Submission, db, utcnow
from questionnaire.definition import Definition, Question, Section
from questionnaire.fields.base import empty_node, field_type_for
from questionnaire.numbering import question_numbers
from questionnaire.workflow_names import workflow_state_name
from services.answers import load_answers, valid_values

_ARTICLE_NUMBER = re.compile(r"(\d+)(.*)")


def find_submission(response: Response, number: int) -> Submission | None:
    """The response's snapshot with ``number``, or None."""
    return db.session.scalar(select(Submission).where(
        Submission.response_id == response.id, Submission.number == number))


def submission_pdf_data(
    response: Response,
    definition: Definition,
    lang: str,
    submission: Submission | None = None,
) -> dict[str, Any]:
    """The dict ``render_submission_pdf`` expects: a snapshot, or the current draft when
    ``submission`` is None (then ``is_draft`` is set and there is no hash)."""
    check_lang(lang)
    if submission is None:
        values = valid_values(definition, load_answers(response))
    else:
        values = dict(submission.answers)
    relevant = definition.relevant_keys(values)
    state_label = workflow_state_name(response.workflow_state.value, load_translations(lang))
    return {
        "lang": lang,
        "dir": text_direction(lang),
        "state": {"iso3": response.state_iso3, "name": response.state.name(lang)},
        "cycle": {"name": response.cycle.name, "deadline": response.cycle.deadline},
        "questionnaire": {
            "id": definition.id,
            "version": definition.version,
            "title": definition.title.get(lang),
        },
        "workflow_state": str(response.workflow_state.value),
        "workflow_state_label": str(state_label),
        "is_draft": submission is None,
        "snapshot": None if submission is None else {
            "number": submission.number,
            "created_at": submission.created_at,
            "sha256": submission.sha256,
            "answers": dict(submission.answers),
        },
        "certified_by": None if submission is None else submission.certified_name,
        "generated_at": utcnow(),
        "sections": [
            section_data(section, shown, values, lang, numbers=question_numbers(definition),
                         number=number)
            for number, section in enumerate(definition.sections, start=1)
            if (shown := [q for q in section.questions if q.key in relevant])
        ],
    }


def section_data(section: Section, questions: list[Question], values: Mapping[str, Any],
                 lang: str, *, numbers: Mapping[str, str], number: int) -> dict[str, Any]:
    """One section with the questions to show (the relevant ones, in questionnaire order);
    ``number`` is the section's and ``numbers`` the questions' (``questionnaire.numbering``)."""
    return {
        "key": section.key,
        "number": number,
        "title": section.title.get(lang),
        "paragraphs": list(section.paragraphs),
        "articles": ordered_articles(a for q in questions for a in q.articles),
        "questions": [question_data(q, values.get(q.key), lang, numbers[q.key])
                      for q in questions],
    }


def question_data(question: Question, value: Any, lang: str, number: str) -> dict[str, Any]:
    field = field_type_for(question)
    if value is None or field.is_empty(value):
        status, display = "unanswered", empty_node()
    elif field.not_applicable_value is not None and value == field.not_applicable_value:
        status, display = "not_applicable", empty_node()
    else:
        status, display = "answered", plain(field.display(value, lang))
    return {
        "key": question.key,
        "number": number,
        "label": question.label.get(lang),
        "help": question.help.get(lang) if question.help else "",
        "paragraphs": list(question.paragraphs),
        "articles": list(question.articles),
        "status": status,
        "display": display,
    }


def ordered_articles(articles: Iterable[str]) -> list[str]:
    """Distinct article references in number order: ``2(a)``, ``2(b)``, ``3``, ``10``."""
    def order(article: str) -> tuple[int, str]:
        match = _ARTICLE_NUMBER.match(article)
        return (int(match.group(1)), match.group(2)) if match else (10**6, article)

    return sorted(set(articles), key=order)


def plain(node: Any) -> Any:
    """A display node as JSON-like data: lazy strings become str, tuples become lists."""
    if isinstance(node, Mapping):
        return {str(key): plain(item) for key, item in node.items()}
    if isinstance(node, list | tuple):
        return [plain(item) for item in node]
    if node is None or isinstance(node, bool | int | float):
        return node
    return str(node)
