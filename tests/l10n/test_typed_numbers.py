"""Numbers typed in a question are read as people write them in the page's language, and
shown back in its format (UX review M6; issue 15)."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from questionnaire.fields import field_type_for
from web.forms.fields.base import adapter_for


def adapter(definition, key):
    return adapter_for(field_type_for(definition.question(key)))


@pytest.mark.parametrize(("lang", "typed", "stored"), [
    ("en", "1,250", 1250), ("fr", "1 250", 1250), ("fr", "1\u202f250", 1250),
    ("es", "1.250", 1250), ("ru", "1 250", 1250), ("ar", "١٬٢٥٠", 1250), ("zh", "１２５０", 1250),
])
def test_integer_answers_are_read_in_the_page_language(app, definition, lang, typed, stored):
    integer = adapter(definition, "op1.coop.mla_requests_sent")
    with app.test_request_context(), force_locale(lang):
        value = integer.from_form(typed)
        assert value == stored
        shown = integer.to_form_data(value)
        assert integer.from_form(shown) == stored  # what is shown reads back
    assert field_type_for(definition.question("op1.coop.mla_requests_sent")).validate(
        value, {}) == []


def test_an_ambiguous_number_is_kept_as_typed_and_refused(app, definition):
    integer = adapter(definition, "op1.coop.mla_requests_sent")
    with app.test_request_context(), force_locale("fr"):
        value = integer.from_form("1.000")  # a thousand, or one? French writes neither so
    assert value == "1.000"
    assert field_type_for(definition.question("op1.coop.mla_requests_sent")).validate(
        value, {})


def test_french_page_shows_numbers_in_french_format(app, definition):
    integer = adapter(definition, "op1.coop.mla_requests_sent")
    with app.test_request_context(), force_locale("fr"):
        assert integer.to_form_data(1250) == "1\u202f250"
    with app.test_request_context(), force_locale("en"):
        assert integer.to_form_data(1250) == "1,250"


def test_statistics_cells_accept_group_separators(app, definition):
    statistics = adapter(definition, "op1.enf.statistics")
    field_type = field_type_for(definition.question("op1.enf.statistics"))
    year = field_type.years()[0]
    measure = field_type.measures()[0][0]
    with app.test_request_context(), force_locale("en"):
        value = statistics.from_form({f"y{year}": {measure: "1,000"}})
        assert value == {str(year): {measure: 1000}}
        assert statistics.to_form_data(value)[f"y{year}"][measure] == "1,000"
    with app.test_request_context(), force_locale("ar"):
        assert statistics.from_form({f"y{year}": {measure: "٣"}}) == {str(year): {measure: 3}}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1,234,567.5"), ("zh", "1,234,567.5"), ("ar", "1,234,567.5"),
    ("fr", "1\u202f234\u202f567,5"), ("ru", "1\u00a0234\u00a0567,5"), ("es", "1.234.567,5"),
])
def test_page_number_filter_in_each_language(app, lang, expected):
    with app.test_request_context(), force_locale(lang):
        assert app.jinja_env.from_string("{{ value|number }}").render(value=1234567.5) == expected
