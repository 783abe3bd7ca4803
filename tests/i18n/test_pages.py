"""Each page type renders in each language, with no English left in the interface.

"English left" means: any interface message of more than one word whose translation differs
from the English, found in the visible text of a page rendered in another language.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from html.parser import HTMLParser

import pytest

from models import Role, User, db
from web.cli.translate import catalog_path, read_catalog
from web.locale import LANGUAGE_NAMES

OTHER_LANGUAGES = ("ar", "zh", "es", "fr", "ru")
#: Interface words that must never show in English on a translated page.
ENGLISH_MARKERS = ("Sign out", "Your account", "Save", "Sections", "Sign in", "Language")
SECRETARIAT_PAGES = ("/", "/account", "/admin/users", "/admin/invitations", "/admin/audit",
                     "/secretariat/cycles/", "/secretariat/questionnaires/",
                     "/secretariat/questionnaires/matrix")
WORKSPACE_PAGES = ("", "sections/general", "comments", "history", "submit", "team", "import",
                   "diff")


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and labelling attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "placeholder", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@cache
def translations(lang: str) -> dict[str, str]:
    catalog = read_catalog(catalog_path(lang), locale=lang)
    return {m.id: m.string for m in catalog if m.id and not m.pluralizable}


@cache
def english_messages(lang: str) -> tuple[str, ...]:
    """Multi-word messages without placeholders whose ``lang`` translation differs."""
    return tuple(msgid for msgid, text in translations(lang).items()
                 if " " in msgid and "%(" not in msgid and text and text != msgid)


def assert_translated_page(html: str, lang: str, where: str) -> None:
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html, where
    text = visible_text(html)
    markers = [w for w in ENGLISH_MARKERS  # "Sections" is also French
               if translations(lang).get(w) != w and re.search(rf"\b{re.escape(w)}\b", text)]
    assert not markers, f"{where} in {lang}: English interface words {markers}"
    leftovers = [message for message in english_messages(lang) if message in text]
    assert not leftovers, f"{where} in {lang}: untranslated messages {leftovers[:5]}"


def get_ok(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_sign_in_follows_the_browser_language(client, lang):
    html = get_ok_with_language(client, "/sign-in", f"{lang},en;q=0.5")
    assert_translated_page(html, lang, "/sign-in")


def get_ok_with_language(client, path: str, accept_language: str) -> str:
    response = client.get(path, headers={"Accept-Language": accept_language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_unsupported_browser_language_falls_back_to_english(client):
    html = get_ok_with_language(client, "/sign-in", "de-DE,de;q=0.9")
    assert '<html lang="en" dir="ltr">' in html
    assert "Sign in" in html


def test_regional_variant_picks_the_language(client):
    html = get_ok_with_language(client, "/sign-in", "es-MX,es;q=0.9")
    assert '<html lang="es" dir="ltr">' in html


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_secretariat_pages_in_each_language(client, signed_in, lang):
    signed_in(Role.SECRETARIAT_ADMIN, None, locale=lang)
    for path in SECRETARIAT_PAGES:
        assert_translated_page(get_ok(client, path), lang, path)


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_workspace_pages_in_each_language(client, signed_in, cycle, lang):
    signed_in(Role.FOCAL_POINT, "KEN", locale=lang)
    base = f"/states/KEN/cycles/{cycle.id}/"
    for tail in WORKSPACE_PAGES:
        assert_translated_page(get_ok(client, base + tail), lang, base + tail)


def test_arabic_pages_are_right_to_left(client, signed_in, cycle):
    signed_in(Role.FOCAL_POINT, "KEN", locale="ar")
    html = get_ok(client, f"/states/KEN/cycles/{cycle.id}/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "تسجيل الخروج" in html  # "Sign out"


def test_language_switch_names_each_language_in_itself(client):
    html = get_ok_with_language(client, "/sign-in", "ru")
    for code, name in LANGUAGE_NAMES.items():
        assert re.search(rf'<option value="{code}" lang="{code}"[^>]*>{re.escape(name)}</option>',
                         html), code
    assert LANGUAGE_NAMES == {"ar": "العربية", "zh": "中文", "en": "English", "es": "Español",
                              "fr": "Français", "ru": "Русский"}


def test_switching_language_is_remembered_for_the_user(client, signed_in):
    user = signed_in(Role.FOCAL_POINT, "KEN", locale="en")
    html = get_ok(client, "/account")
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = client.post("/language", data={"csrf_token": token, "lang": "zh", "next": "/"})
    assert response.status_code == 302
    assert db.session.get(User, user.id).locale == "zh"
    assert '<html lang="zh" dir="ltr">' in get_ok(client, "/account")


@pytest.mark.parametrize(("lang", "deadline"), [
    ("en", "31 December 2026"), ("fr", "31 décembre 2026"), ("es", "31 de diciembre de 2026"),
    ("ru", "31 декабря 2026 года"), ("zh", "2026年12月31日"), ("ar", "31 كانون الأول/ديسمبر 2026"),
])
def test_pages_show_un_dates_in_their_language(client, signed_in, cycle, lang, deadline):
    """The home page shows the cycle deadline as the UN writes dates in the page's language."""
    assert cycle.deadline == date(2026, 12, 31)
    signed_in(Role.FOCAL_POINT, "KEN", locale=lang)
    html = get_ok(client, "/")
    assert deadline in html
    assert "Dec 31, 2026" not in html and "12/31/26" not in html and "31/12/2026" not in html


def test_french_numbers_and_percentages_use_french_conventions(app):
    """The template filters format per the page language (Babel)."""
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        render = app.jinja_env.from_string(
            "{{ 1234567.5 | number }}|{{ 0.25 | percent }}|{{ when | datetime }}").render
        number, percent, when = render(when=datetime(2026, 3, 1, 9, 30)).split("|")
    assert number == "1\u202f234\u202f567,5"
    assert percent == "25\u00a0%"
    assert when == "1er mars 2026 à 9 h 30 UTC"
