"""``flask translate``: extract, update, compile and count the message catalogs.

Built on Babel's Python API (no subprocess). The mapping of source files to extractors is in
``babel.cfg`` at the repository root; catalogs live in ``translations/<lang>/LC_MESSAGES``.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import click
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO_ROOT = Path(__file__).resolve().parents[2]
MAPPING_FILE = REPO_ROOT / "babel.cfg"
TRANSLATIONS_DIR = REPO_ROOT / "translations"
TEMPLATE_FILE = TRANSLATIONS_DIR / "messages.pot"
#: The catalogs we keep; English is an identity catalog (each message is its own translation).
CATALOG_LANGUAGES = ("ar", "zh", "en", "es", "fr", "ru")
SOURCE_LANGUAGE = "en"
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "lazy_pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
PROJECT = "EnvSAQ"
COPYRIGHT = "the EnvSAQ contributors"


def catalog_path(lang: str, suffix: str = ".po", directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / lang / "LC_MESSAGES" / f"messages{suffix}"


def extract_template(root: Path = REPO_ROOT) -> Catalog:
    """Every translatable message in the sources under ``root``, as a template catalog."""
    with (root / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping, str(root / "babel.cfg"))
    template = Catalog(project=PROJECT, copyright_holder=COPYRIGHT, fuzzy=False)
    found = extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS, strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    return template


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a .po/.pot file; line numbers are left out so edits elsewhere cause no churn."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, include_lineno=False, width=100)


def fill_identity(catalog: Catalog) -> int:
    """Make each empty or fuzzy message its own translation (for the source language)."""
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id
            wanted = (singular, *[plural] * (catalog.num_plurals - 1))
        else:
            wanted = message.id
        if message.string != wanted or message.fuzzy:
            message.string = wanted
            message.flags.discard("fuzzy")
            filled += 1
    return filled


def new_catalog(lang: str, template: Catalog) -> Catalog:
    """A fresh catalog for ``lang`` with every message of ``template`` (``pybabel init``)."""
    catalog = Catalog(locale=Locale.parse(lang), project=PROJECT, copyright_holder=COPYRIGHT,
                      fuzzy=False)
    catalog.update(template)
    return catalog


def update_catalog(lang: str, template: Catalog, directory: Path = TRANSLATIONS_DIR) -> Catalog:
    """Merge ``template`` into the catalog of ``lang`` (creating it if missing) and save it.

    Messages no longer in the sources are dropped rather than kept as obsolete entries.
    """
    template = deepcopy(template)  # Catalog.update adopts the template's message objects
    path = catalog_path(lang, directory=directory)
    if path.exists():
        catalog = read_catalog(path, locale=lang)
        catalog.update(template)
        catalog.obsolete.clear()
    else:
        catalog = new_catalog(lang, template)
    if lang == SOURCE_LANGUAGE:
        fill_identity(catalog)
    write_catalog(catalog, path)
    return catalog


def catalog_problems(catalog: Catalog) -> list[str]:
    """Translations that break their message: lost or unknown placeholders, wrong plurals."""
    return [f"{message.id!r}: {error}" for message, errors in catalog.check() for error in errors]


def compile_catalog(lang: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    """Write the .mo file of ``lang``; fuzzy translations are left out, as gettext expects.

    Raises ``ValueError`` (and writes nothing) when a translation breaks its placeholders.
    """
    catalog = read_catalog(catalog_path(lang, directory=directory), locale=lang)
    problems = catalog_problems(catalog)
    if problems:
        raise ValueError(f"{lang}: " + "; ".join(problems))
    target = catalog_path(lang, ".mo", directory)
    with target.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return target


def catalog_stats(lang: str, directory: Path = TRANSLATIONS_DIR) -> dict[str, int]:
    """Counts of messages in the catalog of ``lang``: total, untranslated, fuzzy."""
    catalog = read_catalog(catalog_path(lang, directory=directory), locale=lang)
    messages = [m for m in catalog if m.id]
    return {
        "total": len(messages),
        "untranslated": sum(1 for m in messages if not is_translated(m)),
        "fuzzy": sum(1 for m in messages if m.fuzzy),
    }


def is_translated(message) -> bool:
    """True when every form of ``message`` has a non-empty translation."""
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return bool(strings) and all(strings)


@click.group("translate")
def translate_group() -> None:
    """Extract, update, compile and count the interface translations."""


@translate_group.command("extract")
def extract_command() -> None:
    """Write translations/messages.pot from the sources listed in babel.cfg."""
    template = extract_template()
    write_catalog(template, TEMPLATE_FILE)
    click.echo(f"{len(template)} messages written to {TEMPLATE_FILE.relative_to(REPO_ROOT)}")


@translate_group.command("update")
def update_command() -> None:
    """Merge messages.pot into every catalog; create the missing ones."""
    template = read_catalog(TEMPLATE_FILE)
    for lang in CATALOG_LANGUAGES:
        update_catalog(lang, template)
        stats = catalog_stats(lang)
        click.echo(f"{lang}: {stats['untranslated']} untranslated, {stats['fuzzy']} fuzzy")


@translate_group.command("compile")
def compile_command() -> None:
    """Write the .mo files the application reads."""
    for lang in CATALOG_LANGUAGES:
        try:
            target = compile_catalog(lang)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"{lang}: {target.relative_to(REPO_ROOT)}")


@translate_group.command("stats")
def stats_command() -> None:
    """Print, for each language, how many messages are untranslated or fuzzy."""
    for lang in CATALOG_LANGUAGES:
        if not catalog_path(lang).exists():
            click.echo(f"{lang}: no catalog (run `flask translate update`)")
            continue
        stats = catalog_stats(lang)
        click.echo(f"{lang}: {stats['total']} messages, {stats['untranslated']} untranslated, "
                   f"{stats['fuzzy']} fuzzy")
