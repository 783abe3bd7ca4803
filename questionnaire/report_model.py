"""The compiled report as plain data: built from a definition, snapshots and the State registry.

Pure and deterministic: the same inputs give the same dict (JSON-serialisable), so the renderer
can hash each part's inputs and reuse what it rendered before. Static wording lives in the
templates (translated there); this module supplies the numbers, the questionnaire's own text in
the report language, and State names (or, in the anonymous variant, none in the findings).

Paragraphs are numbered here, one number per finding whatever the data, so a change in one
State's answers does not renumber the rest of the document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from questionnaire import LANGUAGES
from questionnaire.aggregate import (
    NO_GROUP,
    GapProfile,
    QuestionAggregate,
    Respondent,
    aggregate,
    gap_profile,
    group_counts,
    status_score,
)
from questionnaire.definition import Definition, Question
from questionnaire.fields.base import field_type_for
from questionnaire.gaps import (
    GapFinding,
    GapStatus,
    gap_counts,
    most_frequent_gaps,
    threshold_shortfalls,
)
from questionnaire.l10n import sort_key
from questionnaire.vocabulary import term

GROUP_ORDER = ("african", "asia_pacific", "eastern_european", "latin_american_caribbean",
               "western_european_other", NO_GROUP)
STATUS_ORDER = (GapStatus.in_place, GapStatus.partly, GapStatus.gap, GapStatus.no_answer,
                GapStatus.not_applicable)
MAX_QUOTES = 4
"""Free-text answers quoted per question in the findings (the rest are in the exports)."""
QUOTE_LENGTH = 400
MAX_PROFILE_GAPS = 14
FREQUENT_GAPS = 10
#: Question topics left out of the findings: contact details of the national institutions.
EXCLUDED_TOPICS = frozenset({"general"})

Predicate = Callable[[Question], bool]


def _in_paragraphs(*numbers: int) -> Predicate:
    return lambda question: bool(set(question.paragraphs) & set(numbers))


def _key_starts(*prefixes: str) -> Predicate:
    return lambda question: question.key.startswith(prefixes)


#: The findings in the order of the mandate (resolution 12/4, OP5): which questions feed each.
CHAPTERS: tuple[tuple[str, Predicate], ...] = (
    ("stocktaking", lambda q: _in_paragraphs(1, 2, 3, 4)(q) or _key_starts("op5.stock.")(q)),
    ("gaps", _key_starts("op5.gaps.")),
    ("responses", _key_starts("op5.protocol.", "op5.responses.")),
    ("assistance", _in_paragraphs(6, 9)),
)
PROTOCOL_VIEW_KEY = "op5.protocol.view"
TA_NEEDS_KEY = "ta.needs.areas"


@dataclass(frozen=True)
class StateEntry:
    """A State of the registry as the report needs it."""

    iso3: str
    names: Mapping[str, str]
    group: str | None
    party_status: str

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.iso3


@dataclass(frozen=True)
class SnapshotEntry:
    """The snapshot of one responding State used in the report."""

    iso3: str
    number: int
    sha256: str
    submitted_at: datetime
    accepted: bool
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "en"
    anonymous: bool = False
    symbol: str = "CTOC/COP/WG.x/2026/n"
    issued: date | None = None
    cutoff: datetime | None = None
    cycle_name: str = ""
    original_language: str = "en"
    accepted_only: bool = False

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unsupported language {self.lang!r}")


@dataclass
class _Numbering:
    """Hands out the document's paragraph numbers in reading order."""

    last: int = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def build_report_model(
    definition: Definition,
    snapshots: Sequence[SnapshotEntry],
    states: Sequence[StateEntry],
    invited: Iterable[str],
    options: ReportOptions,
) -> dict[str, Any]:
    """The whole report as plain data; see the module docstring."""
    lang = options.lang
    by_code = {state.iso3: state for state in states}
    ordered = sorted(snapshots, key=lambda s: sort_key(by_code[s.iso3].name(lang), lang))
    respondents = [
        Respondent(s.iso3, by_code[s.iso3].group, by_code[s.iso3].party_status, s.answers,
                   s.accepted)
        for s in ordered
    ]
    labels = _anonymous_labels(respondents) if options.anonymous else {
        r.iso3: by_code[r.iso3].name(lang) for r in respondents}
    aggregates = aggregate(definition, respondents, lang)
    profiles = {r.iso3: gap_profile(definition, r) for r in respondents}
    numbering = _Numbering()
    invited_codes = sorted(set(invited))

    intro = _introduction(definition, respondents, invited_codes, by_code, options, numbering)
    chapters = [intro]
    for key, wanted in CHAPTERS:
        questions = [q for q in definition.questions
                     if wanted(q) and q.topic not in EXCLUDED_TOPICS]
        chapter = _chapter(key, definition, questions, aggregates, labels, options, numbering)
        if key == "gaps":
            chapter["analysis"] = _gap_analysis(definition, respondents, profiles, lang,
                                                numbering)
        chapters.append(chapter)

    return {
        "lang": lang,
        "anonymous": options.anonymous,
        "symbol": options.symbol,
        "issued": (options.issued or date.today()).isoformat(),
        "cutoff": options.cutoff.isoformat() if options.cutoff else None,
        "original_language": options.original_language,
        "cycle_name": options.cycle_name,
        "accepted_only": options.accepted_only,
        "questionnaire": {"id": definition.id, "version": definition.version,
                          "title": definition.title.get(lang)},
        "status_labels": {status.value: term(lang, f"gap_{status.value}")
                          for status in STATUS_ORDER},
        "respondents": [
            {"iso3": s.iso3, "name": by_code[s.iso3].name(lang), "group": by_code[s.iso3].group
             or NO_GROUP, "submitted_at": s.submitted_at.isoformat(), "number": s.number,
             "accepted": s.accepted, "sha256": s.sha256}
            for s in ordered
        ],
        "chapters": chapters,
        "matrix": _provision_matrix(definition, respondents, profiles, labels),
        # Anonymous profiles follow their labels, not the names they stand for.
        "profiles": [_profile(definition, r, profiles[r.iso3], labels[r.iso3], by_code, ordered,
                              lang, options)
                     for r in (sorted(respondents, key=lambda r: (_group_rank(r.group),
                                                                  labels[r.iso3]))
                               if options.anonymous else respondents)],
    }


