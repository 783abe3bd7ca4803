"""The form side of the field types: one adapter per type name, and section form classes.

Importing this package registers every adapter (a test checks one exists per field type).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms import Form

from questionnaire.definition import Question
from questionnaire.fields import field_name
from web.forms.fields import (  # noqa: F401  (imported to register the adapters)
    attachment,
    choice,
    crime_matrix,
    number,
    penalty,
    rows,
    statistics,
    text,
)
from web.forms.fields.base import (
    FORM_ADAPTERS,
    FormAdapter,
    adapter_for,
    form_adapter,
    make_form,
    select_choices,
)


def form_class(
    questions: Iterable[Question], lang: str, base: type = Form, name: str = "QuestionsForm"
) -> type[Any]:
    """A form class with one field per question, named by `field_name(question.key)`."""
    fields = {field_name(q.key): form_adapter(q).form_field(lang) for q in questions}
    return type(name, (base,), fields)


__all__ = [
    "FORM_ADAPTERS",
    "FormAdapter",
    "adapter_for",
    "form_adapter",
    "form_class",
    "make_form",
    "select_choices",
]
