"""Forms of the administration pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from models import STATE_ROLES, Role
from services.registry import get_state
from web.form_fields import confirmation_field, email_field
from web.forms.fields import select_choices
from web.labels import ROLE_LABELS


def role_choices() -> list[tuple[str, str]]:
    return select_choices([(role.value, str(label)) for role, label in ROLE_LABELS.items()])


class RoleForm(FlaskForm):
    """A role, and the State it applies to when it is a State role."""

    role = SelectField(_l("Role"), choices=role_choices, validators=[DataRequired()])
    state = StringField(
        _l("State (ISO 3166 alpha-3 code)"),
        description=_l("Required for focal points, contributors and observers, e.g. KEN."),
        # Not Optional(): it would skip validate_state, and an empty code is no State.
        filters=[lambda code: (code or "").strip().upper() or None],
        validators=[Length(max=3)],
    )

    def validate_state(self, field) -> None:
        role = Role(self.role.data) if self.role.data in Role._value2member_map_ else None
        code = field.data or ""
        if role in STATE_ROLES:
            if not code:
                raise ValidationError(_l("Enter the State's three-letter code."))
            if get_state(code) is None:
                raise ValidationError(_l("There is no State with the code %(code)s.", code=code))
        elif code:
            raise ValidationError(
                _l("Secretariat roles are not tied to a State; leave this empty."))
        field.data = code or None


class InvitationForm(RoleForm):
    email = email_field()
    confirmed = confirmation_field()


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = StringField(_l("Action"), validators=[Optional(), Length(max=64)])
    actor = StringField(_l("User"), validators=[Optional(), Length(max=320)])
    state = StringField(_l("State"), validators=[Optional(), Length(max=3)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
