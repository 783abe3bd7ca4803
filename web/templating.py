"""What every template can use: the language, its direction, the language names."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import format_percent, get_locale, gettext
from flask_login import current_user

from models import TokenEnd, utcnow
from questionnaire import l10n
from questionnaire.i18n import translated
from services.tokens import ENDED_MESSAGES
from web.labels import (
    action_label,
    change_source_label,
    group_label,
    invitation_end_label,
    job_status_label,
    party_label,
    role_label,
    section_status_label,
    workflow_label,
)
from web.locale import LANGUAGE_NAMES, LANGUAGES, text_direction
from web.person_names import person_name
from web.template_cache import COMPILED_TEMPLATES


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def message_text(message: str) -> str:
    """A domain message (``questionnaire.i18n``) in the page's language."""
    return translated(message, gettext, current_language())


def init_templating(app: Flask) -> None:
    """Template globals, filters and the language context. Escaping stays Flask's choice by
    file name: HTML templates are escaped, the plain-text mails are not (escaping them would
    write "Côte d&#39;Ivoire" into a message)."""
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES

    @app.context_processor
    def language_context() -> dict:
        lang = current_language()
        header_states: list[str] = []
        if current_user.is_authenticated:
            header_states = l10n.sorted_by_name(
                {m.state.name(lang) for m in current_user.memberships if m.state}, lang)
        return {
            "nav_endpoints": current_app.view_functions,
            "now": utcnow(),
            "header_states": header_states,
            "lang": lang,
            "text_dir": text_direction(lang),
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
        }

    from questionnaire.fields.base import field_type_for
    from questionnaire.numbering import question_numbers

    app.jinja_env.globals.update(
        field_type_for=field_type_for, question_numbers=question_numbers,
        role_label=role_label, group_label=group_label, party_label=party_label,
        workflow_label=workflow_label, section_status_label=section_status_label,
        action_label=action_label, job_status_label=job_status_label,
        change_source_label=change_source_label, invitation_end_label=invitation_end_label,
        token_end_message=lambda reason: message_text(ENDED_MESSAGES[TokenEnd(reason)]))
    # Dates, times and numbers as the UN writes them in the page's language; one style, never
    # a numeric short date (questionnaire.l10n; the PDFs use the same functions).
    app.jinja_env.filters["datetime"] = lambda value, *_style: (
        l10n.format_datetime(value, current_language()))
    app.jinja_env.filters["date"] = lambda value, *_style: (
        l10n.format_date(value, current_language()))
    app.jinja_env.filters["time"] = lambda value: l10n.format_time(value, current_language())
    app.jinja_env.filters["number"] = lambda value: l10n.format_number(value, current_language())
    app.jinja_env.filters["articles"] = lambda refs: l10n.article_references(
        refs, current_language())
    app.jinja_env.filters["person"] = person_name
    app.jinja_env.filters["cycle_name"] = lambda name: l10n.cycle_name(name, current_language())
    # Messages of the questionnaire's domain (questionnaire.i18n): translated, then filled in.
    app.jinja_env.filters["message"] = message_text
    app.jinja_env.filters["percent"] = lambda value: (
        format_percent(value) if value is not None else "")