def _anonymous_labels(respondents: Sequence[Respondent]) -> dict[str, str]:
    """"R-01", "R-02"... in an order that does not follow the names (so nothing leaks)."""
    ordered = sorted(respondents, key=lambda r: (_group_rank(r.group), _scramble(r.iso3)))
    return {r.iso3: f"R-{index:02d}" for index, r in enumerate(ordered, start=1)}


def _scramble(iso3: str) -> str:
    return hashlib.sha256(("report-label:" + iso3).encode()).hexdigest()


def _group_rank(group: str | None) -> int:
    code = group or NO_GROUP
    return GROUP_ORDER.index(code) if code in GROUP_ORDER else len(GROUP_ORDER)


def _introduction(definition: Definition, respondents: Sequence[Respondent],
                  invited: Sequence[str], by_code: Mapping[str, StateEntry],
                  options: ReportOptions, numbering: _Numbering) -> dict[str, Any]:
    responded = group_counts(respondents)
    invited_groups: dict[str, int] = {}
    for iso3 in invited:
        state = by_code.get(iso3)
        group = (state.group if state else None) or NO_GROUP
        invited_groups[group] = invited_groups.get(group, 0) + 1
    groups = [
        {"group": group, "invited": invited_groups.get(group, 0),
         "responded": responded.get(group, 0)}
        for group in GROUP_ORDER if invited_groups.get(group) or responded.get(group)
    ]
    paragraphs = [
        {"n": numbering.next(), "kind": "mandate"},
        {"n": numbering.next(), "kind": "questionnaire",
         "title": definition.title.get(options.lang), "version": definition.version,
         "sections": len(definition.sections), "questions": len(definition.questions)},
        {"n": numbering.next(), "kind": "respondents", "responded": len(respondents),
         "invited": len(invited), "groups": groups, "cutoff": options.cutoff.isoformat()
         if options.cutoff else None, "accepted_only": options.accepted_only},
        {"n": numbering.next(), "kind": "method"},
        {"n": numbering.next(), "kind": "anonymity" if options.anonymous else "naming"},
    ]
    return {"key": "introduction", "sections": [{"title": None, "paragraphs": paragraphs}]}


