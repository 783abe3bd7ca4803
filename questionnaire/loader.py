"""Load and validate a questionnaire definition file (see docs/questionnaire-format.md).

The whole file is checked before a Definition is built; every problem is reported with file,
line and question key, and a file with any problem raises DefinitionError instead of loading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from questionnaire import LANGUAGES
from questionnaire.definition import (
    Definition,
    Option,
    Question,
    Section,
    Text,
    freeze,
)
from questionnaire.definition_checks import check_conditions, check_coverage
from questionnaire.definition_parts import PartsReader
from questionnaire.definition_reader import (
    ID_RE,
    MAX_FILE_BYTES,
    NAME_RE,
    PARAGRAPH_NUMBERS,
    QUESTION_KEY_RE,
    QUESTION_KEYS,
    QUESTION_REQUIRED,
    SECTION_KEYS,
    SECTION_REQUIRED,
    TAG_KEYS,
    TOP_KEYS,
    TOP_REQUIRED,
    TOPICS,
    DefinitionError,
    Problem,
)
from questionnaire.expressions import ExpressionError, parse, uses_self
from questionnaire.fields import FIELD_TYPES, field_name, field_type_for
from questionnaire.fields.base import RESERVED_FORM_NAMES
from questionnaire.legal_force import read_legal_force, split_rule
from questionnaire.version_map import parse_spec
from questionnaire.yaml_lines import YamlMap


@dataclass(frozen=True)
class ValidationReport:
    ok: bool
    problems: list[Problem]
    summary: str
    definition: Definition | None = None


# --------------------------------------------------------------------------- building


class _Builder(PartsReader):
    """Checks a parsed definition and builds it; collects every problem on the way."""

    def __init__(self, text: str, filename: str, legacy_rules: bool = False) -> None:
        super().__init__(filename)
        self.source_text = text
        self.legacy_rules = legacy_rules
        """Accept gap rules without basis/provisions/rationale (sources published before them)."""
        self.question_lines: dict[str, int] = {}
        self.field_names: dict[str, str] = {}
        self.served: set[int] = set()
        """Paragraphs named by any question's tags, even one that failed to build."""

    # ---------------------------------------------------------------- top level

    def build(self) -> Definition | None:
        root = self.parse_yaml(self.source_text)
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
        order = check_conditions(questions, self.question_lines, self.problem)
        check_coverage(paragraphs, self.served, self.paragraph_lines, self.problem)
        maps_from = self.build_maps_from(root, {q.key for q in questions})
        dropped = self.build_dropped(root)
        if self.problems or not isinstance(definition_id, str) or not isinstance(version, str):
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

    def build_replaces(self, entry: YamlMap, key: str | None) -> dict[str, Any]:
        """`replaces: {older_version: spec}` of a question (see questionnaire/version_map.py)."""
        if entry.get("replaces") is None:
            return {}
        versions = self.mapping(entry["replaces"], entry.line_of("replaces"), key, "replaces")
        result: dict[str, Any] = {}
        if versions is None:
            return result
        for version, spec in versions.items():
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
        settings: Mapping[str, Any] | None = (
            {} if settings_raw is None
            else self.mapping(settings_raw, entry.line_of("settings"), key, "settings")
        )
        gap = self.gap_rule(entry, key)
        replaces = self.build_replaces(entry, key)
        legal_force = None
        if isinstance(gap, Mapping):
            legal_force = read_legal_force(self, gap, key, required=not self.legacy_rules,
                                           line=entry.line_of("gap"))
            gap = split_rule(gap)[1]
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
        if (key is None or duplicate or field_class is None or settings is None or label is None
                or type_name is None):
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
            replaces=freeze(replaces), legal_force=legal_force,
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


# --------------------------------------------------------------------------- public API


def _build(text: str, filename: str, legacy_rules: bool = False
           ) -> tuple[Definition | None, list[Problem]]:
    builder = _Builder(text, filename, legacy_rules)
    definition = builder.build()
    return definition, builder.problems


def load_definition_text(text: str, filename: str = "<string>", *,
                         legacy_rules: bool = False) -> Definition:
    """Validate and load a definition from YAML text; raises DefinitionError.

    ``legacy_rules`` accepts gap rules without their legal force: only for sources stored
    before rules declared it (`publish` replaces their rules; docs/questionnaire-format.md).
    """
    definition, problems = _build(text, filename, legacy_rules)
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
