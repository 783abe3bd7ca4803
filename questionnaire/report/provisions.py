"""Implementation by provision: for each provision, how many responding States report the
measure in place, partly, not in place, not applicable, or gave no answer; with its basis.

The provisions and bases come from the gap rules (``provisions``, ``basis``). A rule that
does not declare them yet is filed under the articles its question cites (definitions in
article 2 left out), or under the operative paragraph of the resolution, with no basis.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from questionnaire.definition import Definition, Question
from questionnaire.gaps import GapFinding, GapStatus

COUNT_KEYS = ("in_place", "partly", "not_in_place", "not_applicable", "no_answer")
_FROM_STATUS = {GapStatus.in_place: "in_place", GapStatus.partly: "partly",
                GapStatus.gap: "not_in_place", GapStatus.not_applicable: "not_applicable",
                GapStatus.no_answer: "no_answer"}
INSTRUMENT_ORDER = ("UNTOC", "TIP", "SOM", "FIP", "UNCAC", "RES12/4", "GA")
BASIS_ORDER = ("obligation", "optional", "encouraged", "good_practice")


def question_provisions(question: Question) -> list[str]:
    rule = question.gap or {}
    declared = rule.get("provisions")
    if declared:
        return list(declared)
    articles = [f"UNTOC {a}" for a in question.articles if not a.startswith("2(")]
    return articles or [f"RES12/4 OP{n}" for n in question.paragraphs[:1]]


def provision_sort_key(provision: str) -> tuple[int, tuple[Any, ...]]:
    """UNTOC first, then the Protocols, UNCAC, the resolution, the General Assembly; within
    an instrument by article number, then paragraph and subparagraph."""
    instrument, _, reference = provision.partition(" ")
    rank = INSTRUMENT_ORDER.index(instrument) if instrument in INSTRUMENT_ORDER \
        else len(INSTRUMENT_ORDER)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p)
                  for p in re.findall(r"\d+|[a-z]+", reference.lower()))
    return rank, parts


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(COUNT_KEYS, 0)


def provision_findings(definition: Definition,
                       findings: Mapping[str, Sequence[GapFinding]], lang: str
                       ) -> list[dict[str, Any]]:
    """Provisions in order, each with its basis and one row per question (and crime type)
    measuring it, from each State's findings (``findings``: State code -> its findings); every
    row's counts add up to the number of respondents."""
    rows: dict[tuple[str, str | None], dict[str, int]] = {}
    for items in findings.values():
        for item in items:
            counts = rows.setdefault((item.question_key, item.crime_type), empty_counts())
            counts[_FROM_STATUS[item.status]] += 1
    by_provision: dict[str, dict[str, Any]] = {}
    for (key, crime_type), counts in rows.items():
        question = definition.question(key)
        row = {"key": key, "label": question.label.get(lang),
               "crime_type": definition.crime_type(crime_type).label.get(lang)
               if crime_type else None, "counts": counts}
        basis = (question.gap or {}).get("basis")
        for provision in question_provisions(question):
            entry = by_provision.setdefault(provision, {"provision": provision,
                                                        "bases": set(), "questions": []})
            entry["bases"].add(basis)
            entry["questions"].append(row)
    order = {q.key: index for index, q in enumerate(definition.questions)}
    result = []
    for provision in sorted(by_provision, key=provision_sort_key):
        entry = by_provision[provision]
        bases = [b for b in BASIS_ORDER if b in entry["bases"]]
        entry["questions"].sort(key=lambda r: order[r["key"]])
        result.append({"provision": provision, "basis": bases[0] if len(bases) == 1 else None,
                       "bases": bases, "questions": entry["questions"]})
    return result


def shortfalls(provisions: Sequence[Mapping[str, Any]], obligations: bool,
               limit: int = 5) -> list[dict[str, Any]]:
    """The measures most often reported not in place: among obligations (gaps) or among the
    other provisions (measures not yet adopted); for the conclusions."""
    seen: dict[tuple[str, str | None], dict[str, Any]] = {}
    for entry in provisions:
        if (entry["basis"] == "obligation") != obligations:
            continue
        for row in entry["questions"]:
            if row["counts"]["not_in_place"]:
                seen.setdefault((row["key"], row["crime_type"]),
                                {**row, "provision": entry["provision"]})
    ranked = sorted(seen.values(), key=lambda r: -r["counts"]["not_in_place"])
    return ranked[:limit]
