"""Carrying answers from an older questionnaire version into a newer one.

A question of the newer version says under ``replaces`` which question(s) of an older version
it takes over, and how their values map; the newer version lists under ``dropped`` the older
questions it no longer asks, with the reason. ``VersionMap`` checks such a declaration against
both definitions and translates a set of older answers: what maps is returned under the newer
keys, and everything else is listed with its old value and the reason, so nothing is lost.

A newer version that declares nothing for an older one falls back to the plain rule: a key the
older ``maps_from`` renames takes the new name, and any other key keeps its name when the newer
version still asks it (keys are never reused).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from questionnaire.definition import Definition, Question, Text
from questionnaire.expressions import is_empty
from questionnaire.fields.base import field_type_for
from questionnaire.fields.crime_matrix import CrimeMatrixType
from questionnaire.i18n import Message, _

SPEC_KEYS = frozenset({"from", "values", "rows", "columns", "rule"})
RULES = {
    "join_text": "texts of the older questions joined, each under its question",
    "union": "options chosen in any of the older questions",
    "same_value": "carried only when every older answer is the same",
}


@dataclass(frozen=True)
class Replacement:
    """How one newer question takes over one or more older ones."""

    target: str
    sources: tuple[str, ...]
    values: Mapping[str, Any] | None = None
    """Old option value -> new value (a list for a multiple choice); unlisted values do not map."""
    rows: Mapping[str, tuple[str, ...]] | None = None
    """crime_matrix: old crime type -> new crime types (one old row may become several)."""
    columns: Mapping[str, str] | None = None
    """crime_matrix: old column -> new column (others keep their name)."""
    rule: str | None = None


@dataclass(frozen=True)
class Unmapped:
    """An older answer, or part of one, that the newer version did not take over."""

    old_key: str
    value: Any
    reason: Message
    target: str | None = None


@dataclass
class Carried:
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """New key -> the older keys its value came from."""
    unmapped: list[Unmapped] = field(default_factory=list)


class MappingError(ValueError):
    """The declaration does not fit the two definitions; ``problems`` say where."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def parse_spec(target: str, spec: Any) -> tuple[Replacement | None, list[str]]:
    """A ``replaces`` entry as a Replacement, or the problems with its shape."""
    if isinstance(spec, str):
        return Replacement(target, (spec,)), []
    if not isinstance(spec, Mapping):
        return None, ["replaces entry must be a question key or a mapping with 'from'"]
    problems = [f"unknown replaces key {k!r}" for k in spec if k not in SPEC_KEYS]
    sources = spec.get("from")
    sources = [sources] if isinstance(sources, str) else sources
    if not isinstance(sources, Sequence) or not sources or not all(
            isinstance(s, str) for s in sources):
        problems.append("replaces needs 'from': a question key or a list of keys")
        sources = []
    if len(set(sources)) != len(sources):
        problems.append("replaces 'from' names a question twice")
    rule = spec.get("rule")
    if rule is not None and rule not in RULES:
        problems.append(f"unknown replaces rule {rule!r} (known: {', '.join(RULES)})")
    if len(sources) > 1 and rule is None:
        problems.append(f"{' and '.join(sources)} are mapped onto one question without a rule: "
                        f"add 'rule' ({', '.join(RULES)})")
    values = spec.get("values")
    if values is not None and (not isinstance(values, Mapping) or not all(
            isinstance(v, str) or (isinstance(v, Sequence) and all(isinstance(i, str) for i in v))
            for v in values.values())):
        problems.append("replaces 'values' must map old values to a value or a list of values")
    rows = spec.get("rows")
    parsed_rows: dict[str, tuple[str, ...]] | None = None
    if rows is not None:
        if not isinstance(rows, Mapping):
            problems.append("replaces 'rows' must map old crime types to new ones")
        else:
            parsed_rows = {old: (new,) if isinstance(new, str) else tuple(new or ())
                           for old, new in rows.items()}
    columns = spec.get("columns")
    if columns is not None and (not isinstance(columns, Mapping) or not all(
            isinstance(v, str) for v in columns.values())):
        problems.append("replaces 'columns' must map old column keys to new ones")
    if problems:
        return None, problems
    return Replacement(target, tuple(sources), values, parsed_rows, columns, rule), []


