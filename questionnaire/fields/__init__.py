"""Field-type registry: one class per answer type, looked up by the question's `type`.

Importing this package registers every built-in type.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms import Form

from questionnaire.definition import Question
from questionnaire.fields import (  # noqa: F401  (imported to register the types)
    attachment,
    choice,
    crime_matrix,
    date,
    number,
    penalty,
    rows,
    statistics,
    text,
)
from questionnaire.fields.attachment import allowed_types, max_bytes
from questionnaire.fields.base import (
    FIELD_TYPES,
    FieldType,
    field_name,
    field_type_for,
    node_text,
    register,
)


def form_class(
    questions: Iterable[Question], lang: str, base: type = Form, name: str = "QuestionsForm"
) -> type[Any]:
    """A form class with one field per question, named by `field_name(question.key)`."""
    fields = {field_name(q.key): field_type_for(q).form_field(lang) for q in questions}
    return type(name, (base,), fields)


__all__ = [
    "FIELD_TYPES",
    "FieldType",
    "allowed_types",
    "field_name",
    "field_type_for",
    "form_class",
    "max_bytes",
    "node_text",
    "register",
]
