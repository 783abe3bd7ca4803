"""Implementation by provision, from the analysis (``questionnaire.analysis``): for each
provision and its legal force, how many responding States report the measure in place, partly,
not in place, not applicable, or gave no answer; with the questions that measure it.

Only parties are measured; the answers of other respondents (non-parties, the European Union)
are the analysis's ``information`` and are reported apart, never as gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from questionnaire.analysis import (
    STATUSES,
    Analysis,
    Mandate,
    QuestionFinding,
    basis_term,
    shortfall_term,
)
from questionnaire.definition import Definition
from questionnaire.legal_force import Basis
from questionnaire.numbering import question_numbers
from questionnaire.vocabulary import term

STATUS_TERMS = {"in_place": "gap_in_place", "partly": "gap_partly",
                "not_applicable": "gap_not_applicable", "no_answer": "gap_no_answer"}


def status_labels(lang: str) -> dict[str, str]:
    """Column headings: the statuses in the words of the vocabulary (the shortfall's own word
    depends on the basis and comes with each provision)."""
    return {status: term(lang, key) for status, key in STATUS_TERMS.items()}


def _question_row(definition: Definition, finding: QuestionFinding, lang: str
                  ) -> dict[str, Any]:
    question = definition.question(finding.key)
    return {"key": finding.key, "number": question_numbers(definition)[finding.key],
            "label": question.label.get(lang),
            "crime_type": definition.crime_type(finding.crime_type).label.get(lang)
            if finding.crime_type else None, "counts": finding.counts.as_dict(),
            "rationale": finding.rationale.get(lang)}


def _reasons(rows: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Each rule's rationale once (a crime matrix gives one row per crime type, one rule)."""
    reasons: dict[str, dict[str, str]] = {}
    for row in rows:
        reasons.setdefault(row["key"], {"label": row["label"], "text": row["rationale"]})
    return list(reasons.values())


def provision_paragraphs(definition: Definition, analysis: Analysis, mandate: Mandate,
                         lang: str) -> list[dict[str, Any]]:
    """One entry per provision and basis of ``mandate``, in the analysis's order, with its
    counts (every respondent once) and one row per question (and crime type) measuring it."""
    entries = []
    for provision in analysis.provisions_for(mandate):
        rows = [_question_row(definition, q, lang) for q in analysis.questions
                if provision.provision in q.provisions and q.basis is provision.basis]
        entries.append({
            "provision": provision.provision, "basis": str(provision.basis),
            "basis_label": term(lang, basis_term(provision.basis)),
            "shortfall_label": term(lang, shortfall_term(provision.basis)),
            "counts": provision.counts.as_dict(), "questions": rows,
            "reasons": _reasons(rows)})
    return entries


def shared_tables(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries as printed: provisions of the same legal force measured by exactly the same
    questions share one table (their counts are then the same), at the first one's place.

    Article 6(1), 6(2)(b) and 6(2)(c), for instance, are measured by one question; three
    identical tables in a row would only make the reader compare them. ``provisions`` lists
    the provisions of each printed entry and ``provision`` names them all.
    """
    printed: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in entries:
        rows = tuple((row["key"], row["crime_type"]) for row in entry["questions"])
        same = printed.get((entry["basis"], rows))
        if same is None:
            printed[(entry["basis"], rows)] = {**entry, "provisions": [entry["provision"]]}
        else:
            same["provisions"].append(entry["provision"])
            same["provision"] = ", ".join(same["provisions"])
    return list(printed.values())


def shortfalls(definition: Definition, analysis: Analysis, obligations: bool, lang: str,
               limit: int = 5) -> list[dict[str, Any]]:
    """The measures most often reported not in place: among obligations (gaps) or among the
    other bases (measures not yet adopted); for the conclusions."""
    chosen: Sequence[QuestionFinding] = [
        q for q in analysis.questions
        if (q.basis is Basis.obligation) == obligations and q.counts.not_in_place]
    ranked = sorted(chosen, key=lambda q: -q.counts.not_in_place)[:limit]
    return [{**_question_row(definition, q, lang), "provision": ", ".join(q.provisions)}
            for q in ranked]


__all__ = ["STATUSES", "provision_paragraphs", "shared_tables", "shortfalls", "status_labels"]
