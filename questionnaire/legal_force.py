"""The legal force of a gap rule: its `basis`, the `provisions` it measures and its `rationale`.

Every gap rule of a definition declares them (docs/questionnaire-format.md, "Gap rules"):

    gap:
      basis: obligation            # obligation | optional | encouraged | good_practice
      provisions: ["UNTOC 10(1)", "UNTOC 10(2)"]
      rationale: {ar: ..., zh: ..., en: ..., es: ..., fr: ..., ru: ...}
      in_place_if_any: [criminal, civil, administrative]
      gap_if_only: [none]

Only an unmet `obligation` is a gap; any other shortfall is a measure not (yet) adopted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from questionnaire import provisions as known_provisions

if TYPE_CHECKING:
    from questionnaire.definition import Text


class Basis(StrEnum):
    """Why a measure is asked for, from the strongest to the weakest."""

    obligation = "obligation"
    """The Convention (or another instrument) says "shall"."""
    optional = "optional"
    """"Shall consider", "may", "shall endeavour", "where appropriate"."""
    encouraged = "encouraged"
    """Resolution 12/4 or the General Assembly encourages, urges or calls for it."""
    good_practice = "good_practice"
    """No instrument asks for it; recognized practice."""

    def __str__(self) -> str:
        return self.value


BASIS_ORDER: tuple[Basis, ...] = tuple(Basis)

LEGAL_FORCE_KEYS = ("basis", "provisions", "rationale")


@dataclass(frozen=True)
class LegalForce:
    """What a gap rule measures and with what force."""

    basis: Basis
    provisions: tuple[str, ...]
    """Known provision references, in the order the file gives them."""
    rationale: Text
    """One sentence per language: why an answer counts as what it counts as."""

    @property
    def binding(self) -> bool:
        """True when an unmet measure is a gap (an obligation), not a measure not adopted."""
        return self.basis is Basis.obligation


class _Checker(Protocol):
    """The part of the loader's builder used here (problems with lines, six-language texts)."""

    def problem(self, line: int | None, key: str | None, message: str) -> None: ...

    def text(self, parent: Any, name: str, key: str | None, what: str,
             required: bool = True) -> Text | None: ...


def _line(rule: Mapping[str, Any], name: str | None = None) -> int | None:
    """The line of `name` in the rule (of the rule itself when None), when the loader knows it."""
    if name is None:
        return getattr(rule, "line", None)
    line_of = getattr(rule, "line_of", None)
    return line_of(name) if line_of else None


def split_rule(rule: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the legal-force keys, the evaluation rule the field type checks and applies)."""
    legal = {name: rule[name] for name in LEGAL_FORCE_KEYS if name in rule}
    evaluation = {name: value for name, value in rule.items() if name not in LEGAL_FORCE_KEYS}
    return legal, evaluation


def read_legal_force(checker: _Checker, rule: Mapping[str, Any], key: str | None,
                     required: bool = True, line: int | None = None) -> LegalForce | None:
    """The rule's legal force, reporting each missing or wrong key with its line.

    With ``required=False`` (definitions published before rules declared their legal force) a
    rule without any of the three keys is accepted and gets None. ``line`` is the line of the
    rule's `gap:` (where a missing key is reported).
    """
    rule_line = line if line is not None else _line(rule)
    if not required and not any(name in rule for name in LEGAL_FORCE_KEYS):
        return None
    ok = True
    basis = rule.get("basis")
    if "basis" not in rule:
        checker.problem(rule_line, key, "gap rule is missing 'basis' (one of: "
                        + ", ".join(BASIS_ORDER) + ")")
        ok = False
    elif basis not in set(Basis):
        checker.problem(_line(rule, "basis"), key, f"gap rule basis {basis!r} is not one of: "
                        + ", ".join(BASIS_ORDER))
        ok = False
    refs = rule.get("provisions")
    if "provisions" not in rule:
        checker.problem(rule_line, key,
                        "gap rule is missing 'provisions' (e.g. [\"UNTOC 10(2)\"])")
        ok = False
    elif not isinstance(refs, list) or not refs:
        checker.problem(_line(rule, "provisions"), key,
                        "gap rule provisions must be a non-empty list such as [\"UNTOC 10(2)\"]")
        ok = False
    else:
        for ref in refs:
            if not isinstance(ref, str) or not known_provisions.is_known(ref):
                checker.problem(_line(rule, "provisions"), key,
                                f"gap rule names unknown provision {ref!r} (known: "
                                + ", ".join(known_provisions.known_instruments())
                                + " references; see questionnaire/provisions.yaml)")
                ok = False
        if len(set(map(str, refs))) != len(refs):
            checker.problem(_line(rule, "provisions"), key, "gap rule names a provision twice")
            ok = False
    if "rationale" not in rule:
        checker.problem(rule_line, key, "gap rule is missing 'rationale' (one sentence in each "
                        "of the six languages)")
        return None
    rationale = checker.text(rule, "rationale", key, "gap rule rationale")
    if rationale is None or rationale.missing():
        ok = False
    if not ok or rationale is None or not isinstance(basis, str) or not isinstance(refs, list):
        return None
    return LegalForce(Basis(basis), tuple(refs), rationale)
