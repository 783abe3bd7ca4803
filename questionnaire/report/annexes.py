"""The annexes of the named report: who answered, and what each State reported.

Descriptive only: each State's answers to the questions that measure implementation, with
the legislation it cited, in the order of the registry. No classification, score or colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from questionnaire.definition import Definition, Question
from questionnaire.fields import field_type_for
from questionnaire.report.inputs import NO_GROUP, SnapshotEntry, StateEntry, group_rank

LAWS_SUFFIX = "_laws"
"""A measured question's legislation is asked in the question ``<key>_laws`` after it."""
MAX_CITATIONS = 6


def respondent_rows(snapshots: Sequence[SnapshotEntry], by_code: Mapping[str, StateEntry],
                    lang: str) -> list[dict[str, Any]]:
    rows = [
        {"iso3": s.iso3, "name": by_code[s.iso3].name(lang),
         "group": by_code[s.iso3].group or NO_GROUP, "submitted_at": s.submitted_at.isoformat(),
         "number": s.number, "accepted": s.accepted, "sha256": s.sha256, "language": s.language}
        for s in snapshots
    ]
    return sorted(rows, key=lambda row: group_rank(row["group"]))  # stable: names stay sorted


def _citations(definition: Definition, question: Question, answers: Mapping[str, Any]
               ) -> list[str]:
    key = question.key + LAWS_SUFFIX
    if not definition.has_question(key):
        return []
    rows = answers.get(key)
    if not isinstance(rows, list):
        return []
    cited = []
    for row in rows[:MAX_CITATIONS]:
        if not isinstance(row, Mapping) or not row.get("title"):
            continue
        text = str(row["title"]).strip()
        if row.get("articles"):
            text += f", {str(row['articles']).strip()}"
        if row.get("year"):
            text += f" ({row['year']})"
        cited.append(" ".join(text.split()))
    return cited


def state_summary(definition: Definition, state: StateEntry, snapshot: SnapshotEntry,
                  lang: str) -> dict[str, Any]:
    """What one State reported on the measured questions, section by section."""
    answers = snapshot.answers
    relevant = definition.relevant_keys(answers)
    sections = []
    for section in definition.sections:
        items = []
        for question in section.questions:
            if not question.gap or question.key not in relevant:
                continue
            field_type = field_type_for(question)
            value = answers.get(question.key)
            if not field_type.is_valid(value):
                continue
            items.append({"label": question.label.get(lang),
                          "articles": ", ".join(question.articles),
                          "answer": field_type.display(value, lang),
                          "laws": _citations(definition, question, answers)})
        if items:
            sections.append({"title": section.title.get(lang), "items": items})
    return {"name": state.name(lang), "iso3": state.iso3, "group": state.group or NO_GROUP,
            "party_status": state.party_status, "language": snapshot.language,
            "sections": sections}


def state_summaries(definition: Definition, snapshots: Sequence[SnapshotEntry],
                    states: Sequence[StateEntry], lang: str) -> list[dict[str, Any]]:
    """One summary per responding State, in the order of the registry."""
    by_code = {s.iso3: s for s in snapshots}
    return [state_summary(definition, state, by_code[state.iso3], lang)
            for state in states if state.iso3 in by_code]
