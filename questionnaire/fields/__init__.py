"""Field-type registry: one class per answer type, looked up by the question's `type`.

Importing this package registers every built-in type.
"""

from __future__ import annotations

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

__all__ = [
    "FIELD_TYPES",
    "FieldType",
    "allowed_types",
    "field_name",
    "field_type_for",
    "max_bytes",
    "node_text",
    "register",
]
