"""The message catalogs: complete, current with the sources, compiled, and plural-correct.

These tests are what make CI fail when someone adds a string without translating it, or
writes a translation that breaks a placeholder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo

from web.cli.translate import (
    CATALOG_LANGUAGES,
    TEMPLATE_FILE,
    catalog_path,
    catalog_stats,
    compile_catalog,
    extract_template,
    is_translated,
    read_catalog,
    update_catalog,
    write_catalog,
)

#: Plural forms per language as gettext and CLDR count them.
PLURAL_FORMS = {"ar": 6, "zh": 1, "en": 2, "es": 3, "fr": 3, "ru": 3}


@pytest.fixture(scope="module")
def source_messages() -> dict[str, object]:
    """Every msgid found in the sources right now (extraction as `translate extract` runs it)."""
    return {message.id: message for message in extract_template() if message.id}


def catalog(lang: str):
    return read_catalog(catalog_path(lang), locale=lang)


def test_every_language_has_a_catalog_and_a_compiled_catalog():
    for lang in CATALOG_LANGUAGES:
        assert catalog_path(lang).is_file(), f"translations/{lang}: run `flask translate update`"
        assert catalog_path(lang, ".mo").is_file(), f"{lang}: run `flask translate compile`"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_no_message_is_untranslated_or_fuzzy(lang):
    problems = [
        message.id for message in catalog(lang)
        if message.id and (message.fuzzy or not is_translated(message))
    ]
    assert not problems, f"{lang}: untranslated or fuzzy: {problems[:10]}"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_translations_keep_their_placeholders(lang):
    errors = [(message.id, [str(e) for e in errs]) for message, errs in catalog(lang).check()]
    assert not errors, f"{lang}: {errors[:5]}"
    for message in catalog(lang):
        if not message.id or not message.python_format:
            continue
        source = message.id if message.pluralizable else (message.id,)
        wanted = {name for text in source for name in placeholders(text)}
        strings = message.string if message.pluralizable else (message.string,)
        found = set().union(*(placeholders(text) for text in strings))
        # Arabic and Russian singular forms may spell out "one" instead of the number.
        assert found <= wanted, f"{lang}: {message.id!r} has unknown placeholders"
        if not message.pluralizable:
            assert found == wanted, f"{lang}: {message.id!r} lost a placeholder"


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)[sd]", text))


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_plural_forms_match_the_language(lang):
    loaded = catalog(lang)
    assert loaded.num_plurals == PLURAL_FORMS[lang]
    plurals = [message for message in loaded if message.id and message.pluralizable]
    assert plurals, "the sources use ngettext, so every catalog has plural messages"
    for message in plurals:
        assert len(message.string) == PLURAL_FORMS[lang], (lang, message.id)


def test_sources_hold_no_message_missing_from_the_catalogs(source_messages):
    """A string marked in the sources but absent from a catalog means extract/update was skipped."""
    template_ids = {message.id for message in read_catalog(TEMPLATE_FILE) if message.id}
    missing = [msgid for msgid in source_messages if msgid not in template_ids]
    assert not missing, f"messages.pot is stale; run `flask translate extract`: {missing[:10]}"
    for lang in CATALOG_LANGUAGES:
        ids = {message.id for message in catalog(lang) if message.id}
        missing = [msgid for msgid in source_messages if msgid not in ids]
        assert not missing, f"{lang}: run `flask translate update` and translate: {missing[:10]}"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_committed_mo_matches_the_po(lang):
    """The shipped .mo must say what the .po says, or a fresh install shows stale text."""
    with catalog_path(lang, ".mo").open("rb") as handle:
        compiled = {(message.context, frozen(message.id)): frozen(message.string)
                    for message in read_mo(handle) if message.id}
    source = {(message.context, frozen(message.id)): frozen(message.string)
              for message in catalog(lang) if message.id}
    stale = [msgid for msgid, text in source.items() if compiled.get(msgid) != text]
    assert not stale, f"{lang}: run `flask translate compile`: {stale[:5]}"


def frozen(value):
    """Plural ids and strings come back as lists from .mo files and tuples from .po files."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_english_catalog_is_the_identity():
    for message in catalog("en"):
        if message.id:
            assert message.string == message.id, message.id


def test_update_adds_new_messages_and_compile_writes_them(tmp_path: Path):
    """`update` merges a new message into a copy of the catalogs; `compile` then ships it."""
    directory = tmp_path / "translations"
    shutil.copytree(catalog_path("fr").parents[2], directory)
    template = read_catalog(TEMPLATE_FILE)
    template.add("A message nobody has translated yet")

    update_catalog("fr", template, directory)
    update_catalog("en", template, directory)

    assert catalog_stats("fr", directory)["untranslated"] == 1
    assert catalog_stats("en", directory)["untranslated"] == 0  # English is its own translation
    compile_catalog("en", directory)
    with catalog_path("en", ".mo", directory).open("rb") as handle:
        compiled = read_mo(handle)
    assert compiled["A message nobody has translated yet"].string == (
        "A message nobody has translated yet")


def test_update_creates_a_missing_catalog(tmp_path: Path):
    template = read_catalog(TEMPLATE_FILE)
    created = update_catalog("ru", template, tmp_path)
    assert catalog_path("ru", directory=tmp_path).is_file()
    assert created.num_plurals == 3
    assert catalog_stats("ru", tmp_path)["untranslated"] == len(
        [message for message in template if message.id])


def test_stats_command_reports_every_language(app):
    result = app.test_cli_runner().invoke(args=["translate", "stats"])
    assert result.exit_code == 0, result.output
    for lang in CATALOG_LANGUAGES:
        assert f"{lang}: " in result.output
    assert "0 untranslated, 0 fuzzy" in result.output


def test_compile_refuses_a_translation_that_breaks_a_placeholder(tmp_path: Path):
    directory = tmp_path / "translations"
    shutil.copytree(catalog_path("fr").parents[2], directory)
    broken = read_catalog(catalog_path("fr", directory=directory), locale="fr")
    broken["Welcome, %(name)s"].string = "Bienvenue, %(nom)s"
    write_catalog(broken, catalog_path("fr", directory=directory))

    with pytest.raises(ValueError, match="nom"):
        compile_catalog("fr", directory)
    assert (catalog_path("fr", ".mo", directory).read_bytes()
            == catalog_path("fr", ".mo").read_bytes())  # the old .mo is left alone
