"""Findings by provision and legal force, for the responding States of one questionnaire version.

Pure (no Flask, no database): the input is a loaded `Definition` and, per respondent, its answers
and whether it is measured (a party to the Convention); nothing names a State.

    findings = analyse(definition, [Respondent(answers, measured=True), ...])
    findings.measured.questions    # per question (per crime type for a matrix), with counts
    findings.measured.provisions   # per (provision, basis), in the expert group's mandate order
    findings.information           # the same for respondents that are not measured
    export_document(findings.measured, cycle=..., questionnaire=...)   # the JSON export

Counts are {in_place, partly, not_in_place, not_applicable, no_answer} and add up to the number
of respondents. Only an unmet `obligation` is a gap (`shortfall_term`); the classes are never
added into one score. See docs/questionnaire-format.md ("Gap rules") and docs/analysis.md.
"""

from questionnaire.analysis.benchmark import BenchmarkRow, threshold_benchmark, uses_year_threshold
from questionnaire.analysis.compare import Comparison, ProvisionChange, compare
from questionnaire.analysis.compute import analyse, combine_statuses
from questionnaire.analysis.export import export_document
from questionnaire.analysis.model import (
    STATUSES,
    Analysis,
    Counts,
    Findings,
    Mandate,
    ProvisionFinding,
    QuestionFinding,
    Respondent,
    Status,
    basis_term,
    mandate_of,
    shortfall_term,
)

__all__ = [
    "STATUSES", "Analysis", "BenchmarkRow", "Comparison", "Counts", "Findings", "Mandate",
    "ProvisionChange", "ProvisionFinding", "QuestionFinding", "Respondent", "Status", "analyse",
    "basis_term", "combine_statuses", "compare", "export_document", "mandate_of",
    "shortfall_term", "threshold_benchmark", "uses_year_threshold",
]