def _text_of(question: Question, value: Any, lang: str) -> str:
    from questionnaire.fields.base import node_text

    return node_text(field_type_for(question).display(value, lang))


class VersionMap:
    """The way answers to ``source`` are carried into ``target``."""

    def __init__(self, source: Definition, target: Definition) -> None:
        self.source, self.target = source, target
        version = source.version
        self.replacements: list[Replacement] = []
        for question in target.questions:
            spec = (question.replaces or {}).get(version)
            if spec is not None:
                replacement, _problems = parse_spec(question.key, spec)
                if replacement is not None:  # the loader has reported shape problems already
                    self.replacements.append(replacement)
        self.dropped: Mapping[str, Text] = dict(target.dropped.get(version) or {})
        self.declared = bool(self.replacements or self.dropped)
        if not self.declared:
            renames = dict(target.maps_from.get(version) or {})
            for question in source.questions:
                new_key = renames.get(question.key, question.key)
                if target.has_question(new_key):
                    self.replacements.append(Replacement(new_key, (question.key,)))

    # ------------------------------------------------------------ checking

    def problems(self) -> list[str]:
        """Everything that does not fit: unknown keys, values, rows; older keys not covered."""
        problems: list[str] = []
        covered: dict[str, list[str]] = {}
        for rep in self.replacements:
            for old in rep.sources:
                if not self.source.has_question(old):
                    problems.append(f"{rep.target}: replaces unknown v{self.source.version} "
                                    f"question {old!r}")
                    continue
                covered.setdefault(old, []).append(rep.target)
                problems += self._check_values(rep, self.source.question(old))
        for old in self.dropped:
            if not self.source.has_question(old):
                problems.append(f"dropped names unknown v{self.source.version} question {old!r}")
            elif old in covered:
                problems.append(f"{old} is both dropped and replaced by {', '.join(covered[old])}")
        if self.declared:
            for question in self.source.questions:
                if question.key not in covered and question.key not in self.dropped:
                    problems.append(f"v{self.source.version} question {question.key} is neither "
                                    f"replaced nor dropped in v{self.target.version}")
        return problems

    def _check_values(self, rep: Replacement, old: Question) -> list[str]:
        new = self.target.question(rep.target)
        where = f"{rep.target} (from {old.key})"
        problems: list[str] = []
        if rep.values is not None:
            old_values = set(old.option_values) or set(_choice_values(old))
            new_values = set(new.option_values) or set(_choice_values(new))
            for before, after in rep.values.items():
                if before not in old_values:
                    problems.append(f"{where}: {before!r} is not a value of {old.key}")
                for value in [after] if isinstance(after, str) else after:
                    if value not in new_values:
                        problems.append(f"{where}: {value!r} is not a value of {rep.target}")
        if rep.rows is not None or rep.columns is not None:
            if not (isinstance(field_type_for(old), CrimeMatrixType)
                    and isinstance(field_type_for(new), CrimeMatrixType)):
                return [*problems, f"{where}: rows and columns map crime_matrix questions only"]
            old_rows = {c.key for c in _matrix_rows(old)}
            new_rows = {c.key for c in _matrix_rows(new)}
            targets: dict[str, str] = {}
            for before, afters in (rep.rows or {}).items():
                if before not in old_rows:
                    problems.append(f"{where}: {before!r} is not a crime type of {old.key}")
                for after in afters:
                    if after not in new_rows:
                        problems.append(f"{where}: {after!r} is not a crime type of {rep.target}")
                    elif after in targets and rep.rule is None:
                        problems.append(f"{where}: rows {targets[after]!r} and {before!r} are "
                                        f"mapped onto {after!r} without a rule")
                    targets.setdefault(after, before)
            new_columns = {key for key, _type in _matrix_columns(new)}
            for before, after in (rep.columns or {}).items():
                if before not in {key for key, _type in _matrix_columns(old)}:
                    problems.append(f"{where}: {before!r} is not a column of {old.key}")
                if after not in new_columns:
                    problems.append(f"{where}: {after!r} is not a column of {rep.target}")
        return problems

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise MappingError(problems)

    def question_text(self, old_key: str, value: Any, lang: str = "en") -> str:
        """An older answer in words, as its own version shows it."""
        if not self.source.has_question(old_key):
            return str(value)
        return _text_of(self.source.question(old_key), value, lang)

    # ------------------------------------------------------------ translating

    def translate(self, values: Mapping[str, Any], lang: str = "en") -> Carried:
        """The older ``values`` under the newer keys, and what did not map, with the reason.

        ``lang`` is the language of the headings put between texts that a rule joins."""
        carried = Carried()
        used: set[str] = set()
        covered = self._covered_values()
        for rep in self.replacements:
            present = [old for old in rep.sources if not is_empty(values.get(old))]
            if not present:
                continue
            used.update(present)
            new_value, lost = self._convert(rep, [(old, values[old]) for old in present], lang)
            carried.unmapped += [item for item in lost if not _taken_elsewhere(item, covered)]
            if not is_empty(new_value) and rep.target not in carried.values:
                carried.values[rep.target] = new_value
                carried.origins[rep.target] = tuple(present)
        for key in list(carried.values):
            question = self.target.question(key)
            if field_type_for(question).validate(carried.values[key], carried.values):
                del carried.values[key]
                carried.unmapped += [Unmapped(old, values[old], _(
                    "The answer is not valid for the question of version %(version)s.",
                    version=self.target.version), key) for old in carried.origins.pop(key)]
        for old, value in values.items():
            if old in used or is_empty(value):
                continue
            if old in self.dropped:
                reason = _("Version %(version)s no longer asks this question.",
                           version=self.target.version)
            elif self.source.has_question(old):
                reason = _("Version %(version)s has no question that takes this answer over.",
                           version=self.target.version)
            else:
                reason = _("Unknown question key “%(key)s”.", key=old)
            carried.unmapped.append(Unmapped(old, value, reason))
        unique: dict[tuple[str, str], Unmapped] = {}
        for item in carried.unmapped:  # a question split in two reports a lost value once
            unique.setdefault((item.old_key, repr(item.value)), item)
        carried.unmapped = list(unique.values())
        return carried

    def _covered_values(self) -> dict[str, set[str] | None]:
        """Old key -> the old option values some replacement maps (None: all of them)."""
        covered: dict[str, set[str] | None] = {}
        for rep in self.replacements:
            for old in rep.sources:
                if rep.rows is not None or rep.columns is not None:
                    continue
                if rep.values is None:
                    covered[old] = None
                elif covered.get(old, set()) is not None:
                    covered[old] = covered.get(old, set()) | set(rep.values)  # type: ignore[operator]
        return covered

    def _convert(self, rep: Replacement, answers: list[tuple[str, Any]],
                 lang: str) -> tuple[Any, list[Unmapped]]:
        lost: list[Unmapped] = []
        converted: list[tuple[str, Any]] = []
        for old, value in answers:
            if rep.rows is not None or rep.columns is not None:
                value, missing = self._convert_matrix(rep, old, value)
                lost += missing
            elif rep.values is not None:
                value, missing = _convert_choice(rep, old, value, self.target.version)
                lost += missing
            if not is_empty(value):
                converted.append((old, value))
        if not converted:
            return None, lost
        if len(rep.sources) == 1:
            return converted[0][1], lost
        return self._combine(rep, converted, lost, lang)

    def _combine(self, rep: Replacement, converted: list[tuple[str, Any]],
                 lost: list[Unmapped], lang: str) -> tuple[Any, list[Unmapped]]:
        if rep.rule == "join_text":
            def heading(old: str) -> str:
                return self.source.question(old).label.get(lang).rstrip(" .?:;。？：")
            parts = [f"{heading(old)}:\n{value}" if len(converted) > 1 else str(value)
                     for old, value in converted]
            return "\n\n".join(parts), lost
        if rep.rule == "union":
            merged: list[Any] = []
            for _old, value in converted:
                for item in value if isinstance(value, list) else [value]:
                    if item not in merged:
                        merged.append(item)
            return merged, lost
        first = converted[0][1]
        if all(value == first for _old, value in converted):
            return first, lost
        reason = _("The older answers differ, so none was chosen for the new question.")
        return None, lost + [Unmapped(old, value, reason, rep.target) for old, value in converted]

    def _convert_matrix(self, rep: Replacement, old: str,
                        value: Any) -> tuple[dict[str, Any] | None, list[Unmapped]]:
        if not isinstance(value, Mapping):
            return None, [Unmapped(old, value, _("The answer has an unexpected form."),
                                   rep.target)]
        new_columns = {key for key, _type in _matrix_columns(self.target.question(rep.target))}
        rows = rep.rows or {}
        columns = rep.columns or {}
        result: dict[str, dict[str, Any]] = {}
        lost: list[Unmapped] = []
        for row_key, row in value.items():
            targets = rows.get(row_key, (row_key,))
            targets = tuple(t for t in targets if t in {c.key for c in _matrix_rows(
                self.target.question(rep.target))})
            if not targets or not isinstance(row, Mapping):
                lost.append(Unmapped(old, {row_key: row}, _(
                    "This crime type has no row in version %(version)s.",
                    version=self.target.version), rep.target))
                continue
            cells: dict[str, Any] = {}
            left: dict[str, Any] = {}
            for column, cell in row.items():
                new_column = columns.get(column, column)
                if new_column in new_columns:
                    cells[new_column] = cell
                elif not is_empty(cell):
                    left[column] = cell
            if left:
                lost.append(Unmapped(old, {row_key: left}, _(
                    "This column has no place in version %(version)s.",
                    version=self.target.version), rep.target))
            for target in targets:
                if target in result and result[target] != cells:
                    lost.append(Unmapped(old, {row_key: row}, _(
                        "Two crime types of the earlier version differ in the merged row."),
                        rep.target))
                    continue
                result[target] = dict(cells)
        return result or None, lost


