"""The analysis as a JSON-ready document: the numbers every table of the report is drawn from."""

from __future__ import annotations

from typing import Any

from questionnaire.analysis.model import Analysis


def export_document(analysis: Analysis, cycle: dict[str, Any]) -> dict[str, Any]:
    """`{"cycle", "questionnaire", "respondents", "questions", "provisions"}`; names no State.

    `cycle` is `{"id": ..., "name": ...}`. A crime-matrix question gives one entry per crime
    type (`crime_type`; null for other questions). Counts add up to `respondents`, the measured
    respondents (parties; see docs/analysis.md for those reported as information).
    """
    return {
        "cycle": {"id": cycle.get("id"), "name": cycle.get("name")},
        "questionnaire": {"id": analysis.questionnaire_id, "version": analysis.version},
        "respondents": analysis.respondents,
        "questions": [
            {"key": q.key, "crime_type": q.crime_type, "basis": str(q.basis),
             "provisions": list(q.provisions), "counts": q.counts.as_dict()}
            for q in analysis.questions
        ],
        "provisions": [
            {"provision": p.provision, "basis": str(p.basis), "questions": list(p.questions),
             "counts": p.counts.as_dict()}
            for p in analysis.provisions
        ],
    }
