"""The form that opens a reporting cycle."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from services.registry import get_state
from web.forms.fields import select_choices


class OpenCycleForm(FlaskForm):
    name = StringField(_l("Name of the cycle"), validators=[Optional(), Length(max=200)],
                       description=_l("Leave it empty to name the cycle after the year of its "
                                      "opening date (“Reporting cycle 2027”): a name of that "
                                      "form is shown in each of the six languages."))
    version = SelectField(_l("Questionnaire version"), coerce=int,
                          validators=[DataRequired(_l("Choose a questionnaire version."))])
    opens = DateField(_l("Opening date"), default=date.today, validators=[
        DataRequired(_l("Enter the opening date as a date."))])
    deadline = DateField(_l("Deadline"), validators=[
        DataRequired(_l("Enter the deadline as a date."))])
    scope = RadioField(_l("Invited States"), default="all", choices=select_choices([
        ("all", _l("All States and organizations in the registry")),
        ("some", _l("Only the States listed below"))]))
    states = TextAreaField(_l("ISO 3166 alpha-3 codes, separated by spaces or commas"),
                           validators=[Length(max=5000)])

    def selected_states(self) -> list[str] | None:
        if self.scope.data == "all":
            return None
        return [code.upper() for code in re.split(r"[\s,;]+", self.states.data or "") if code]

    def validate_deadline(self, field) -> None:
        if field.data and self.opens.data and field.data < self.opens.data:
            raise ValidationError(_l("The deadline cannot be before the opening date."))

    def validate_states(self, field) -> None:
        codes = self.selected_states()
        if codes is None:
            return
        if not codes:
            raise ValidationError(_l("List at least one State code."))
        unknown = [code for code in codes if get_state(code) is None]
        if unknown:
            raise ValidationError(_l("Unknown State codes: %(codes)s.", codes=", ".join(unknown)))


class CloseCycleForm(FlaskForm):
    """The button that closes an open cycle (CSRF only)."""


class ChangeCycleForm(FlaskForm):
    """Rename a cycle or move its deadline; the messages stand at the field they are about."""

    name = StringField(_l("Name of the cycle"), validators=[
        DataRequired(_l("Enter a name for the cycle.")), Length(max=200, message=_l(
            "The name can have at most %(max)d characters."))])
    deadline = DateField(_l("Deadline"), validators=[
        DataRequired(_l("Enter the deadline as a date."))],
        description=_l("Focal points see the new deadline at once; reminders sent after a "
                       "passed deadline say that the answers are overdue."))

    def __init__(self, *args, opens: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opens = opens

    def validate_deadline(self, field) -> None:
        if field.data and self.opens and field.data < self.opens:
            raise ValidationError(_l("The deadline cannot be before the opening date "
                                     "(%(opens)s).", opens=self.opens.isoformat()))
