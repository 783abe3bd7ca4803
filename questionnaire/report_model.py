"""The compiled report as plain data: built from a definition, snapshots and the State registry.

Pure and deterministic: the same inputs give the same dict (JSON-serialisable), so the renderer
can hash each part's inputs and reuse what it rendered before. Static wording lives in the
templates (translated there); this module supplies the numbers, the questionnaire's own text in
the report language, and State names (the anonymous report has none).

The document: I. introduction, II. methodology, III-V. findings in the order of the expert
group's mandate (resolution 12/4, OP5 (a), (b), (c)), VI. conclusions; annexes in the named
report only (the respondents, and what each State reported). Paragraphs are numbered through
the document. No score, rank, percentage or colour of a State or of a set of States.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from questionnaire.aggregate import Respondent, aggregate, ranked_choices
from questionnaire.analysis import Findings, Mandate, analyse, threshold_benchmark
from questionnaire.analysis import Respondent as Measured
from questionnaire.definition import Definition, Question
from questionnaire.l10n import sort_key
from questionnaire.numbering import question_numbers
from questionnaire.report.annexes import respondent_rows, state_summaries
from questionnaire.report.anonymity import Cell, merge_small_cells
from questionnaire.report.findings import FindingContext, finding
from questionnaire.report.inputs import (
    GROUP_ORDER,
    NO_GROUP,
    PARTY_ORDER,
    Numbering,
    ReportOptions,
    SnapshotEntry,
    StateEntry,
    group_rank,
)
from questionnaire.report.naming import state_names
from questionnaire.report.provisions import (
    provision_paragraphs,
    shared_tables,
    shortfalls,
    status_labels,
)

__all__ = ["GROUP_ORDER", "ReportOptions", "SnapshotEntry", "StateEntry", "build_report_model",
           "group_rank"]

#: Question topics left out of the findings: contact details of the national institutions.
EXCLUDED_TOPICS = frozenset({"general"})
PROTOCOL_VIEW_KEY = "op5.protocol.view"
TA_NEEDS_KEY = "ta.needs.areas"
CONCLUSION_ITEMS = 5
PROVISIONS_PER_PART = 12
MANDATES = {"findings_a": Mandate.stock_taking, "findings_b": Mandate.international_framework,
            "findings_c": Mandate.responses}

Predicate = Callable[[Question], bool]


def _in_paragraphs(*numbers: int) -> Predicate:
    return lambda question: bool(set(question.paragraphs) & set(numbers))


def _key_starts(*prefixes: str) -> Predicate:
    return lambda question: question.key.startswith(prefixes)


#: The findings in the order of the mandate (resolution 12/4, OP5): which questions feed each.
#: Technical assistance and funding (OP6, OP9) are part of the stock-taking.
FINDINGS: tuple[tuple[str, Predicate], ...] = (
    ("findings_a", lambda q: _in_paragraphs(1, 2, 3, 4, 6, 9)(q)
     or _key_starts("op5.stock.")(q)),
    ("findings_b", _key_starts("op5.gaps.")),
    ("findings_c", _key_starts("op5.protocol.", "op5.responses.")),
)


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
    numbering = Numbering()
    group_cells = _cells(Counter(r.group or NO_GROUP for r in respondents), GROUP_ORDER,
                         options)
    party_cells = _cells(Counter(r.party_status for r in respondents), PARTY_ORDER, options)
    chapters = [
        _introduction(definition, respondents, sorted(set(invited)), by_code, options,
                      numbering, group_cells, party_cells),
        _methodology(options, numbering, bool(respondents)),
    ]
    provisions: list[dict[str, Any]] = []
    if respondents:
        aggregates = aggregate(definition, respondents, lang)
        analysis = analyse(definition, [Measured(s.answers, by_code[s.iso3].measured)
                                        for s in ordered])
        provisions = [entry for mandate in Mandate
                      for entry in provision_paragraphs(definition, analysis.measured, mandate,
                                                        lang)]
        context = FindingContext(
            options=options, labels={r.iso3: by_code[r.iso3].name(lang) for r in respondents},
            languages={s.iso3: s.language for s in ordered},
            groups={r.iso3: r.group for r in respondents},
            group_cells=group_cells,
            names=state_names((name for state in states for name in state.names.values()),
                              (state.iso3 for state in states)),
            numbers=question_numbers(definition))
        for key, wanted in FINDINGS:
            questions = [q for q in definition.questions
                         if wanted(q) and q.topic not in EXCLUDED_TOPICS]
            sections = _implementation_sections(definition, analysis, MANDATES[key], lang,
                                                options.anonymous, numbering)
            chapter = _findings_chapter(key, definition, questions, aggregates, context,
                                        numbering, titled=key == "findings_a")
            chapter["sections"][:0] = sections
            chapters.append(chapter)
        chapters.append(_conclusions(definition, respondents, aggregates, analysis, lang,
                                     numbering))
    return {
        "lang": lang,
        "anonymous": options.anonymous,
        **options.front(),
        "cutoff": options.cutoff.isoformat() if options.cutoff else None,
        "accepted_only": options.accepted_only,
        "questionnaire": {"id": definition.id, "version": definition.version,
                          "title": definition.title.get(lang)},
        "respondent_count": len(respondents),
        "respondents": [] if options.anonymous else respondent_rows(ordered, by_code, lang),
        "chapters": chapters,
        "provisions": provisions,
        "status_labels": status_labels(lang),
        "states": [] if options.anonymous
        else state_summaries(definition, snapshots, states, lang),
    }


def _cells(counts: Counter[str], order: Sequence[str], options: ReportOptions) -> list[Cell]:
    """A breakdown's categories as published: pooled below three States in the anonymous
    report; every category in the named one."""
    if options.anonymous:
        return merge_small_cells(counts, order)
    present = [code for code in order if counts.get(code)]
    return [Cell((code,), counts[code]) for code in present]


def _cell_rows(cells: Sequence[Cell] | None, invited: Counter[str] | None = None
               ) -> list[dict[str, Any]]:
    return [{"codes": list(cell.codes), "pooled": cell.pooled, "responded": cell.count,
             "invited": sum(invited.get(code, 0) for code in cell.codes) if invited else None}
            for cell in cells or []]


def _introduction(definition: Definition, respondents: Sequence[Respondent],
                  invited: Sequence[str], by_code: dict[str, StateEntry],
                  options: ReportOptions, numbering: Numbering, group_cells: list[Cell],
                  party_cells: list[Cell]) -> dict[str, Any]:
    invited_groups = Counter((by_code[c].group if c in by_code else None) or NO_GROUP
                             for c in invited)
    paragraphs = [
        {"n": numbering.next(), "kind": "mandate"},
        {"n": numbering.next(), "kind": "questionnaire",
         "title": definition.title.get(options.lang), "version": definition.version,
         "sections": len(definition.sections), "questions": len(definition.questions)},
        {"n": numbering.next(), "kind": "respondents", "responded": len(respondents),
         "invited": len(invited), "groups": _cell_rows(group_cells, invited_groups),
         "parties": _cell_rows(party_cells),
         "pooled": any(cell.pooled for cell in [*group_cells, *party_cells]),
         "cutoff": options.cutoff.isoformat() if options.cutoff else None,
         "accepted_only": options.accepted_only, "anonymous": options.anonymous},
    ]
    return {"key": "introduction", "sections": [{"title": None, "paragraphs": paragraphs}]}


def _methodology(options: ReportOptions, numbering: Numbering, any_respondent: bool
                 ) -> dict[str, Any]:
    kinds = ["method", "bases", "limits"]
    if any_respondent:  # who is named, and where: nothing to say without respondents
        kinds.append("anonymity" if options.anonymous else "naming")
    return {"key": "methodology", "sections": [
        {"title": None, "paragraphs": [{"n": numbering.next(), "kind": kind}
                                       for kind in kinds]}]}


def _findings_chapter(key: str, definition: Definition, questions: Sequence[Question],
                      aggregates: dict[str, Any], context: FindingContext,
                      numbering: Numbering, titled: bool) -> dict[str, Any]:
    """The findings on ``questions``, section by section of the questionnaire (with the
    sections' titles when ``titled``: chapters IV and V draw on one section only)."""
    sections: list[dict[str, Any]] = []
    chosen_keys = {q.key for q in questions}
    for section in definition.sections:
        paragraphs = []
        for question in section.questions:
            if question.key not in chosen_keys:
                continue
            paragraph = finding(question, aggregates[question.key], context)
            if paragraph is not None:
                paragraph["n"] = numbering.next()
                paragraphs.append(paragraph)
        if paragraphs:
            sections.append({"key": section.key, "paragraphs": paragraphs,
                             "title": section.title.get(context.options.lang) if titled
                             else None})
    return {"key": key, "sections": sections}


def _implementation_sections(definition: Definition, analysis: Findings, mandate: Mandate,
                             lang: str, anonymous: bool,
                             numbering: Numbering) -> list[dict[str, Any]]:
    """Implementation by provision for ``mandate``: the parties' counts, then the other
    respondents' as information; in (a), the serious-crime benchmark by crime type."""
    measured = provision_paragraphs(definition, analysis.measured, mandate, lang)
    # The anonymous version leaves the non-parties' answers out: often one or two of them,
    # each recognisable (the only signatory, the European Union).
    information = [] if anonymous else provision_paragraphs(definition, analysis.information,
                                                             mandate, lang)
    if not measured and not information:
        return []
    paragraphs: list[dict[str, Any]] = [
        {"n": numbering.next(), "kind": "provisions_intro",
         "respondents": analysis.measured.respondents,
         "information": 0 if anonymous else analysis.information.respondents}]
    paragraphs += [{"n": numbering.next(), "kind": "provision", "information": False, **entry}
                   for entry in shared_tables(measured)]
    if information:
        paragraphs.append({"n": numbering.next(), "kind": "information_intro",
                           "respondents": analysis.information.respondents})
        paragraphs += [{"n": numbering.next(), "kind": "provision", "information": True,
                        **entry} for entry in shared_tables(information)]
    if mandate is not Mandate.stock_taking:
        return [{"key": "implementation", "title": None, "heading": "implementation",
                 "paragraphs": paragraphs}]
    threshold = [
        {"crime_type": definition.crime_type(row.crime_type).label.get(lang),
         "meets": row.meets, "below": row.below, "no_answer": row.no_answer}
        for row in threshold_benchmark(definition, (analysis.measured, analysis.information))
        if row.answered or row.no_answer
    ]
    if threshold:
        paragraphs.append({"n": numbering.next(), "kind": "threshold", "rows": threshold})
    # Cut into runs, each rendered as a part of its own (the heading on the first).
    runs = [paragraphs[start:start + PROVISIONS_PER_PART]
            for start in range(0, len(paragraphs), PROVISIONS_PER_PART)]
    return [{"key": "implementation", "title": None, "paragraphs": run,
             **({"heading": "implementation"} if index == 0 else {})}
            for index, run in enumerate(runs)]


def _conclusions(definition: Definition, respondents: Sequence[Respondent],
                 aggregates: dict[str, Any], analysis: Findings, lang: str,
                 numbering: Numbering) -> dict[str, Any]:
    """Drawn from the numbers, for the expert group's consideration: the obligations most
    often reported unmet, the other measures most often not yet adopted, the views on a
    protocol and the assistance most often sought. Provisions, never States."""
    paragraphs: list[dict[str, Any]] = [
        {"n": numbering.next(), "kind": "conclusion_response",
         "responded": len(respondents)}]
    gaps = shortfalls(definition, analysis.measured, True, lang, CONCLUSION_ITEMS)
    others = shortfalls(definition, analysis.measured, False, lang, CONCLUSION_ITEMS)
    paragraphs.append({"n": numbering.next(), "kind": "conclusion_gaps", "items": gaps})
    paragraphs.append({"n": numbering.next(), "kind": "conclusion_not_adopted",
                       "items": others})
    for kind, key in (("conclusion_protocol", PROTOCOL_VIEW_KEY),
                      ("conclusion_assistance", TA_NEEDS_KEY)):
        item = aggregates.get(key)
        if item is None or item.summary.get("kind") != "choices" or not item.answered:
            continue
        rows = [{"label": row["label"], "count": row["count"]}
                for row in ranked_choices(item.summary) if row["count"]][:CONCLUSION_ITEMS]
        paragraphs.append({"n": numbering.next(), "kind": kind, "answered": item.answered,
                           "rows": rows})
    paragraphs.append({"n": numbering.next(), "kind": "conclusion_consider"})
    return {"key": "conclusions", "sections": [{"title": None, "paragraphs": paragraphs}]}
