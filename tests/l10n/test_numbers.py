"""Numbers read as people type them in their language, and written in its format."""

from __future__ import annotations

import pytest

from questionnaire.l10n import NumberParseError, format_number, parse_number


@pytest.mark.parametrize(("lang", "typed", "value"), [
    ("en", "1,000", 1000), ("en", "1 000", 1000), ("en", "1,234,567.5", 1234567.5),
    ("en", "1.5", 1.5), ("zh", "1,000", 1000), ("ar", "1,000", 1000),
    ("fr", "1 000", 1000), ("fr", "1\u202f000", 1000), ("fr", "1\u00a0000,5", 1000.5),
    ("fr", "2,5", 2.5), ("ru", "1 000", 1000), ("ru", "12,75", 12.75),
    ("es", "1.000", 1000), ("es", "1.234.567,5", 1234567.5), ("es", "2,5", 2.5),
    ("en", "1.234,5", 1234.5),  # both marks: the last one is the decimal mark
    ("ar", "١٢٣", 123), ("ar", "١٬٠٠٠", 1000), ("ar", "١٢٫٥", 12.5), ("ar", "۱۲", 12),
    ("zh", "１２", 12), ("zh", "１，０００", 1000), ("zh", "３．５", 3.5),
    ("en", "-5", -5), ("en", "\u22125", -5), ("en", "+7", 7), ("en", " 42 ", 42),
])
def test_typed_numbers_are_read(lang, typed, value):
    result = parse_number(typed, lang)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize(("lang", "typed"), [("fr", "1.000"), ("ru", "1.000")])
def test_a_point_before_three_digits_is_ambiguous_where_the_point_is_no_group_mark(lang, typed):
    with pytest.raises(NumberParseError) as raised:
        parse_number(typed, lang)
    assert raised.value.reason == "ambiguous"


@pytest.mark.parametrize("typed", ["12abc", "1 2", "1,23,4", "1,234.5.6", "--1", ".5", "5.",
                                   "1\u202f00", "12345678901234567"])
def test_malformed_numbers_are_refused(typed):
    with pytest.raises(NumberParseError) as raised:
        parse_number(typed, "en")
    assert raised.value.reason == "invalid"


def test_blank_is_no_number():
    assert parse_number("", "en") is None and parse_number("  ", "fr") is None
    assert parse_number(None, "ar") is None


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1,234,567.5"), ("zh", "1,234,567.5"), ("ar", "1,234,567.5"),
    ("fr", "1\u202f234\u202f567,5"), ("ru", "1\u00a0234\u00a0567,5"), ("es", "1.234.567,5"),
])
def test_numbers_are_written_in_the_language_format(lang, expected):
    assert format_number(1234567.5, lang) == expected
    assert parse_number(expected, lang) == 1234567.5  # what is shown reads back


def test_format_number_details():
    assert format_number(None, "en") == ""
    assert format_number(3.0, "fr") == "3"
    assert format_number(0.1 + 0.2, "en") == "0.3"
    assert format_number(12, "es") == "12"
    assert format_number(10**30, "en") == str(10**30)  # too large for Babel: shown as it is
