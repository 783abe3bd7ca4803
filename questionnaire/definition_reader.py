"""Reading a definition file's parts: problems with file and line, and the checked readers of
mappings, lists, six-language texts and options that the loader builds on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from questionnaire import LANGUAGES
from questionnaire.definition import Option, Text
from questionnaire.yaml_lines import LineLoader, YamlMap, type_name

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


class DefinitionReader:
    """Collects every problem of one file while its parts are read."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

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
        self.problem(line, key, f"{what} must be a mapping, not {type_name(value)}")
        return None

    def sequence(self, value: Any, line: int, key: str | None, what: str) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.problem(line, key, f"{what} must be a list, not {type_name(value)}")
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

    def parse_yaml(self, source_text: str) -> YamlMap | None:
        """The file's top-level mapping, or None after recording why it cannot be read."""
        if not source_text.strip():
            self.problem(1, None, "the file is empty")
            return None
        loader = LineLoader(source_text)
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
