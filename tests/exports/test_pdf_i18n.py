"""The PDF Jinja environment: escaping, gettext wiring, locale filters, marked strings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo

from exports import i18n
from exports.submission_pdf import submission_html
from testing.sample_data import sample_submission

PDF_TEMPLATES = Path(i18n.TEMPLATES_DIR) / "pdf"
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


@pytest.fixture
def french_catalog(tmp_path, monkeypatch):
    """A compiled fr catalog in a temporary translations folder, used by fresh environments."""
    catalog = Catalog(locale="fr", domain="messages")
    catalog.add("Contents", "Table des matières")
    catalog.add("Page %(page)s of %(pages)s", "Page %(page)s sur %(pages)s")
    catalog.add("DRAFT - not submitted", "PROJET - non soumis")
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.pdf_environment.cache_clear()
    yield
    i18n.pdf_environment.cache_clear()


def test_catalog_strings_reach_the_html(french_catalog):
    html = submission_html(sample_submission("fr", draft=True))
    assert "Table des matières" in html
    assert 'content: "PROJET - non soumis";' in html  # the draft banner in the page margin
    assert ">PROJET - non soumis</div>" in html  # the diagonal watermark
    assert '"Page " counter(page) " sur " counter(pages)' in html


def test_missing_catalog_falls_back_to_english(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.load_translations.cache_clear() if hasattr(i18n.load_translations, "cache_clear") else None
    i18n.pdf_environment.cache_clear() if hasattr(i18n.pdf_environment, "cache_clear") else None
    try:
        html = submission_html(sample_submission("ru"))
    finally:
        for cached in (i18n.load_translations, i18n.pdf_environment):
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()
    assert "Contents" in html


def test_autoescape_is_on():
    template = i18n.pdf_environment("en").from_string("{{ value }}")
    assert template.render(value="<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "30 June 2026"),
        ("fr", "30 juin 2026"),
        ("ru", "30 июня 2026 года"),
        ("zh", "2026年6月30日"),
        ("es", "30 de junio de 2026"),
        ("ar", "30 حزيران/يونيه 2026"),
    ],
)
def test_date_filter_writes_un_dates(lang, expected):
    template = i18n.pdf_environment(lang).from_string("{{ day|date }}")
    assert template.render(day=date(2026, 6, 30)) == expected


def test_datetime_filter_renders_in_utc():
    template = i18n.pdf_environment("en").from_string("{{ moment|datetime }}")
    naive = template.render(moment=datetime(2026, 5, 14, 9, 30))
    aware = template.render(moment=datetime(2026, 5, 14, 9, 30, tzinfo=UTC))
    assert naive == aware
    assert aware == "14 May 2026, 09:30 UTC"


def test_number_filter_uses_locale_separators():
    template = "{{ value|number }}"
    assert i18n.pdf_environment("fr").from_string(template).render(value=12345.5) == "12\u202f345,5"
    assert i18n.pdf_environment("en").from_string(template).render(value=12345.5) == "12,345.5"


def test_counter_content_keeps_translated_order():
    content = i18n.css_counter_content("第 %(page)s 页，共 %(pages)s 页")
    assert content.index("counter(page)") < content.index("counter(pages)")
    reordered = i18n.css_counter_content("%(pages)s pages, this is %(page)s")
    assert reordered.index("counter(pages)") < reordered.index("counter(page)")


def test_counter_content_cannot_inject_css():
    content = i18n.css_counter_content('"; } body { display: none } </style> %(page)s')
    literal = content.split("counter(page)")[0].strip()
    assert literal.startswith('"') and literal.endswith('"')
    assert '"' not in literal[1:-1]
    for dangerous in ("}", "{", "<", ">"):
        assert dangerous not in content


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        i18n.pdf_environment("de")


def _visible_static_text(source: str) -> str:
    """What a template prints that does not come from data or a translation call."""
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{%\s*block extra_style\s*%\}.*?\{%\s*endblock\s*%\}", "", source, flags=re.S)
    source = re.sub(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}", "", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "", source, flags=re.S)
    source = re.sub(r"<style>.*?</style>", "", source, flags=re.S)
    source = re.sub(r"<!DOCTYPE[^>]*>|<[^>]+>", " ", source)
    return source


@pytest.mark.parametrize("template", sorted(PDF_TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_every_static_string_is_marked_for_translation(template):
    leftover = _visible_static_text(template.read_text(encoding="utf-8"))
    assert not re.search(r"[^\W\d_]", leftover), leftover.strip()


@pytest.mark.parametrize("name", ["print.css", "submission.html"])
def test_css_has_no_literal_content_strings(name):
    css = (PDF_TEMPLATES / name).read_text(encoding="utf-8")
    assert not re.search(r"content:\s*\"[^\"]*[^\W\d_]", css)


def test_babel_extracts_the_template_strings():
    found = set()
    for name in ("submission.html", "print.css", "nodes/empty.html"):
        for _, message, _, _ in extract_from_file(
            "jinja2", str(PDF_TEMPLATES / name), options=JINJA_OPTIONS
        ):
            found.add(message if isinstance(message, str) else message[0])
    for expected in (
        "DRAFT - not submitted",
        "Contents",
        "Not answered",
        "Not applicable",
        "No answer recorded",
        "Page %(page)s of %(pages)s",
        "OP %(numbers)s",
        "art. %(numbers)s",
        "SHA-256 fingerprint",
    ):
        assert expected in found
