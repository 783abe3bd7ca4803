"""Form adapters of choice answers: yes_partly_no, single_choice, multiple_choice."""

from __future__ import annotations

from typing import Any

from wtforms import SelectField

from web.forms.fields.base import FormAdapter, adapts, select_choices
from web.forms.fields.inputs import RadioField, SelectMultipleField

MAX_RADIO_OPTIONS = 8
"""More options than this render as a drop-down instead of radio buttons."""


class ChoiceForm(FormAdapter):
    def form_field(self, lang: str) -> Any:
        choices = self.field_type.choices(lang)  # type: ignore[attr-defined]
        if len(choices) > MAX_RADIO_OPTIONS:
            return SelectField(
                self.label(lang), choices=select_choices([("", ""), *choices]),
                validate_choice=False, description=self.description(lang),
            )
        return RadioField(
            self.label(lang), choices=select_choices(choices), validate_choice=False,
            description=self.description(lang),
        )

    def from_form(self, field_data: Any) -> Any:
        if field_data in (None, "", "None"):
            return None
        return field_data


@adapts("yes_partly_no")
class YesPartlyNoForm(ChoiceForm):
    pass


@adapts("single_choice")
class SingleChoiceForm(ChoiceForm):
    pass


@adapts("multiple_choice")
class MultipleChoiceForm(FormAdapter):
    def form_field(self, lang: str) -> Any:
        exclusive = self.field_type.exclusive_values()  # type: ignore[attr-defined]
        return SelectMultipleField(
            self.label(lang),
            choices=select_choices(self.field_type.choices(lang)),  # type: ignore[attr-defined]
            validate_choice=False,
            description=self.description(lang),
            # Read by the template: these boxes are ticked alone (the page's script unticks).
            render_kw={"data-exclusive": " ".join(exclusive)} if exclusive else None,
        )

    def from_form(self, field_data: Any) -> Any:
        if not field_data:
            return None
        picked = set(field_data)
        known = [option.value for option in self.question.options if option.value in picked]
        unknown = [item for item in field_data if item not in known]
        return known + unknown

    def to_form_data(self, value: Any) -> Any:
        return list(value) if isinstance(value, list) else []
