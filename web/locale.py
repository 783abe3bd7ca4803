"""Which language a page is in: the user's choice, else the browser's."""

from __future__ import annotations

from flask import has_request_context, request, session
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

LANGUAGES = ("ar", "zh", "en", "es", "fr", "ru")
#: Each language named in itself, for the language switch.
LANGUAGE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
}
RTL_LANGUAGES = frozenset({"ar"})


def select_locale() -> str:
    if not has_request_context():
        return "en"
    try:
        if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
            return current_user.locale
    except SQLAlchemyError:  # the database is down: the error page is still in the language
        pass                 # of the session or the browser
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def text_direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"
