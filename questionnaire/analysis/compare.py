"""Comparing a cycle with an earlier cycle of another questionnaire version, by provision.

Versions never mix silently: the earlier cycle's answers are carried into the later version
through its ``replaces`` declarations (``questionnaire.version_map``, the same translation as a
State's carry-forward), and both cycles are then evaluated by the later version's rules, on the
questions that replace an earlier one only. So a provision's counts in the two cycles come from
the same questions, the same rules and the same legal force; the comparison says which
questions it compared and which it could not. Counts of responding parties, never a State.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from questionnaire.analysis.compute import analyse
from questionnaire.analysis.model import Counts, Mandate, Respondent, shortfall_term
from questionnaire.definition import Definition
from questionnaire.legal_force import Basis
from questionnaire.version_map import VersionMap


@dataclass(frozen=True)
class ProvisionChange:
    """One provision and basis in both cycles, on the compared questions."""

    provision: str
    basis: Basis
    mandate: Mandate
    questions: tuple[str, ...]
    earlier: Counts
    later: Counts

    @property
    def shortfall_term(self) -> str:
        return shortfall_term(self.basis)


@dataclass(frozen=True)
class Comparison:
    """A later cycle beside an earlier one of another version; the parties' counts only."""

    earlier_version: str
    later_version: str
    earlier_respondents: int
    later_respondents: int
    compared: tuple[str, ...]
    """Questions of the later version, with a rule, that replace a question of the earlier one."""
    not_compared: tuple[str, ...]
    """Questions of the later version, with a rule, that replace none (new in that version)."""
    provisions: tuple[ProvisionChange, ...]
    """In the later analysis's order: by mandate, provision, basis."""

    def provisions_for(self, mandate: Mandate) -> tuple[ProvisionChange, ...]:
        return tuple(p for p in self.provisions if p.mandate is mandate)


def compared_questions(earlier: Definition, later: Definition) -> tuple[list[str], list[str]]:
    """(questions of ``later`` that replace one of ``earlier`` and carry a rule with its legal
    force, the other ruled questions of ``later``), in questionnaire order."""
    targets = {replacement.target for replacement in VersionMap(earlier, later).replacements
               if all(earlier.has_question(key) for key in replacement.sources)}
    ruled = [q.key for q in later.questions if q.gap is not None and q.legal_force is not None]
    return [k for k in ruled if k in targets], [k for k in ruled if k not in targets]


def compare(earlier: Definition, earlier_respondents: Iterable[Respondent],
            later: Definition, later_respondents: Sequence[Respondent]) -> Comparison:
    """The measured respondents of two cycles, by provision of ``later``, on the questions
    that replace a question of ``earlier`` (see the module docstring)."""
    if earlier.id != later.id or earlier.version == later.version:
        raise ValueError("a comparison needs two versions of one questionnaire")
    keys, others = compared_questions(earlier, later)
    mapping = VersionMap(earlier, later)
    carried = [Respondent(mapping.translate(r.answers).values, r.measured)
               for r in earlier_respondents]
    before = analyse(later, carried, keys).measured
    after = analyse(later, later_respondents, keys).measured
    earlier_counts = {(p.provision, p.basis): p.counts for p in before.provisions}
    changes = tuple(
        ProvisionChange(p.provision, p.basis, p.mandate, p.questions,
                        earlier_counts.get((p.provision, p.basis), Counts()), p.counts)
        for p in after.provisions)
    return Comparison(earlier.version, later.version, before.respondents, after.respondents,
                      tuple(keys), tuple(others), changes)
