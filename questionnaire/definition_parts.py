"""The definition's top-level parts besides its sections: crime types, paragraphs of the
resolution, named option lists, and what earlier versions' questions became (maps_from,
dropped)."""

from __future__ import annotations

from questionnaire.definition import CrimeType, Option, Paragraph, Text
from questionnaire.definition_reader import (
    CRIME_TYPE_KEYS,
    NAME_RE,
    PARAGRAPH_KEYS,
    PARAGRAPH_NUMBERS,
    DefinitionReader,
)
from questionnaire.fields.base import RESERVED_FORM_NAMES
from questionnaire.yaml_lines import YamlMap


class PartsReader(DefinitionReader):
    """Reads the top-level parts; `option_lists` and `crime_types` serve the questions later."""

    def __init__(self, filename: str) -> None:
        super().__init__(filename)
        self.option_lists: dict[str, tuple[Option, ...]] = {}
        self.crime_types: tuple[CrimeType, ...] = ()
        self.paragraph_lines: dict[int, int] = {}

    def build_crime_types(self, root: YamlMap) -> tuple[CrimeType, ...]:
        if "crime_types" not in root:
            return ()
        items = self.sequence(root["crime_types"], root.line_of("crime_types"), None,
                              "crime_types") or []
        crime_types = []
        seen: set[str] = set()
        for item in items:
            entry = self.mapping(item, root.line_of("crime_types"), None, "a crime type")
            if entry is None:
                continue
            self.check_keys(entry, CRIME_TYPE_KEYS, ("key", "label"), None, "crime type")
            key = entry.get("key")
            if not isinstance(key, str) or not NAME_RE.fullmatch(key):
                self.problem(entry.line_of("key"), None,
                             f"crime type key {key!r} must match [a-z0-9_]+")
                continue
            if key in seen or key in RESERVED_FORM_NAMES:
                self.problem(entry.line_of("key"), key, f"duplicate or reserved crime type {key!r}")
            seen.add(key)
            label = self.text(entry, "label", key, f"label of crime type {key!r}")
            crime_types.append(CrimeType(key, label or Text()))
        return tuple(crime_types)

    def build_paragraphs(self, root: YamlMap) -> list[Paragraph]:
        line = root.line_of("paragraphs")
        items = self.sequence(root.get("paragraphs"), line, None, "paragraphs") or []
        paragraphs: dict[int, Paragraph] = {}
        for item in items:
            entry = self.mapping(item, line, None, "a paragraph")
            if entry is None:
                continue
            self.check_keys(entry, PARAGRAPH_KEYS, ("number", "title"), None, "paragraph")
            number = entry.get("number")
            if not isinstance(number, int) or isinstance(number, bool) or (
                number not in PARAGRAPH_NUMBERS
            ):
                self.problem(entry.line_of("number"), None,
                             f"paragraph number {number!r} must be from 1 to 9")
                continue
            if number in paragraphs:
                self.problem(entry.line_of("number"), None, f"paragraph {number} declared twice")
            title = self.text(entry, "title", None, f"title of paragraph {number}")
            no_questions = self.text(
                entry, "no_questions", None, f"no_questions of paragraph {number}", required=False
            )
            paragraphs[number] = Paragraph(number, title or Text(), no_questions)
            self.paragraph_lines[number] = entry.line
        if "paragraphs" in root:
            for number in PARAGRAPH_NUMBERS:
                if number not in paragraphs:
                    self.problem(line, None, f"paragraph {number} is not declared")
        return list(paragraphs.values())

    def build_option_lists(self, root: YamlMap) -> None:
        if "option_lists" not in root:
            return
        lists = self.mapping(root["option_lists"], root.line_of("option_lists"), None,
                             "option_lists")
        if lists is None:
            return
        for name, items in lists.items():
            if not isinstance(name, str) or not NAME_RE.fullmatch(name):
                self.problem(lists.line_of(name), None,
                             f"option list name {name!r} must match [a-z0-9_]+")
                continue
            self.option_lists[name] = self.options(
                items, lists.line_of(name), None, f"option list {name!r}"
            )

    def build_maps_from(self, root: YamlMap, keys: set[str]) -> dict[str, dict[str, str]]:
        if "maps_from" not in root or root["maps_from"] is None:
            return {}
        versions = self.mapping(root["maps_from"], root.line_of("maps_from"), None, "maps_from")
        if versions is None:
            return {}
        result: dict[str, dict[str, str]] = {}
        for version, mapping in versions.items():
            entries = self.mapping(mapping, versions.line_of(version), None,
                                   f"maps_from {version!r}")
            if entries is None:
                continue
            result[str(version)] = {}
            for old, new in entries.items():
                if not isinstance(old, str) or not isinstance(new, str):
                    self.problem(entries.line_of(old), None, "maps_from entries must be text")
                elif new not in keys:
                    self.problem(entries.line_of(old), old,
                                 f"maps_from points to unknown question {new!r}")
                else:
                    result[str(version)][old] = new
        return result

    def build_dropped(self, root: YamlMap) -> dict[str, dict[str, Text]]:
        """`dropped: {older_version: {old_key: reason text}}`: older questions no longer asked."""
        if root.get("dropped") is None:
            return {}
        versions = self.mapping(root["dropped"], root.line_of("dropped"), None, "dropped")
        result: dict[str, dict[str, Text]] = {}
        if versions is None:
            return result
        for version, value in versions.items():
            entries = self.mapping(value, versions.line_of(version), None,
                                   f"dropped {version!r}")
            result[str(version)] = {}
            if entries is None:
                continue
            for old in entries:
                reason = self.text(entries, old, old, "dropped reason")
                if reason is not None:
                    result[str(version)][old] = reason
        return result