def _chapter(key: str, definition: Definition, questions: Sequence[Question],
             aggregates: Mapping[str, QuestionAggregate], labels: Mapping[str, str],
             options: ReportOptions, numbering: _Numbering) -> dict[str, Any]:
    sections: list[dict[str, Any]] = []
    for section in definition.sections:
        chosen = [q for q in section.questions if q in questions]
        if not chosen:
            continue
        paragraphs = []
        for question in chosen:
            paragraph = _finding(question, aggregates[question.key], labels, options)
            if paragraph is not None:
                paragraph["n"] = numbering.next()
                paragraphs.append(paragraph)
        if paragraphs:
            sections.append({"key": section.key, "title": section.title.get(options.lang),
                             "paragraphs": paragraphs})
    return {"key": key, "sections": sections}


def _articles(question: Question) -> str:
    return ", ".join(question.articles)


def _finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
             options: ReportOptions) -> dict[str, Any] | None:
    """One numbered paragraph for one question, shaped by its summary kind."""
    summary = item.summary
    kind = summary.get("kind")
    base = {"kind": kind, "key": question.key, "label": question.label.get(options.lang),
            "paragraphs": list(question.paragraphs), "articles": _articles(question),
            "respondents": item.respondents, "answered": item.answered,
            "not_answered": item.not_answered, "not_applicable": item.not_applicable}
    builder = _FINDING_BUILDERS.get(kind) if isinstance(kind, str) else None
    if builder is None:
        return None
    extra = builder(question, item, labels, options)
    return None if extra is None else {**base, **extra}


def _choices_finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
                     options: ReportOptions) -> dict[str, Any]:
    rows = [{"value": row["value"], "label": row["label"], "count": row["count"],
             "percent": row["percent"]} for row in item.summary["rows"]]
    by_group = [
        {"group": group, "answered": summary["answered"],
         "counts": [row["count"] for row in summary["rows"]]}
        for group in GROUP_ORDER if (summary := item.by_group.get(group))
    ]
    ranked = field_type_for(question).ranked_summary
    return {"rows": sorted(rows, key=lambda r: -r["count"]) if ranked else rows,
            "ranked": ranked, "by_group": by_group,
            "group_columns": [row["label"] for row in item.summary["rows"]]}


def _numbers_finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
                     options: ReportOptions) -> dict[str, Any]:
    summary = item.summary
    return {name: summary[name] for name in ("count", "min", "median", "max", "sum")}


def _texts_finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
                   options: ReportOptions) -> dict[str, Any] | None:
    # Only long texts are quoted; short texts hold names of institutions.
    if not field_type_for(question).quotable:
        return None
    quotes = [
        {"who": None if options.anonymous else labels[state], "text": _excerpt(text)}
        for state, text in item.summary["items"][:MAX_QUOTES]
    ]
    return {"quotes": quotes, "more": max(0, len(item.summary["items"]) - MAX_QUOTES)}


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def _rows_finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
                  options: ReportOptions) -> dict[str, Any]:
    return {"entries": item.summary["rows"]}


def _statistics_finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
                        options: ReportOptions) -> dict[str, Any]:
    summary = item.summary
    measures = summary["display"]["columns"][1:]
    keys = list(next(iter(summary["totals"].values()), {}).keys())
    years = [
        {"year": year, "cells": [{"total": summary["totals"][year][k],
                                  "reporting": summary["reporting"][year][k],
                                  "not_known": summary["not_known"][year][k]} for k in keys]}
        for year in summary["totals"]
    ]
    return {"measures": measures, "years": years}


