"""The form for a cycle's report masthead: symbol, meeting, agenda item, original language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from questionnaire import LANGUAGES
from questionnaire.report.inputs import PLACEHOLDER_RE, SYMBOL_RE
from web.forms.fields import select_choices
from web.locale import LANGUAGE_NAMES


def per_language(prefix: str, label, max_length: int) -> dict[str, StringField]:
    """One text field per language (``<prefix>_<lang>``), all optional."""
    return {f"{prefix}_{lang}": StringField(label, validators=[Optional(), Length(max=max_length)],
                                            render_kw={"lang": lang,
                                                       "dir": "rtl" if lang == "ar" else "ltr"},
                                            description=LANGUAGE_NAMES[lang])
            for lang in LANGUAGES}


class ReportMastheadForm(FlaskForm):
    symbol = StringField(_l("Document symbol"), validators=[Optional(), Length(max=60)],
                         description=_l("As assigned by conference services, for example "
                                        "CTOC/COP/WG.12/2027/2. Without a symbol, the report "
                                        "is marked as a draft on every page."))
    original_language = SelectField(_l("Language of the original"), default="en",
                                    choices=select_choices([(code, LANGUAGE_NAMES[code])
                                                            for code in LANGUAGES]))
    meeting_start = DateField(_l("First day of the meeting"), validators=[Optional()])
    meeting_end = DateField(_l("Last day of the meeting"), validators=[Optional()])
    agenda_item = StringField(_l("Agenda item number"), validators=[Optional(), Length(max=10)],
                              description=_l("For example 2, or 3 (a)."))

    def validate_symbol(self, field) -> None:
        value = " ".join((field.data or "").split())
        if not value:
            return
        if not SYMBOL_RE.fullmatch(value):
            raise ValidationError(_l("Enter a document symbol such as CTOC/COP/WG.12/2027/2: "
                                     "capital letters, digits and full stops, parts separated "
                                     "by slashes."))
        if PLACEHOLDER_RE.search(value):
            raise ValidationError(_l("This is a placeholder, not a symbol. Enter the symbol "
                                     "assigned by conference services, or leave the field "
                                     "empty."))

    def validate_meeting_end(self, field) -> None:
        if field.data and self.meeting_start.data and field.data < self.meeting_start.data:
            raise ValidationError(_l("The last day cannot be before the first day."))

    def validate_agenda_item(self, field) -> None:
        if not field.data and any(self[f"agenda_title_{lang}"].data for lang in LANGUAGES):
            raise ValidationError(_l("Enter the number of the agenda item the title belongs to."))

    def texts(self, prefix: str) -> dict[str, str] | None:
        values = {lang: " ".join(self[f"{prefix}_{lang}"].data.split())
                  for lang in LANGUAGES if (self[f"{prefix}_{lang}"].data or "").strip()}
        return values or None


for _name, _field in {**per_language("meeting_place", _l("Place of the meeting"), 100),
                      **per_language("agenda_title", _l("Title of the agenda item"), 300)}.items():
    setattr(ReportMastheadForm, _name, _field)