def _taken_elsewhere(item: Unmapped, covered: Mapping[str, set[str] | None]) -> bool:
    """A choice value that another replacement of the same old question carries is not lost."""
    if item.target is None or item.old_key not in covered:
        return False
    values = covered[item.old_key]
    if values is None:
        return True
    if isinstance(item.value, list):
        return bool(item.value) and all(v in values for v in item.value)
    return isinstance(item.value, str) and item.value in values


def _choice_values(question: Question) -> tuple[str, ...]:
    return field_type_for(question).fixed_values()


def _matrix_rows(question: Question) -> list[Any]:
    return list(field_type_for(question).crime_types())  # type: ignore[attr-defined]


def _matrix_columns(question: Question) -> list[tuple[str, Any]]:
    return list(field_type_for(question).columns())  # type: ignore[attr-defined]


def _convert_choice(rep: Replacement, old: str, value: Any,
                    version: str) -> tuple[Any, list[Unmapped]]:
    table = rep.values or {}
    reason = _("This answer has no equivalent in version %(version)s.", version=version)
    if isinstance(value, list):
        mapped: list[str] = []
        missing = []
        for item in value:
            if item in table:
                after = table[item]
                for new in [after] if isinstance(after, str) else after:
                    if new not in mapped:
                        mapped.append(new)
            else:
                missing.append(item)
        lost = [Unmapped(old, missing, reason, rep.target)] if missing else []
        return mapped or None, lost
    if isinstance(value, str) and value in table:
        after = table[value]
        return (after if isinstance(after, str) else list(after)), []
    return None, [Unmapped(old, value, reason, rep.target)]


def version_map(source: Definition, target: Definition) -> VersionMap:
    """The checked map from ``source`` to ``target``; MappingError when it does not fit."""
    mapping = VersionMap(source, target)
    mapping.check()
    return mapping
