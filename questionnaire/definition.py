"""The loaded, immutable form of a questionnaire definition.

Built only by `questionnaire.loader`, after the whole file has been validated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from questionnaire import DEFAULT_LANGUAGE, LANGUAGES
from questionnaire.expressions import Expr, is_empty
from questionnaire.legal_force import LegalForce


class Text(Mapping[str, str]):
    """A text in the six UN languages; `get(lang)` falls back to English."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._texts: dict[str, str] = dict(texts or {})

    def __getitem__(self, lang: str) -> str:
        return self._texts[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    def __repr__(self) -> str:
        return f"Text({self._texts!r})"

    def __str__(self) -> str:
        return self.get(DEFAULT_LANGUAGE)

    def get(self, lang: str, default: str = "") -> str:  # type: ignore[override]
        """The text in `lang`, else English, else `default`."""
        return self._texts.get(lang) or self._texts.get(DEFAULT_LANGUAGE) or default

    def missing(self) -> list[str]:
        """Languages that are absent or blank, in the standard order."""
        return [
            lang for lang in LANGUAGES
            if not isinstance(self._texts.get(lang), str) or not self._texts[lang].strip()
        ]


def freeze(value: Any) -> Any:
    """A read-only deep copy: mappings become MappingProxyType, lists become tuples."""
    if isinstance(value, Mapping) and not isinstance(value, Text):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class CrimeType:
    key: str
    label: Text


@dataclass(frozen=True)
class Paragraph:
    """An operative paragraph of the resolution."""

    number: int
    title: Text
    no_questions: Text | None = None


@dataclass(frozen=True, eq=False)
class Question:
    key: str
    type: str
    label: Text
    section_key: str = ""
    help: Text | None = None
    required: bool = False
    relevant: str | None = None
    relevant_expr: Expr | None = None
    constraint: str | None = None
    constraint_expr: Expr | None = None
    constraint_message: Text | None = None
    paragraphs: tuple[int, ...] = ()
    articles: tuple[str, ...] = ()
    crime_types: tuple[str, ...] = ()
    topic: str | None = None
    options: tuple[Option, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    gap: Mapping[str, Any] | None = None
    """The gap rule's evaluation part (the field type applies it), or None for `gap: none`."""
    legal_force: LegalForce | None = None
    """The gap rule's basis, provisions and rationale (None for `gap: none`)."""
    replaces: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """Older version -> the older question(s) this one takes over (questionnaire.version_map)."""
    line: int = 0

    def option(self, value: str) -> Option | None:
        for option in self.options:
            if option.value == value:
                return option
        return None

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)


@dataclass(frozen=True, eq=False)
class Section:
    key: str
    title: Text
    paragraphs: tuple[int, ...]
    questions: tuple[Question, ...]
    intro: Text | None = None
    line: int = 0


@dataclass(frozen=True, eq=False)
class Definition:
    id: str
    version: str
    title: Text
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    crime_types: tuple[CrimeType, ...] = ()
    description: Text | None = None
    published: date | None = None
    maps_from: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    dropped: Mapping[str, Mapping[str, Text]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """Older version -> {older question key: why this version no longer asks it}."""
    content_hash: str = ""
    """SHA-256 (hex) of the source text."""
    source: str = ""
    """File the definition was loaded from."""
    relevance_order: tuple[str, ...] = ()
    """Keys of questions with a `relevant` condition, dependencies first (set by the loader)."""
    questions: tuple[Question, ...] = field(init=False)
    _questions_by_key: Mapping[str, Question] = field(init=False, repr=False)
    _sections_by_key: Mapping[str, Section] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        questions = tuple(q for section in self.sections for q in section.questions)
        object.__setattr__(self, "questions", questions)
        object.__setattr__(
            self, "_questions_by_key", MappingProxyType({q.key: q for q in questions})
        )
        object.__setattr__(
            self, "_sections_by_key", MappingProxyType({s.key: s for s in self.sections})
        )

    def question(self, key: str) -> Question:
        """The question with `key`; KeyError when there is none."""
        return self._questions_by_key[key]

    def has_question(self, key: str) -> bool:
        return key in self._questions_by_key

    def section(self, key: str) -> Section:
        """The section with `key`; KeyError when there is none."""
        return self._sections_by_key[key]

    def section_of(self, question_key: str) -> Section:
        """The section holding the question `question_key`."""
        return self._sections_by_key[self.question(question_key).section_key]

    def paragraph(self, number: int) -> Paragraph:
        for paragraph in self.paragraphs:
            if paragraph.number == number:
                return paragraph
        raise KeyError(number)

    def crime_type(self, key: str) -> CrimeType:
        for crime_type in self.crime_types:
            if crime_type.key == key:
                return crime_type
        raise KeyError(key)

    def relevant_keys(self, answers: Mapping[str, Any]) -> set[str]:
        """Keys of the questions that are relevant given `answers`.

        A condition sees the answer to a non-relevant question as empty, so hiding a question
        also hides everything that depends on it.
        """
        conditional = set(self.relevance_order)
        relevant = {q.key for q in self.questions if q.key not in conditional}
        visible = {key: answers[key] for key in relevant if key in answers}
        for key in self.relevance_order:
            expr = self._questions_by_key[key].relevant_expr
            if expr is None or expr.test(visible):
                relevant.add(key)
                if key in answers and not is_empty(answers[key]):
                    visible[key] = answers[key]
        return relevant