def _matrix_finding(question: Question, item: QuestionAggregate, labels: Mapping[str, str],
                    options: ReportOptions) -> dict[str, Any]:
    columns = item.summary["display"]["columns"][1:]
    rows = []
    for row in item.summary["rows"]:
        cells = []
        for column in row["columns"].values():
            cells.append(_matrix_cell(column))
        rows.append({"label": row["label"], "cells": cells})
    return {"columns": columns, "rows": rows}


def _matrix_cell(summary: Mapping[str, Any]) -> dict[str, Any]:
    """A crime-matrix cell: the leading figures of the column's own summary."""
    kind = summary.get("kind")
    if kind == "choices":
        top = [{"label": r["label"], "count": r["count"]} for r in summary["rows"] if r["count"]]
        return {"kind": "choices", "answered": summary["answered"], "items": top}
    if kind == "penalty":
        return {"kind": "penalty", "answered": summary["answered"],
                "meets": summary["meets_threshold"], "min_years": summary["min_years"]}
    return {"kind": "count", "answered": summary.get("answered", 0)}


_FINDING_BUILDERS: dict[str, Callable[..., dict[str, Any] | None]] = {
    "choices": _choices_finding,
    "numbers": _numbers_finding,
    "texts": _texts_finding,
    "rows": _rows_finding,
    "statistics": _statistics_finding,
    "matrix": _matrix_finding,
}


def _provision_key(finding: GapFinding) -> str:
    """Column of the heat map: the base article ("12" for "12(7)"), else the paragraph."""
    if finding.articles:
        digits = ""
        for char in finding.articles[0]:
            if not char.isdigit():
                break
            digits += char
        if digits:
            return f"art. {digits}"
    return f"OP{finding.paragraphs[0]}" if finding.paragraphs else "—"


def _provision_sort(key: str) -> tuple[int, int]:
    number = int("".join(ch for ch in key if ch.isdigit()) or 0)
    return (0 if key.startswith("OP") else 1, number)


def _gap_analysis(definition: Definition, respondents: Sequence[Respondent],
                  profiles: Mapping[str, GapProfile], lang: str,
                  numbering: _Numbering) -> dict[str, Any]:
    findings = {iso3: list(profile.findings) for iso3, profile in profiles.items()}
    group_of = {r.iso3: r.group or NO_GROUP for r in respondents}
    counts = gap_counts(findings, group_of, by="question")
    by_provision: dict[str, dict[GapStatus, int]] = {}
    by_provision_group: dict[str, dict[str, dict[GapStatus, int]]] = {}
    for iso3, items in findings.items():
        for finding in items:
            key = _provision_key(finding)
            bucket = by_provision.setdefault(key, dict.fromkeys(GapStatus, 0))
            bucket[finding.status] += 1
            group_bucket = by_provision_group.setdefault(key, {}).setdefault(
                group_of[iso3], dict.fromkeys(GapStatus, 0))
            group_bucket[finding.status] += 1
    provisions = sorted(by_provision, key=_provision_sort)
    groups = [g for g in GROUP_ORDER if g in set(group_of.values())]
    provision_rows = [
        {"provision": key,
         "counts": [by_provision[key][s] for s in STATUS_ORDER],
         "score": status_score(by_provision[key]),
         "groups": [status_score(by_provision_group[key].get(g, {})) for g in groups]}
        for key in provisions
    ]
    frequent = []
    for (question_key, crime_type), number in most_frequent_gaps(counts, limit=FREQUENT_GAPS):
        question = definition.question(question_key)
        frequent.append({
            "key": question_key, "label": question.label.get(lang),
            "crime_type": definition.crime_type(crime_type).label.get(lang) if crime_type
            else None, "articles": _articles(question), "gaps": number,
            "assessed": sum(counts[(question_key, crime_type)].all[s] for s in
                            (GapStatus.in_place, GapStatus.partly, GapStatus.gap))})
    shortfalls = [
        {"crime_type": definition.crime_type(row.crime_type).label.get(lang),
         "meets": row.meets, "below": row.below, "no_answer": row.no_answer,
         "share": round(100 * row.share_meeting, 1) if row.answered else None}
        for row in threshold_shortfalls(definition, findings)
        if row.answered or row.no_answer
    ]
    return {
        "paragraphs": {name: numbering.next() for name in
                       ("overview", "by_group", "frequent", "threshold")},
        "statuses": [s.value for s in STATUS_ORDER],
        "groups": groups,
        "provisions": provision_rows,
        "frequent": frequent,
        "threshold": shortfalls,
    }


