"""Form fields used by several forms, defined once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField
from wtforms.validators import DataRequired, Email, Length, Optional


def email_field(label=None, *, missing=None, **kwargs) -> EmailField:
    """An email address: required, well formed (no DNS lookup), at most 320 characters."""
    return EmailField(label or _l("Email address"), validators=[
        DataRequired(missing or _l("Enter the email address.")),
        Email(_l("Enter an email address in the correct format, like name@example.org."),
              check_deliverability=False),
        Length(max=320),
    ], **kwargs)


def confirmation_field() -> HiddenField:
    """What the user confirmed on a warning step: space-separated codes, empty at first."""
    return HiddenField(validators=[Optional(), Length(max=200)])


def confirmed_codes(field: HiddenField) -> list[str]:
    return (field.data or "").split()
