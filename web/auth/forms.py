"""Forms of the sign-in pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from web.accounts.passwords import password_problem
from web.form_fields import email_field
from web.forms.fields import select_choices
from web.locale import LANGUAGE_NAMES, LANGUAGES


class SignInForm(FlaskForm):
    email = email_field(missing=_l("Enter your email address."))
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")), Length(max=1024)])


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(_l("Enter the code.")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class NewPasswordForm(FlaskForm):
    """Choosing a password (invitation, reset). ``email`` is set by the view for the checks."""

    email_for_check: str | None = None
    name = StringField(_l("Your full name"), validators=[Length(max=200)])
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A few unrelated words make a strong password."),
        validators=[DataRequired(_l("Enter a password."))],
        render_kw={"autocomplete": "new-password"},
    )
    password_confirm = PasswordField(
        _l("Confirm the password"),
        validators=[DataRequired(_l("Enter the password again.")),
                    EqualTo("password", _l("The two passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )

    def validate_password(self, field) -> None:
        problem = password_problem(field.data or "", self.email_for_check)
        if problem:
            raise ValidationError(problem)


class ResetRequestForm(FlaskForm):
    email = email_field(missing=_l("Enter your email address."))


class EnrolForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[
        DataRequired(_l("Enter your password."))])
    code = StringField(_l("Code shown in your authenticator app"), validators=[
        DataRequired(_l("Enter the code.")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})


class DisableMfaForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[
        DataRequired(_l("Enter your password."))])


class ProfileForm(FlaskForm):
    name = StringField(_l("Your full name"), validators=[Length(max=200)])
    locale = SelectField(_l("Language"), choices=select_choices(
        [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]))


class LanguageForm(FlaskForm):
    lang = SelectField(choices=select_choices([(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]))
