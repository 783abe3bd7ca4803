"""The form adapter of a field type: its WTForms field, and form data to and from its value.

The field types (``questionnaire.fields``) know answers; their adapters here know forms. Each
type name has exactly one adapter class, registered with ``@adapts``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from wtforms import Form
from wtforms.fields.choices import SelectChoice

from questionnaire.definition import Question
from questionnaire.expressions import is_empty as value_is_empty
from questionnaire.fields.base import FieldType, field_type_for

FORM_ADAPTERS: dict[str, type[FormAdapter]] = {}
"""The form adapter of each field type, by type name."""


def adapts(name: str) -> Callable[[type[FormAdapter]], type[FormAdapter]]:
    """Class decorator registering the form adapter of the field type ``name``."""

    def decorate(cls: type[FormAdapter]) -> type[FormAdapter]:
        if name in FORM_ADAPTERS:
            raise ValueError(f"form adapter for {name!r} registered twice")
        cls.type_name = name
        FORM_ADAPTERS[name] = cls
        return cls

    return decorate


def select_choices(pairs: Sequence[tuple[str, str]]) -> list[Any]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def make_form(name: str, fields: Mapping[str, Any]) -> type[Form]:
    """A WTForms form class with the given unbound fields."""
    return type(name, (Form,), dict(fields))


class FormAdapter:
    """The form side of one field type, bound to one question."""

    type_name: ClassVar[str] = ""

    def __init__(self, field_type: FieldType) -> None:
        self.field_type = field_type
        self.question = field_type.question

    def label(self, lang: str) -> str:
        return self.field_type.label(lang)

    def description(self, lang: str) -> str:
        return self.field_type.description(lang)

    def form_field(self, lang: str) -> Any:
        """An unbound WTForms field for this question, labelled in ``lang``."""
        raise NotImplementedError

    def from_form(self, field_data: Any) -> Any:
        """The JSON value of submitted form data, keeping what the user typed."""
        return None if value_is_empty(field_data) else field_data

    def to_form_data(self, value: Any) -> Any:
        """Data that populates this question's form field from a stored value."""
        return value

    def part_field_name(self, name: str, path: tuple[str, ...]) -> str:
        """The form field holding the part at ``path`` of the answer (see
        ``FieldType.part_messages``), inside this question's field ``name``."""
        return "-".join((name, *path))


def adapter_for(field_type: FieldType) -> FormAdapter:
    """The form adapter of a bound field type; KeyError for a type without one."""
    return FORM_ADAPTERS[field_type.name](field_type)


def form_adapter(question: Question) -> FormAdapter:
    """The form adapter of ``question``'s field type."""
    return adapter_for(field_type_for(question))
