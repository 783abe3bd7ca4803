"""The analysis's data: statuses, counts, findings per question and per provision."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from questionnaire.definition import Text
from questionnaire.gaps import GapStatus
from questionnaire.legal_force import Basis


class Status(StrEnum):
    """A respondent's status for one measure, as exported (`not_in_place` is the rules' `gap`)."""

    in_place = "in_place"
    partly = "partly"
    not_in_place = "not_in_place"
    not_applicable = "not_applicable"
    no_answer = "no_answer"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def of(cls, status: GapStatus) -> Status:
        return cls.not_in_place if status is GapStatus.gap else cls(status.value)


STATUSES: tuple[str, ...] = tuple(status.value for status in Status)


class Mandate(StrEnum):
    """The expert group's mandate (resolution 12/4, para. 5), in the order findings are listed."""

    stock_taking = "a"
    """(a) take stock of the application of the Convention: domestic implementation."""
    international_framework = "b"
    """(b) gaps in the international legal framework (kept apart from domestic obstacles)."""
    responses = "c"
    """(c) possible responses, including an additional protocol."""

    def __str__(self) -> str:
        return self.value


def mandate_of(provisions: Iterable[str]) -> Mandate:
    """(b) or (c) when a rule measures that subparagraph of OP5; otherwise (a) stock-taking."""
    refs = set(provisions)
    if "RES12/4 OP5(b)" in refs:
        return Mandate.international_framework
    if "RES12/4 OP5(c)" in refs:
        return Mandate.responses
    return Mandate.stock_taking


def shortfall_term(basis: Basis) -> str:
    """The vocabulary key naming an unmet measure: a gap only for an obligation."""
    return "gap_gap" if basis is Basis.obligation else "gap_not_adopted"


def basis_term(basis: Basis) -> str:
    """The vocabulary key naming a basis ("Obligation", "Optional measure", ...)."""
    return f"basis_{basis.value}"


@dataclass(frozen=True)
class Counts:
    """How many respondents are at each status; `total` is the number of respondents."""

    in_place: int = 0
    partly: int = 0
    not_in_place: int = 0
    not_applicable: int = 0
    no_answer: int = 0

    @classmethod
    def of(cls, statuses: Iterable[Status]) -> Counts:
        tally = dict.fromkeys(STATUSES, 0)
        for status in statuses:
            tally[str(status)] += 1
        return cls(**tally)

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in STATUSES}


@dataclass(frozen=True)
class QuestionFinding:
    """One question (one crime type of a crime matrix) across the respondents."""

    key: str
    crime_type: str | None
    basis: Basis
    provisions: tuple[str, ...]
    mandate: Mandate
    rationale: Text
    counts: Counts

    @property
    def shortfall_term(self) -> str:
        return shortfall_term(self.basis)


@dataclass(frozen=True)
class ProvisionFinding:
    """One provision measured with one basis: every question naming it, combined per respondent.

    A respondent is in place when every measure under the provision that it answered is in place,
    not in place when none of them is in place or partly, partly otherwise; no answer when it
    answered none of them; not applicable when none applies to it (`combine_statuses`).
    """

    provision: str
    basis: Basis
    mandate: Mandate
    questions: tuple[str, ...]
    counts: Counts

    @property
    def shortfall_term(self) -> str:
        return shortfall_term(self.basis)


@dataclass(frozen=True)
class Analysis:
    """The findings for one group of respondents of one questionnaire version."""

    questionnaire_id: str
    version: str
    respondents: int
    questions: tuple[QuestionFinding, ...]
    """In questionnaire order (crime types in the definition's order)."""
    provisions: tuple[ProvisionFinding, ...]
    """By mandate (a), (b), (c), then by provision, then by basis (obligation first)."""

    def provisions_for(self, mandate: Mandate) -> tuple[ProvisionFinding, ...]:
        return tuple(p for p in self.provisions if p.mandate is mandate)

    def questions_with(self, basis: Basis) -> tuple[QuestionFinding, ...]:
        return tuple(q for q in self.questions if q.basis is basis)


@dataclass(frozen=True)
class Findings:
    """Parties are measured; other respondents' answers are information, never gaps."""

    measured: Analysis
    information: Analysis


@dataclass(frozen=True)
class Respondent:
    """One respondent's answers (a submitted snapshot); no name, no code."""

    answers: Mapping[str, Any]
    measured: bool = True
    """False for a State not party to the Convention and for the European Union (whose
    declared competence is not recorded per provision): their answers are information."""
