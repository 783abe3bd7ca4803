"""Section forms generated from the definition through the field-type registry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from wtforms import Form

from questionnaire.definition import Definition, Question, Section
from questionnaire.fields.base import field_name, field_type_for
from questionnaire.line_breaks import normalized_line_breaks
from web.forms.fields import form_adapter, make_form

_FORM_CLASSES: dict[tuple[str, str, str], type[Form]] = {}

VERSION_PREFIX = "__v__"
HASH_PREFIX = "__h__"


def section_form_class(definition: Definition, section: Section, lang: str) -> type[Form]:
    """The WTForms class of a section in ``lang`` (built once per definition and language)."""
    cache_key = (definition.content_hash, section.key, lang)
    form_class = _FORM_CLASSES.get(cache_key)
    if form_class is None:
        fields = {field_name(q.key): form_adapter(q).form_field(lang) for q in section.questions}
        form_class = make_form(f"Section_{section.key}", fields)
        _FORM_CLASSES[cache_key] = form_class
    return form_class


def value_hash(value: Any) -> str:
    """A short fingerprint of a value, to tell an edit from a value merely carried in a form."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def form_from_values(definition: Definition, section: Section, lang: str,
                     values: Mapping[str, Any]) -> Form:
    data = {
        field_name(q.key): form_adapter(q).to_form_data(values.get(q.key))
        for q in section.questions
    }
    return section_form_class(definition, section, lang)(data=data)


def form_from_post(definition: Definition, section: Section, lang: str, formdata) -> Form:
    return section_form_class(definition, section, lang)(formdata=formdata)


def read_values(form: Form, section: Section) -> dict[str, Any]:
    """Question key -> JSON value, as typed (invalid values kept for the editor to fix), with
    the browser's CRLF line breaks as LF: the one place where form values enter the domain."""
    return {
        q.key: normalized_line_breaks(form_adapter(q).from_form(form[field_name(q.key)].data))
        for q in section.questions
        if not field_type_for(q).stored_by_upload
    }


def question_of_field(section: Section, name: str) -> Question | None:
    for question in section.questions:
        if field_name(question.key) == name:
            return question
    return None


def part_errors_by_question(section: Section, values: Mapping[str, Any]
                            ) -> dict[str, dict[str, list[str]]]:
    """Messages about the parts of composite answers (a statistics cell, a penalty's years),
    by question, then by the name of the form field to show them at, in the table's order."""
    found: dict[str, dict[str, list[str]]] = {}
    for question in section.questions:
        value = values.get(question.key)
        if value is None:
            continue
        parts = field_type_for(question).part_messages(value)
        if not parts:
            continue
        adapter = form_adapter(question)
        found[question.key] = {adapter.part_field_name(field_name(question.key), path): messages
                               for path, messages in parts.items()}
    return found


def by_field_name(by_question: Mapping[str, Mapping[str, list[str]]]) -> dict[str, list[str]]:
    """Part messages by field name only."""
    return {name: list(messages) for parts in by_question.values()
            for name, messages in parts.items()}


def part_errors(section: Section, values: Mapping[str, Any]) -> dict[str, list[str]]:
    """:func:`part_errors_by_question`, by field name only."""
    return by_field_name(part_errors_by_question(section, values))
