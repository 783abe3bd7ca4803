"""Forms of the focal point's team page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, widgets
from wtforms.validators import DataRequired

from models import Role
from web.form_fields import confirmation_field, email_field
from web.forms.fields.base import select_choices
from web.labels import role_label

INVITABLE_ROLES = (Role.CONTRIBUTOR, Role.OBSERVER)


class SectionsForm(FlaskForm):
    """The sections a contributor may edit; none ticked means every section."""

    sections = SelectMultipleField(
        _l("Sections this person may edit"),
        description=_l("Tick none to allow every section."),
        choices=[],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )

    def with_sections(self, choices: list[tuple[str, str]]) -> SectionsForm:
        self.sections.choices = select_choices(choices)
        return self


class InviteForm(SectionsForm):
    email = email_field()
    role = SelectField(
        _l("Role"),
        choices=lambda: select_choices([(role.value, role_label(role))
                                        for role in INVITABLE_ROLES]),
        validators=[DataRequired(_l("Choose a role."))],
        description=_l("Contributors edit answers; observers only read them."),
    )
    confirmed = confirmation_field()
