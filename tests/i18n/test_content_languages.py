"""Questionnaire content lives outside the catalogs: the definition and the display vocabulary.

Both must be complete in the six languages, and each language slot must really hold that
language (an English text pasted into the Arabic slot is caught by its script).
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from questionnaire import LANGUAGES
from questionnaire.definition import Definition, Text
from questionnaire.loader import load_definition
from questionnaire.vocabulary import _UNITS, VOCABULARY, plural_category

DEFINITION = Path(__file__).resolve().parents[2] / "questionnaire/definitions/res-12-4/v1.yaml"
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF]"),
    "ru": re.compile(r"[\u0400-\u04FF]"),
}


@pytest.fixture(scope="module")
def definition() -> Definition:
    return load_definition(DEFINITION)  # the loader refuses any text missing a language


def texts_in(value, seen: set[int] | None = None) -> Iterator[Text]:
    """Every six-language ``Text`` reachable from ``value``."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, str | int | float | bool | type(None)):
        return
    seen.add(id(value))
    if isinstance(value, Text):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from texts_in(getattr(value, field.name), seen)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from texts_in(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from texts_in(item, seen)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_definition_texts_exist_in_all_six_languages(definition):
    texts = list(texts_in(definition))
    assert len(texts) > 100, "the walk should reach section, question and option texts"
    for text in texts:
        assert set(text) == set(LANGUAGES), text
        assert all(text[lang].strip() for lang in LANGUAGES), text


def test_definition_texts_are_written_in_their_language(definition):
    wrong = []
    for text in texts_in(definition):
        english = text["en"]
        if sum(c.isalpha() for c in english) < 4 or english.isupper():
            continue  # codes and acronyms (e.g. SHERLOC) read the same everywhere
        for lang, script in SCRIPTS.items():
            if not script.search(text[lang]):
                wrong.append((lang, text[lang][:60]))
    assert not wrong, wrong[:10]


def test_vocabulary_has_every_key_in_every_language():
    keys = set(VOCABULARY["en"])
    assert set(VOCABULARY) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(VOCABULARY[lang]) == keys, (lang, keys ^ set(VOCABULARY[lang]))
        empty = [key for key, value in VOCABULARY[lang].items()
                 if not value and key not in ("penalty_join", "duration_join")]
        assert not empty, (lang, empty)


def test_vocabulary_keeps_its_placeholders():
    for key, english in VOCABULARY["en"].items():
        for lang in LANGUAGES:
            assert placeholders(VOCABULARY[lang][key]) == placeholders(english), (lang, key)


def test_vocabulary_is_written_in_its_language():
    for lang, script in SCRIPTS.items():
        untranslated = [key for key, value in VOCABULARY[lang].items()
                        if sum(c.isalpha() for c in VOCABULARY["en"][key]) >= 4
                        and not script.search(value)]
        assert not untranslated, (lang, untranslated)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_duration_units_cover_every_plural_category(lang):
    for unit in ("year", "month"):
        forms = _UNITS[lang][unit]
        for n in range(0, 120):
            assert plural_category(lang, n) in forms, (lang, unit, n)
