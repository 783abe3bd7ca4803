"""Importing a file exported from an older questionnaire version into a newer cycle.

The file is read with its own version's definition, then its answers go through the same
``questionnaire.version_map`` as carry-forward. What maps becomes an ordinary import (checked by
``plan_import``); what does not is reported with the old value and the reason. A key the older
version does not know is a refusal, like any unknown key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from questionnaire.definition import Definition
from questionnaire.i18n import _
from questionnaire.version_map import Carried, MappingError, version_map
from services.definitions import definition_of, find_version
from services.transfer import ImportProblem, ParsedImport, parse_import


@dataclass
class VersionedImport:
    """A parsed file under the target's keys; ``carried`` is set when it came from an older
    version (with what did not map), ``problems`` when the file cannot be mapped at all."""

    parsed: ParsedImport
    source: Definition | None = None
    carried: Carried | None = None
    problems: list[ImportProblem] = field(default_factory=list)


def older_definition(parsed: ParsedImport, target: Definition) -> Definition | None:
    """The published definition the file was exported from, when it is another version of the
    target's questionnaire; None when the file is for the target's own version (or says
    nothing, or names another questionnaire: ``plan_import`` refuses those)."""
    questionnaire, version = parsed.facts.get("questionnaire"), parsed.facts.get("version")
    if questionnaire != target.id or version in (None, target.version):
        return None
    stored = find_version(questionnaire, version)
    return definition_of(stored) if stored is not None else None


def read_for(filename: str, data: bytes, target: Definition, lang: str = "en") -> VersionedImport:
    """Parse ``data`` for a response on ``target``, mapping an older version's answers."""
    parsed = parse_import(filename, data, target)
    source = older_definition(parsed, target)
    if source is None:
        return VersionedImport(parsed)
    try:
        mapping = version_map(source, target)
    except MappingError as error:
        return VersionedImport(parsed, source, problems=[ImportProblem("", "version", _(
            "Answers of version %(old)s cannot be carried into version %(new)s: %(why)s",
            old=source.version, new=target.version, why="; ".join(error.problems)))])
    parsed = parse_import(filename, data, source)
    carried = mapping.translate(parsed.values, lang)
    problems = list(parsed.problems)
    for item in carried.unmapped:
        if not source.has_question(item.old_key):
            sheet, cell = parsed.location(item.old_key)
            problems.append(ImportProblem(sheet, cell, _(
                "Unknown question key “%(key)s”: version %(version)s has no such question, so "
                "it cannot be mapped.", key=item.old_key, version=source.version)))
    mapped = ParsedImport(
        parsed.kind, facts={**parsed.facts, "version": target.version},
        values=dict(carried.values),
        locations={key: parsed.location(origins[0])
                   for key, origins in carried.origins.items()},
        problems=problems)
    carried.unmapped = [item for item in carried.unmapped if source.has_question(item.old_key)]
    return VersionedImport(mapped, source, carried)
