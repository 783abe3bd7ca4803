"""The serious-crime benchmark by crime type, from the analysis's question findings.

General Assembly resolution 76/185 calls on States to make crimes that affect the environment
serious crimes (art. 2(b) of the Convention: a maximum of at least four years' deprivation of
liberty) "where appropriate": a benchmark, not an obligation. For each crime type, how many
respondents' maximum penalty meets it, is below it, or was not given. Counts of respondents,
never States by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from questionnaire.analysis.model import Analysis
from questionnaire.definition import Definition, Question


def uses_year_threshold(question: Question) -> bool:
    """Whether the question's rule compares a penalty with a number of years."""
    rule = question.gap or {}
    inner = rule.get("per_crime_type", rule)
    threshold = inner.get("threshold") if isinstance(inner, Mapping) else None
    return isinstance(threshold, Mapping) and "min_years" in threshold


@dataclass(frozen=True)
class BenchmarkRow:
    """One crime type: respondents whose maximum penalty meets the benchmark, falls below it
    (including "not a criminal offence"), or who gave no answer."""

    crime_type: str
    meets: int
    below: int
    no_answer: int

    @property
    def answered(self) -> int:
        return self.meets + self.below

    @property
    def share_meeting(self) -> float:
        """For the order of the rows only (crime types, never States)."""
        return self.meets / self.answered if self.answered else 0.0


def threshold_benchmark(definition: Definition, analyses: Iterable[Analysis]
                        ) -> list[BenchmarkRow]:
    """Crime types from the least to the most often meeting the benchmark, over ``analyses``
    (the parties' and the others': the General Assembly's call is made to all States).

    Questions whose rule is a ``min_years`` threshold count: a crime matrix's findings under
    their crime type, a plain penalty question under each of its ``crime_types`` tags. "Partly"
    (an offence only in part) and "not applicable" are left out, as before.
    """
    order = {crime_type.key: index for index, crime_type in enumerate(definition.crime_types)}
    keys = {q.key for q in definition.questions if uses_year_threshold(q)}
    tallies: dict[str, dict[str, int]] = {
        key: {"meets": 0, "below": 0, "no_answer": 0} for key in order}
    for analysis in analyses:
        for finding in analysis.questions:
            if finding.key not in keys:
                continue
            crime_types = ([finding.crime_type] if finding.crime_type
                           else definition.question(finding.key).crime_types)
            for crime_type in crime_types:
                tally = tallies.setdefault(crime_type, {"meets": 0, "below": 0,
                                                        "no_answer": 0})
                tally["meets"] += finding.counts.in_place
                tally["below"] += finding.counts.not_in_place
                tally["no_answer"] += finding.counts.no_answer
    rows = [BenchmarkRow(key, **tally) for key, tally in tallies.items()]
    rows.sort(key=lambda row: (row.share_meeting if row.answered else 2.0,
                               order.get(row.crime_type, len(order))))
    return rows
