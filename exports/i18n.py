"""Jinja environment for the PDF templates: autoescaping, gettext and locale-aware filters.

One environment per language, built on first use: translations are installed on the
environment itself, so sharing one environment across languages would let concurrent renders
see each other's catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from questionnaire import l10n

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = REPO_ROOT / "templates"
TRANSLATIONS_DIR = REPO_ROOT / "translations"
SUPPORTED_LANGS = ("ar", "zh", "en", "es", "fr", "ru")
RTL_LANGS = frozenset({"ar"})


def text_direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if lang in RTL_LANGS else "ltr"


def check_lang(lang: str) -> str:
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"unsupported language: {lang!r}")
    return lang


def css_string(text: str) -> str:
    """Quote ``text`` as a CSS string literal that cannot close its string or ``<style>``."""
    out = []
    for char in text:
        if char.isalnum() or char in " .,:;!?()-_/·":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


def css_counter_content(template: str) -> Markup:
    """Turn a translated ``Page %(page)s of %(pages)s`` into a CSS ``content`` value.

    Translators may reorder the placeholders (``第 %(page)s 页，共 %(pages)s 页``); the
    literal parts are CSS-escaped, so a catalog entry cannot inject CSS.
    """
    pieces: list[str] = []
    rest = template
    while rest:
        positions = [(rest.find(f"%({name})s"), name) for name in ("page", "pages")]
        found = [(pos, name) for pos, name in positions if pos >= 0]
        if not found:
            pieces.append(css_string(rest))
            break
        pos, name = min(found)
        if pos:
            pieces.append(css_string(rest[:pos]))
        pieces.append(f"counter({name})")
        rest = rest[pos + len(f"%({name})s") :]
    # Every literal went through css_string, so the result is safe inside <style>.
    return Markup(" ".join(pieces))  # noqa: S704


def load_translations(lang: str) -> NullTranslations:
    """The compiled catalog for ``lang``; Babel returns NullTranslations when none exists."""
    return Translations.load(str(TRANSLATIONS_DIR), [lang], domain="messages")


@cache
def pdf_environment(lang: str) -> Environment:
    """The Jinja environment for PDF templates in ``lang`` (cached per language)."""
    check_lang(lang)
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    i18n_extension: Any = environment  # jinja2.ext.i18n adds the method at run time
    i18n_extension.install_gettext_translations(load_translations(lang), newstyle=False)
    filters: dict[str, Callable[..., Any]] = {
        # One style for every date: UN editorial, never numeric (questionnaire.l10n).
        "date": lambda value, *_style: l10n.format_date(value, lang),
        "datetime": lambda value, *_style: l10n.format_datetime(value, lang),
        "number": lambda value: l10n.format_number(value, lang),
        "articles": lambda refs: l10n.article_references(refs, lang),
        "cycle_name": lambda name: l10n.cycle_name(name, lang),
        "css_counter_content": css_counter_content,
        "css_string": lambda text: Markup(css_string(str(text))),  # noqa: S704 escaped
    }
    environment.filters.update(filters)
    environment.globals.update({"lang": lang, "dir": text_direction(lang)})
    return environment


def render_template(name: str, lang: str, context: Mapping[str, Any]) -> str:
    """Render a PDF template; ``lang`` and ``dir`` are always those of ``lang``."""
    values = {**context, "lang": lang, "dir": text_direction(lang)}
    return pdf_environment(lang).get_template(name).render(values)
