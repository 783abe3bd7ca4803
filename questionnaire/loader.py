"""Load and validate a questionnaire definition file (see docs/questionnaire-format.md).

The whole file is checked before a Definition is built; every problem is reported with file,
line and question key, and a file with any problem raises DefinitionError instead of loading.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from questionnaire import LANGUAGES
from questionnaire.definition import (
    CrimeType,
    Definition,
    Option,
    Paragraph,
    Question,
    Section,
    Text,
    freeze,
)
from questionnaire.expressions import ExpressionError, parse, references, uses_self
from questionnaire.fields import FIELD_TYPES, field_name, field_type_for
from questionnaire.fields.base import RESERVED_FORM_NAMES
from questionnaire.version_map import parse_spec

PARAGRAPH_NUMBERS = range(1, 10)
TOPICS = (
    "general", "legislation", "enforcement", "cooperation", "capacity",
    "victims", "proceeds", "remediation", "expert_group", "assistance",
)
MAX_FILE_BYTES = 5 * 1024 * 1024

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
NAME_RE = re.compile(r"[a-z0-9_]+")
QUESTION_KEY_RE = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*")

TOP_KEYS = frozenset({
    "id", "version", "published", "title", "description", "crime_types", "paragraphs",
    "option_lists", "maps_from", "dropped", "sections",
})
TOP_REQUIRED = ("id", "version", "title", "paragraphs", "sections")
SECTION_KEYS = frozenset({"key", "title", "intro", "paragraphs", "questions"})
SECTION_REQUIRED = ("key", "title", "paragraphs", "questions")
QUESTION_KEYS = frozenset({
    "key", "type", "label", "help", "required", "relevant", "constraint",
    "constraint_message", "tags", "options", "settings", "gap", "replaces",
})
QUESTION_REQUIRED = ("key", "type", "label", "tags", "gap")
TAG_KEYS = frozenset({"paragraphs", "articles", "crime_types", "topic"})
PARAGRAPH_KEYS = frozenset({"number", "title", "no_questions"})
OPTION_KEYS = frozenset({"value", "label"})
CRIME_TYPE_KEYS = frozenset({"key", "label"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition file."""

    file: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: [{self.key}] {self.message}" if self.key else f"{where}: {self.message}"


class DefinitionError(Exception):
    """A definition file with problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(problem) for problem in self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(lines + (f"\n... and {more} more" if more > 0 else ""))


@dataclass(frozen=True)
class ValidationReport:
    ok: bool
    problems: list[Problem]
    summary: str
    definition: Definition | None = None


# --------------------------------------------------------------------------- YAML with lines


class YamlMap(dict):
    """A mapping read from YAML that remembers where it and each of its keys start (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader recording mapping lines, duplicate keys and alias use."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, int]] = []
        self.aliases: list[int] = []

    def reused(self, node: yaml.Node) -> bool:
        """True when `node` was built before: it is reached again through an alias."""
        return node in self.constructed_objects or node in self.recursive_objects


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[YamlMap]:
    data = YamlMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | date) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark
            )
        line = key_node.start_mark.line + 1
        if key in data:
            loader.duplicates.append((key, line))
        if loader.reused(value_node):
            loader.aliases.append(line)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[list[Any]]:
    data: list[Any] = []
    yield data
    for item in node.value:
        if loader.reused(item):
            # An alias node carries its anchor's position; the list's own line is closer.
            loader.aliases.append(node.start_mark.line + 1)
        data.append(loader.construct_object(item, deep=True))


# YAML 1.2 booleans only: `yes`, `no`, `on` and `off` stay text, since they are answer values.
_LineLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


# --------------------------------------------------------------------------- building


def _type_name(value: Any) -> str:
    return {
        YamlMap: "a mapping", dict: "a mapping", list: "a list", str: "text", int: "a number",
        float: "a number", bool: "true/false", type(None): "empty",
    }.get(type(value), type(value).__name__)


