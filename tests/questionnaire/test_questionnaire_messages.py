"""Messages of the domain carry their limits and stay translatable as wholes."""

from pathlib import Path

from babel.support import Translations

from questionnaire.definition import Question, Text
from questionnaire.fields import field_type_for
from questionnaire.i18n import Message, _, translated

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def gettext_of(lang: str):
    return Translations.load(str(TRANSLATIONS), [lang]).gettext


def question(kind: str, **settings) -> Question:
    return Question(key="q.x", type=kind, label=Text({"en": "X"}), settings=settings)


def test_a_message_reads_as_english_and_keeps_its_parts():
    message = _("Enter at most %(limit)s characters.", limit=80)
    assert message == "Enter at most 80 characters."
    assert (message.template, message.values) == ("Enter at most %(limit)s characters.",
                                                  {"limit": 80})
    assert translated("plain text", str.upper) == "PLAIN TEXT"


def test_limits_are_in_the_messages():
    assert field_type_for(question("short_text", max_length=80)).validate("x" * 81) == [
        "Enter at most 80 characters."]
    assert field_type_for(question("integer", min=1, max=10)).validate(11) == [
        "Enter a number of at most 10."]
    assert field_type_for(question("decimal", min=0.5)).validate(0.25) == [
        "Enter a number of at least 0.5."]


def test_a_row_message_is_translated_as_a_whole():
    rows = [{"title": "A", "link": "javascript:alert(1)"}]
    [message] = field_type_for(question("citations")).validate(rows)
    assert isinstance(message, Message)
    assert message.startswith("Row 1: the link must be")
    french = translated(message, gettext_of("fr"))
    assert french.startswith("Ligne 1\u00a0: ") and "http" in french
    assert "the link" not in french  # the inner message is translated too


def test_every_language_translates_the_limit_messages():
    message = _("Enter at most %(limit)s characters.", limit=80)
    for lang in ("ar", "es", "fr", "ru", "zh"):
        text = translated(message, gettext_of(lang))
        assert "80" in text and text != str(message), lang
