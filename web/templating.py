"""What every template can use: the language, its direction, the language names."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_datetime, format_decimal, format_percent, get_locale
from flask_login import current_user

from models import utcnow
from web.labels import group_label, party_label, role_label
from web.locale import LANGUAGE_NAMES, LANGUAGES, text_direction


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def init_templating(app: Flask) -> None:
    app.jinja_env.autoescape = True
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def language_context() -> dict:
        lang = current_language()
        header_states: list[str] = []
        if current_user.is_authenticated:
            header_states = sorted(
                {m.state.name(lang) for m in current_user.memberships if m.state})
        return {
            "now": utcnow(),
            "header_states": header_states,
            "lang": lang,
            "text_dir": text_direction(lang),
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
        }

    app.jinja_env.globals.update(role_label=role_label, group_label=group_label,
                                 party_label=party_label)
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["number"] = lambda value: (
        format_decimal(value) if value is not None else "")
    app.jinja_env.filters["percent"] = lambda value: (
        format_percent(value) if value is not None else "")