def _provision_matrix(definition: Definition, respondents: Sequence[Respondent],
                      profiles: Mapping[str, GapProfile], labels: Mapping[str, str]
                      ) -> dict[str, Any]:
    """Rows: States (by group, then label); columns: provisions; cells: 0..1 score or None."""
    columns: set[str] = set()
    cells: dict[str, dict[str, dict[GapStatus, int]]] = {}
    for respondent in respondents:
        row = cells.setdefault(respondent.iso3, {})
        for finding in profiles[respondent.iso3].findings:
            key = _provision_key(finding)
            columns.add(key)
            row.setdefault(key, dict.fromkeys(GapStatus, 0))[finding.status] += 1
    ordered_columns = sorted(columns, key=_provision_sort)
    order = sorted(respondents, key=lambda r: (_group_rank(r.group), labels[r.iso3]))
    return {
        "columns": ordered_columns,
        "rows": [
            {"label": labels[r.iso3], "group": r.group or NO_GROUP,
             "cells": [status_score(cells[r.iso3].get(c, {})) for c in ordered_columns]}
            for r in order
        ],
    }


def _profile(definition: Definition, respondent: Respondent, profile: GapProfile, label: str,
             by_code: Mapping[str, StateEntry], snapshots: Sequence[SnapshotEntry], lang: str,
             options: ReportOptions) -> dict[str, Any]:
    snapshot = next(s for s in snapshots if s.iso3 == respondent.iso3)
    sections = []
    for section in definition.sections:
        items = [f for f in profile.findings if f.section_key == section.key]
        if not items:
            continue
        tally = dict.fromkeys(GapStatus, 0)
        for finding in items:
            tally[finding.status] += 1
        sections.append({"title": section.title.get(lang),
                         "counts": [tally[s] for s in STATUS_ORDER],
                         "score": status_score(tally)})
    gaps = []
    for finding in profile.with_status(GapStatus.gap)[:MAX_PROFILE_GAPS]:
        question = definition.question(finding.question_key)
        gaps.append({"label": question.label.get(lang), "articles": _articles(question),
                     "crime_type": definition.crime_type(finding.crime_type).label.get(lang)
                     if finding.crime_type else None})
    answers = respondent.answers
    view = answers.get(PROTOCOL_VIEW_KEY)
    view_question = definition.question(PROTOCOL_VIEW_KEY) \
        if definition.has_question(PROTOCOL_VIEW_KEY) else None
    needs_question = definition.question(TA_NEEDS_KEY) \
        if definition.has_question(TA_NEEDS_KEY) else None
    needs = answers.get(TA_NEEDS_KEY) or []
    return {
        "label": label,
        "name": None if options.anonymous else by_code[respondent.iso3].name(lang),
        "group": respondent.group or NO_GROUP,
        "party_status": respondent.party_status,
        # Annex I lists each State with its submission's number and date: in an anonymous
        # report, a profile carrying them would name its State.
        "submitted_at": None if options.anonymous else snapshot.submitted_at.isoformat(),
        "number": None if options.anonymous else snapshot.number,
        "accepted": None if options.anonymous else snapshot.accepted,
        "sha256": None if options.anonymous else snapshot.sha256,
        "counts": [profile.counts[s] for s in STATUS_ORDER],
        "score": profile.share_in_place if profile.assessed else None,
        "sections": sections,
        "gaps": gaps,
        "more_gaps": max(0, len(profile.with_status(GapStatus.gap)) - MAX_PROFILE_GAPS),
        "protocol_view": _option_label(view_question, view, lang),
        "assistance_needs": [_option_label(needs_question, value, lang) for value in needs],
    }


def _option_label(question: Question | None, value: Any, lang: str) -> str | None:
    if question is None or not isinstance(value, str):
        return None
    option = question.option(value)
    return option.label.get(lang) if option else value

