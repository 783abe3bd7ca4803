"""UN terminology: the glossary (translations/glossary/<lang>.csv) against the interface
catalogs, the fixed vocabulary and the questionnaire definitions.

A text whose English uses a glossary term must use the UN form of it in each language
(``required``), and no text may use a variant the glossary forbids (``forbidden``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from questionnaire.vocabulary import VOCABULARY
from web.cli.translate import catalog_path, read_catalog

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "translations" / "glossary"
DEFINITIONS = ROOT / "questionnaire" / "definitions"
LANGS = ("ar", "zh", "en", "es", "fr", "ru")
#: Definitions not scanned, with the reason. A published version cannot change: submissions
#: record its content hash. Its corrections are in the next version.
PUBLISHED_UNCHANGED = {
    "res-12-4/v1.yaml": "published version 1 is immutable; its wording is corrected in v2.yaml",
}
#: Single texts that rightly leave a glossary term out, with the reason.
EXCEPTIONS = {
    ("fr", "Dear national focal point,"): "a French letter opens with « Madame, Monsieur, »",
}


@dataclass(frozen=True)
class Entry:
    concept: str
    term: str
    required: re.Pattern | None
    forbidden: re.Pattern | None
    interface_only: bool


def glossary(lang: str) -> list[Entry]:
    with (GLOSSARY / f"{lang}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [Entry(row["concept"], row["term"],
                  re.compile(row["required"], re.IGNORECASE) if row["required"] else None,
                  re.compile(row["forbidden"]) if row["forbidden"] else None,
                  row["scope"] == "interface") for row in rows]


def catalog_texts(lang: str) -> Iterator[tuple[str, str, str]]:
    """(where, English, translation) for every message of the catalog."""
    for message in read_catalog(catalog_path(lang)):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, text in enumerate(strings):
            if lang == "ar" and len(strings) == 6 and index == 0:
                continue  # the Arabic zero form may say "none" without the term
            yield f"catalog {message.id!r}", ids[min(index, len(ids) - 1)], text


def vocabulary_texts(lang: str) -> Iterator[tuple[str, str, str]]:
    for key, text in VOCABULARY.get(lang, {}).items():
        yield f"vocabulary {key}", VOCABULARY["en"].get(key, ""), text


def _texts_in(node, where: str, lang: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("en"), str) and isinstance(node.get(lang), str):
            yield where, node["en"], node[lang]
        for key, value in node.items():
            yield from _texts_in(value, f"{where}/{key}", lang)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts_in(value, f"{where}[{index}]", lang)


def definition_files() -> list[Path]:
    return [path for path in sorted(DEFINITIONS.rglob("*.yaml"))
            if path.relative_to(DEFINITIONS).as_posix() not in PUBLISHED_UNCHANGED]


@cache
def _document(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def definition_texts(lang: str) -> Iterator[tuple[str, str, str]]:
    for path in definition_files():
        yield from _texts_in(_document(path), path.relative_to(DEFINITIONS).as_posix(), lang)


def interface_texts(lang: str) -> list[tuple[str, str, str]]:
    return [*catalog_texts(lang), *vocabulary_texts(lang)]


def all_texts(lang: str) -> list[tuple[str, str, str]]:
    return [*interface_texts(lang), *definition_texts(lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_names_the_core_terms(lang):
    concepts = {entry.concept for entry in glossary(lang)}
    assert {"United Nations Convention against Transnational Organized Crime",
            "crimes that affect the environment", "States parties", "focal point",
            "mutual legal assistance", "Secretariat"} <= concepts
    if lang != "en":
        assert {"confiscation", "proceeds of crime"} <= concepts


@pytest.mark.parametrize("lang", LANGS)
def test_no_forbidden_variant(lang):
    interface = set(interface_texts(lang))
    found = [
        (where, entry.concept, text[:80])
        for where, english, text in all_texts(lang) if text
        for entry in glossary(lang) if entry.forbidden and entry.forbidden.search(text)
        and (not entry.interface_only or (where, english, text) in interface)
    ]
    assert found == []


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_terms_are_rendered_the_un_way(lang):
    found = [
        (where, entry.concept, text[:80])
        for where, english, text in all_texts(lang) if text
        for entry in glossary(lang)
        if entry.required and entry.concept.lower() in english.lower()
        and not entry.required.search(text) and (lang, english) not in EXCEPTIONS
    ]
    assert found == []


def test_the_checks_can_fail():
    """The forbidden variants the review found would be caught (v1 still has some)."""
    v1 = yaml.safe_load((DEFINITIONS / "res-12-4" / "v1.yaml").read_text(encoding="utf-8"))
    russian = [text for _w, _e, text in _texts_in(v1, "v1", "ru")]
    rule = next(e for e in glossary("ru") if e.concept == "crimes that affect the environment")
    assert any(rule.forbidden.search(text) for text in russian)
    assert set(PUBLISHED_UNCHANGED) == {"res-12-4/v1.yaml"}