class _Builder:
    """Checks a parsed definition and builds it; collects every problem on the way."""

    def __init__(self, text: str, filename: str) -> None:
        self.source_text = text
        self.filename = filename
        self.problems: list[Problem] = []
        self.option_lists: dict[str, tuple[Option, ...]] = {}
        self.crime_types: tuple[CrimeType, ...] = ()
        self.question_lines: dict[str, int] = {}
        self.field_names: dict[str, str] = {}
        self._paragraph_lines: dict[int, int] = {}
        self.served: set[int] = set()
        """Paragraphs named by any question's tags, even one that failed to build."""

    # ---------------------------------------------------------------- helpers

    def problem(self, line: int | None, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.filename, line, key, message))

    def check_keys(
        self, mapping: YamlMap, allowed: frozenset[str], required: tuple[str, ...],
        key: str | None, what: str,
    ) -> None:
        for name in mapping:
            if name not in allowed:
                self.problem(mapping.line_of(name), key, f"unknown key {name!r} in {what}")
        for name in required:
            if name not in mapping:
                self.problem(mapping.line, key, f"{what} is missing required key {name!r}")

    def mapping(self, value: Any, line: int, key: str | None, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.problem(line, key, f"{what} must be a mapping, not {_type_name(value)}")
        return None

    def sequence(self, value: Any, line: int, key: str | None, what: str) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.problem(line, key, f"{what} must be a list, not {_type_name(value)}")
        return None

    def text(
        self, parent: YamlMap, name: str, key: str | None, what: str, required: bool = True
    ) -> Text | None:
        """The six-language text `parent[name]`, checked."""
        line = parent.line_of(name)
        if name not in parent or parent[name] is None:
            if required:
                self.problem(line, key, f"{what} is missing")
            return None
        raw = self.mapping(parent[name], line, key, f"{what}")
        if raw is None:
            return None
        for lang in raw:
            if lang not in LANGUAGES:
                self.problem(raw.line_of(lang), key, f"{what} has unknown language {lang!r}")
        texts = {lang: value for lang, value in raw.items() if isinstance(value, str)}
        for lang, value in raw.items():
            if lang in LANGUAGES and value is not None and not isinstance(value, str):
                self.problem(raw.line_of(lang), key, f"{what} in {lang!r} must be text")
        text = Text({lang: texts[lang] for lang in LANGUAGES if lang in texts})
        missing = text.missing()
        if missing:
            self.problem(line, key, f"{what} is missing or empty in: {', '.join(missing)}")
        return text

    def options(self, raw: Any, line: int, key: str | None, what: str) -> tuple[Option, ...]:
        items = self.sequence(raw, line, key, what)
        if items is None:
            return ()
        options: list[Option] = []
        seen: set[str] = set()
        for item in items:
            option = self.mapping(item, line, key, f"an option of {what}")
            if option is None:
                continue
            self.check_keys(option, OPTION_KEYS, ("value", "label"), key, "option")
            value = option.get("value")
            if not isinstance(value, str) or not NAME_RE.fullmatch(value):
                self.problem(option.line_of("value"), key,
                             f"option value {value!r} must match [a-z0-9_]+")
                continue
            if value in seen:
                self.problem(option.line_of("value"), key, f"duplicate option value {value!r}")
            seen.add(value)
            label = self.text(option, "label", key, f"label of option {value!r}")
            options.append(Option(value, label or Text()))
        if not items:
            self.problem(line, key, f"{what} is empty")
        return tuple(options)

    def int_list(
        self, parent: YamlMap, name: str, key: str | None, what: str, allowed: range
    ) -> tuple[int, ...]:
        line = parent.line_of(name)
        items = self.sequence(parent.get(name), line, key, what)
        if items is None:
            return ()
        if not items:
            self.problem(line, key, f"{what} must not be empty")
        numbers = []
        for item in items:
            if not isinstance(item, int) or isinstance(item, bool) or item not in allowed:
                self.problem(line, key, f"{what}: {item!r} is not a paragraph number "
                                        f"from {allowed.start} to {allowed.stop - 1}")
            else:
                numbers.append(item)
        return tuple(numbers)

    # ---------------------------------------------------------------- top level

    def build(self) -> Definition | None:
        root = self.parse_yaml()
        if root is None:
            return None
        self.check_keys(root, TOP_KEYS, TOP_REQUIRED, None, "the definition")
        definition_id = root.get("id")
        if not isinstance(definition_id, str) or not ID_RE.fullmatch(definition_id):
            self.problem(root.line_of("id"), None, "id must be text matching [a-z0-9-]+")
        version = root.get("version")
        if isinstance(version, int) and not isinstance(version, bool):
            version = str(version)
        if not isinstance(version, str) or not version.strip():
            self.problem(root.line_of("version"), None, "version must be text, e.g. \"1\"")
        published = root.get("published")
        if isinstance(published, str):
            try:
                published = date.fromisoformat(published)
            except ValueError:
                published = None
                self.problem(root.line_of("published"), None, "published must be a date")
        elif published is not None and not isinstance(published, date):
            self.problem(root.line_of("published"), None, "published must be a date")
            published = None
        title = self.text(root, "title", None, "title")
        description = self.text(root, "description", None, "description", required=False)
        self.crime_types = self.build_crime_types(root)
        paragraphs = self.build_paragraphs(root)
        self.build_option_lists(root)
        sections = self.build_sections(root, {p.number for p in paragraphs})
        questions = [q for section in sections for q in section.questions]
        order = self.check_conditions(questions)
        self.check_coverage(paragraphs)
        maps_from = self.build_maps_from(root, {q.key for q in questions})
        dropped = self.build_dropped(root)
        if self.problems:
            return None
        return Definition(
            id=definition_id, version=version, title=title or Text(),
            sections=tuple(sections), paragraphs=tuple(sorted(paragraphs, key=lambda p: p.number)),
            crime_types=self.crime_types, description=description, published=published,
            maps_from=freeze(maps_from), dropped=freeze(dropped),
            content_hash=hashlib.sha256(self.text_bytes()).hexdigest(),
            source=self.filename, relevance_order=tuple(order),
        )

    def text_bytes(self) -> bytes:
        return self.source_text.encode("utf-8")

    def parse_yaml(self) -> YamlMap | None:
        if not self.source_text.strip():
            self.problem(1, None, "the file is empty")
            return None
        loader = _LineLoader(self.source_text)
        try:
            root = loader.get_single_data()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            self.problem(line, None, f"malformed YAML: {error.problem or error}")
            return None
        except yaml.YAMLError as error:
            self.problem(None, None, f"malformed YAML: {error}")
            return None
        finally:
            loader.dispose()
        for key, line in loader.duplicates:
            self.problem(line, None, f"duplicate mapping key {key!r}")
        for line in loader.aliases:
            self.problem(line, None, "YAML aliases (*name) are not allowed")
        if root is None:
            self.problem(1, None, "the file is empty")
            return None
        if not isinstance(root, YamlMap):
            self.problem(1, None, "the definition must be a mapping at the top level")
            return None
        if loader.duplicates or loader.aliases:
            return None
        return root

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
            self._paragraph_lines[number] = entry.line
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
        for version, entries in (versions or {}).items():
            entries = self.mapping(entries, versions.line_of(version), None,
                                   f"dropped {version!r}")
            result[str(version)] = {}
            for old in entries or {}:
                reason = self.text(entries, old, old, "dropped reason")
                if reason is not None:
                    result[str(version)][old] = reason
        return result

    def build_replaces(self, entry: YamlMap, key: str | None) -> dict[str, Any]:
        """`replaces: {older_version: spec}` of a question (see questionnaire/version_map.py)."""
        if entry.get("replaces") is None:
            return {}
        versions = self.mapping(entry["replaces"], entry.line_of("replaces"), key, "replaces")
        result: dict[str, Any] = {}
        for version, spec in (versions or {}).items():
            _replacement, problems = parse_spec(key or "", spec)
            for message in problems:
                self.problem(versions.line_of(version), key, message)
            if not problems:
                result[str(version)] = spec
        return result

    # ---------------------------------------------------------------- sections

    def build_sections(self, root: YamlMap, declared: set[int]) -> list[Section]:
        line = root.line_of("sections")
        items = self.sequence(root.get("sections"), line, None, "sections") or []
        if "sections" in root and not items:
            self.problem(line, None, "sections must not be empty")
        sections = []
        seen: dict[str, int] = {}
        for item in items:
            entry = self.mapping(item, line, None, "a section")
            if entry is None:
                continue
            key = entry.get("key")
            if not isinstance(key, str) or not NAME_RE.fullmatch(key):
                self.problem(entry.line_of("key"), None,
                             f"section key {key!r} must match [a-z0-9_]+")
                key = None
            elif key in seen:
                self.problem(entry.line_of("key"), key,
                             f"duplicate section key {key!r} (first on line {seen[key]})")
            else:
                seen[key] = entry.line_of("key")
            self.check_keys(entry, SECTION_KEYS, SECTION_REQUIRED, key, "section")
            title = self.text(entry, "title", key, "section title")
            intro = self.text(entry, "intro", key, "section intro", required=False)
            paragraphs = self.int_list(entry, "paragraphs", key, "section paragraphs",
                                       PARAGRAPH_NUMBERS) if "paragraphs" in entry else ()
            questions_raw = self.sequence(entry.get("questions"), entry.line_of("questions"), key,
                                          "questions") if "questions" in entry else []
            if "questions" in entry and questions_raw == []:
                self.problem(entry.line_of("questions"), key, "section has no questions")
            questions = []
            for raw in questions_raw or []:
                question = self.build_question(raw, key or "", entry.line_of("questions"))
                if question is not None:
                    questions.append(question)
            sections.append(Section(
                key=key or "", title=title or Text(), paragraphs=paragraphs,
                questions=tuple(questions), intro=intro, line=entry.line,
            ))
        return sections

    # ---------------------------------------------------------------- questions

    def build_question(self, raw: Any, section_key: str, line: int) -> Question | None:
        entry = self.mapping(raw, line, None, "a question")
        if entry is None:
            return None
        key = entry.get("key")
        duplicate = False
        if not isinstance(key, str) or not QUESTION_KEY_RE.fullmatch(key):
            self.problem(entry.line_of("key"), None,
                         f"question key {key!r} must match [a-z0-9_]+(.[a-z0-9_]+)*")
            key = None
        elif key in self.question_lines:
            first = self.question_lines[key]
            self.problem(entry.line_of("key"), key,
                         f"duplicate question key {key!r} (first on line {first})")
            duplicate = True
        else:
            self.question_lines[key] = entry.line_of("key")
            name = field_name(key)
            if name in RESERVED_FORM_NAMES or name in self.field_names:
                self.problem(entry.line_of("key"), key,
                             f"key {key!r} gives form field name {name!r}, which is reserved "
                             "or already taken")
            self.field_names[name] = key
        self.check_keys(entry, QUESTION_KEYS, QUESTION_REQUIRED, key, "question")
        type_name = entry.get("type")
        field_class = FIELD_TYPES.get(type_name) if isinstance(type_name, str) else None
        if "type" in entry and field_class is None:
            known = ", ".join(sorted(FIELD_TYPES))
            self.problem(entry.line_of("type"), key,
                         f"unknown type {type_name!r} (known: {known})")
        label = self.text(entry, "label", key, "label")
        help_text = self.text(entry, "help", key, "help", required=False)
        required = entry.get("required", False)
        if not isinstance(required, bool):
            self.problem(entry.line_of("required"), key, "required must be true or false")
            required = False
        tags = self.build_tags(entry, key)
        options = self.question_options(entry, key)
        settings_raw = entry.get("settings")
        settings = (
            {} if settings_raw is None
            else self.mapping(settings_raw, entry.line_of("settings"), key, "settings")
        )
        gap = self.gap_rule(entry, key)
        replaces = self.build_replaces(entry, key)
        relevant, relevant_expr = self.condition(entry, "relevant", key)
        constraint, constraint_expr = self.condition(entry, "constraint", key)
        if relevant_expr is not None and uses_self(relevant_expr):
            self.problem(entry.line_of("relevant"), key,
                         "relevant cannot use '.'; it is only for constraints")
        constraint_message = self.text(entry, "constraint_message", key, "constraint_message",
                                       required=False)
        if "constraint" in entry and "constraint_message" not in entry:
            self.problem(entry.line_of("constraint"), key, "constraint needs a constraint_message")
        if "constraint_message" in entry and "constraint" not in entry:
            self.problem(entry.line_of("constraint_message"), key,
                         "constraint_message without a constraint")
        if key is None or duplicate or field_class is None or settings is None or label is None:
            return None
        prepared = field_class.prepare_settings(settings, self.option_lists, self.crime_types)
        question = Question(
            key=key, type=type_name, label=label, section_key=section_key, help=help_text,
            required=required, relevant=relevant, relevant_expr=relevant_expr,
            constraint=constraint, constraint_expr=constraint_expr,
            constraint_message=constraint_message,
            paragraphs=tags["paragraphs"], articles=tags["articles"],
            crime_types=tags["crime_types"], topic=tags["topic"], options=options,
            settings=freeze(prepared), gap=freeze(gap) if isinstance(gap, Mapping) else None,
            replaces=freeze(replaces),
            line=entry.line,
        )
        field_type = field_type_for(question)
        for message in field_type.check_settings():
            self.problem(entry.line_of("settings" if "settings" in entry else "type"), key,
                         message)
        if gap is not False:
            for message in field_type.check_gap_rule(question.gap):
                self.problem(entry.line_of("gap"), key, message)
        return question

    def build_tags(self, entry: YamlMap, key: str | None) -> dict[str, Any]:
        tags_result: dict[str, Any] = {
            "paragraphs": (), "articles": (), "crime_types": (), "topic": None,
        }
        if "tags" not in entry:
            return tags_result
        tags = self.mapping(entry["tags"], entry.line_of("tags"), key, "tags")
        if tags is None:
            return tags_result
        self.check_keys(tags, TAG_KEYS, (), key, "tags")
        if "paragraphs" not in tags:
            self.problem(tags.line, key, "question without tags.paragraphs")
        else:
            tags_result["paragraphs"] = self.int_list(
                tags, "paragraphs", key, "tags.paragraphs", PARAGRAPH_NUMBERS
            )
            self.served.update(tags_result["paragraphs"])
        articles = tags.get("articles", [])
        articles = self.sequence(articles, tags.line_of("articles"), key, "tags.articles") or []
        good_articles = []
        for article in articles:
            if isinstance(article, int) and not isinstance(article, bool):
                article = str(article)
            if not isinstance(article, str) or not article.strip():
                self.problem(tags.line_of("articles"), key,
                             f"article {article!r} must be text such as \"2(b)\"")
            else:
                good_articles.append(article)
        tags_result["articles"] = tuple(good_articles)
        known = {c.key for c in self.crime_types}
        crime_types = self.sequence(tags.get("crime_types", []), tags.line_of("crime_types"), key,
                                    "tags.crime_types") or []
        for crime_type in crime_types:
            if crime_type not in known:
                self.problem(tags.line_of("crime_types"), key,
                             f"unknown crime type {crime_type!r}")
        tags_result["crime_types"] = tuple(c for c in crime_types if c in known)
        topic = tags.get("topic")
        if topic is not None and topic not in TOPICS:
            self.problem(tags.line_of("topic"), key,
                         f"unknown topic {topic!r} (known: {', '.join(TOPICS)})")
            topic = None
        tags_result["topic"] = topic
        return tags_result

    def question_options(self, entry: YamlMap, key: str | None) -> tuple[Option, ...]:
        if "options" not in entry:
            return ()
        raw = entry["options"]
        line = entry.line_of("options")
        if isinstance(raw, str):
            if raw not in self.option_lists:
                self.problem(line, key, f"unknown option list {raw!r}")
                return ()
            return self.option_lists[raw]
        return self.options(raw, line, key, "options")

    def gap_rule(self, entry: YamlMap, key: str | None) -> Mapping[str, Any] | bool | None:
        """The gap rule, None for `gap: none`, False when missing or malformed."""
        if "gap" not in entry:
            self.problem(entry.line, key, "missing 'gap' (a gap rule or 'none')")
            return False
        rule = entry["gap"]
        if rule == "none":
            return None
        if isinstance(rule, YamlMap):
            return rule
        self.problem(entry.line_of("gap"), key, "gap must be a rule (a mapping) or 'none'")
        return False

    def condition(self, entry: YamlMap, name: str, key: str | None) -> tuple[str | None, Any]:
        if name not in entry:
            return None, None
        text = entry[name]
        line = entry.line_of(name)
        if not isinstance(text, str):
            self.problem(line, key, f"{name} must be text")
            return None, None
        try:
            return text, parse(text)
        except ExpressionError as error:
            self.problem(line, key, f"{name} does not parse: {error}")
            return text, None

    # ---------------------------------------------------------------- cross-checks

    def check_conditions(self, questions: list[Question]) -> list[str]:
        """Check references and relevance cycles; return keys in relevance order."""
        keys = {q.key for q in questions}
        depends: dict[str, set[str]] = {}
        for question in questions:
            line = self.question_lines.get(question.key)
            for name, expr in (("relevant", question.relevant_expr),
                               ("constraint", question.constraint_expr)):
                if expr is None:
                    continue
                for ref in sorted(references(expr) - keys):
                    self.problem(line, question.key, f"{name} references unknown question {ref!r}")
            if question.relevant_expr is not None:
                depends[question.key] = references(question.relevant_expr) & keys
        order, cyclic = _topological_order(depends)
        for key in sorted(cyclic, key=lambda k: self.question_lines.get(k, 0)):
            self.problem(self.question_lines.get(key), key,
                         "relevant conditions form a cycle through this question")
        return order

    def check_coverage(self, paragraphs: list[Paragraph]) -> None:
        served = self.served
        for paragraph in paragraphs:
            line = self._paragraph_lines.get(paragraph.number)
            if paragraph.number in served and paragraph.no_questions is not None:
                self.problem(line, None, f"paragraph {paragraph.number} has no_questions but "
                                         "questions serve it")
            if paragraph.number not in served and paragraph.no_questions is None:
                self.problem(line, None, f"paragraph {paragraph.number} is served by no question "
                                         "and gives no no_questions reason")


def _topological_order(depends: Mapping[str, set[str]]) -> tuple[list[str], set[str]]:
    """Keys with conditions, each after the conditional keys it depends on; and keys on cycles."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: visiting, 2: done
    cyclic: set[str] = set()
    for start in depends:
        if start in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(depends[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                order.append(node)
            elif state.get(child) == 1:
                cyclic.update(path[path.index(child):])
            elif child not in state and child in depends:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(depends[child]))))
    return order, cyclic


# --------------------------------------------------------------------------- public API


def _build(text: str, filename: str) -> tuple[Definition | None, list[Problem]]:
    builder = _Builder(text, filename)
    definition = builder.build()
    return definition, builder.problems


def load_definition_text(text: str, filename: str = "<string>") -> Definition:
    """Validate and load a definition from YAML text; raises DefinitionError."""
    definition, problems = _build(text, filename)
    if problems or definition is None:
        raise DefinitionError(problems or [Problem(filename, None, None, "cannot load")])
    return definition


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(str(path), None, None, "file larger than 5 MB"))
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), None, None, f"cannot read the file: {error}"))
        return None


def load_definition(path: str | Path) -> Definition:
    """Validate and load a definition file; raises DefinitionError."""
    path = Path(path)
    problems: list[Problem] = []
    text = _read(path, problems)
    if text is None:
        raise DefinitionError(problems)
    return load_definition_text(text, str(path))


def summary_line(definition: Definition) -> str:
    return (f"{len(definition.sections)} sections, {len(definition.questions)} questions, "
            f"{len(LANGUAGES)} languages")


def validate_file(path: str | Path) -> ValidationReport:
    """Validate a definition file without raising; for the CLI."""
    path = Path(path)
    problems: list[Problem] = []
    text = _read(path, problems)
    definition = None
    if text is not None:
        definition, problems = _build(text, str(path))
    if problems or definition is None:
        count = len(problems)
        return ValidationReport(False, problems, f"{count} problem{'s' if count != 1 else ''}")
    return ValidationReport(True, [], summary_line(definition), definition)


__all__ = [
    "DefinitionError",
    "Problem",
    "ValidationReport",
    "load_definition",
    "load_definition_text",
    "validate_file",
]
