"""UN editorial dates and times in the six languages (questionnaire.l10n.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from questionnaire.l10n import format_date, format_datetime, format_time

DEC_3 = date(2026, 12, 3)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "3 December 2026"),
    ("fr", "3 décembre 2026"),
    ("es", "3 de diciembre de 2026"),
    ("ru", "3 декабря 2026 года"),
    ("zh", "2026年12月3日"),
    ("ar", "3 كانون الأول/ديسمبر 2026"),
])
def test_un_editorial_date_in_each_language(lang, expected):
    assert format_date(DEC_3, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "30 June 2026"),
    ("fr", "30 juin 2026"),
    ("es", "30 de junio de 2026"),
    ("ru", "30 июня 2026 года"),  # the genitive month, as a date is written
    ("zh", "2026年6月30日"),
    ("ar", "30 حزيران/يونيه 2026"),  # UN Arabic spells June and July the Egyptian way
])
def test_month_forms(lang, expected):
    assert format_date(date(2026, 6, 30), lang) == expected


def test_french_first_of_the_month_is_1er():
    assert format_date(date(2003, 7, 1), "fr") == "1er juillet 2003"
    assert format_date(date(2003, 7, 1), "en") == "1 July 2003"


def test_every_arabic_month_has_both_names():
    months = {format_date(date(2026, month, 1), "ar").split(" ", 1)[1].rsplit(" ", 1)[0]
              for month in range(1, 13)}
    assert len(months) == 12 and all("/" in month for month in months)


@pytest.mark.parametrize("lang", ["ar", "zh", "en", "es", "fr", "ru"])
def test_no_numeric_date_in_any_language(lang):
    text = format_date(date(2026, 3, 12), lang)
    assert "/" not in text.replace("آذار/مارس", "") and "12.03" not in text
    assert "2026-03-12" not in text and "3/12" not in text and "12/3" not in text


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "3 December 2026, 13:05 UTC"),
    ("fr", "3 décembre 2026 à 13 h 05 UTC"),
    ("es", "3 de diciembre de 2026, 13.05 horas (UTC)"),
    ("ru", "3 декабря 2026 года, 13:05 (UTC)"),
    ("zh", "2026年12月3日 13:05（协调世界时）"),
    ("ar", "3 كانون الأول/ديسمبر 2026، الساعة 13:05 بالتوقيت العالمي المنسق"),
])
def test_times_say_their_zone(lang, expected):
    assert format_datetime(datetime(2026, 12, 3, 13, 5, tzinfo=UTC), lang) == expected


def test_other_zones_and_naive_values_are_shown_in_utc():
    vienna = timezone(timedelta(hours=1))
    assert format_datetime(datetime(2026, 12, 4, 0, 30, tzinfo=vienna), "en") == \
        "3 December 2026, 23:30 UTC"
    assert format_datetime(datetime(2026, 12, 3, 9, 0), "en") == "3 December 2026, 09:00 UTC"
    assert format_time(datetime(2026, 12, 3, 9, 0), "fr") == "9 h 00 UTC"


def test_empty_iso_and_unknown_language():
    assert format_date(None, "en") == "" and format_datetime(None, "fr") == ""
    assert format_date("2026-12-03", "es") == "3 de diciembre de 2026"
    assert format_date(datetime(2026, 12, 3, 23, 0, tzinfo=UTC), "zh") == "2026年12月3日"
    assert format_date(DEC_3, "fr_CA") == "3 décembre 2026"
    assert format_date(DEC_3, "de") == "3 December 2026"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "The deadline is 31 December 2026."),
    ("fr", "31 décembre 2026"), ("es", "31 de diciembre de 2026"),
    ("ru", "31 декабря 2026 года"), ("zh", "2026年12月31日"), ("ar", "31 كانون الأول/ديسمبر 2026"),
])
def test_reminder_mail_gives_the_deadline_as_a_un_date(app, lang, expected):
    from web.mail import send_template

    with app.test_request_context():
        message = send_template("focal@example.org", "reminder", lang, cycle="2026",
                                deadline=date(2026, 12, 31), link="https://envsaq.example/x",
                                state="Kenya")
    body = message.get_content()
    assert expected in body and "2026-12-31" not in body


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "26 March 2019"), ("fr", "26 mars 2019"), ("zh", "2019年3月26日"),
    ("ar", "26 آذار/مارس 2019"), ("ru", "26 марта 2019 года"), ("es", "26 de marzo de 2019"),
])
def test_date_answers_are_shown_as_un_dates(lang, expected):
    """A date answer in a PDF or the report reads as a UN date, not ISO (UX review m16)."""
    from questionnaire.definition import Question
    from questionnaire.fields import field_type_for

    question = Question(key="gen.untoc_date", type="date",
                        label={code: "Date" for code in ("ar", "zh", "en", "es", "fr", "ru")})
    node = field_type_for(question).display("2019-03-26", lang)
    assert expected in str(node) and "2019-03-26" not in str(node)
