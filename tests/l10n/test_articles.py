"""Article references keep their order in right-to-left text."""

from __future__ import annotations

from questionnaire.l10n import article_reference, article_references
from questionnaire.l10n.articles import LRI, PDI


def test_arabic_reference_is_isolated_and_uses_arabic_letters():
    assert article_reference("6(2)(b)", "ar") == f"{LRI}6(2)(ب){PDI}"
    assert article_reference("16(5)(a)", "ar") == f"{LRI}16(5)(أ){PDI}"


def test_arabic_list_uses_the_arabic_comma():
    assert article_references(["6", "6(2)(b)"], "ar") == f"{LRI}6{PDI}، {LRI}6(2)(ب){PDI}"


def test_other_languages_keep_latin_letters():
    assert article_references(["6", "6(2)(b)"], "en") == "6, 6(2)(b)"
    assert article_references(["6", "6(2)(b)"], "fr") == "6, 6(2)(b)"
    assert article_references(["6", "6(2)(b)"], "zh") == "6、6(2)(b)"


def test_pdf_and_page_filters_isolate_references(app):
    from exports.i18n import pdf_environment

    rendered = pdf_environment("ar").from_string("{{ refs|articles }}").render(
        refs=["6", "6(2)(b)"])
    assert rendered == f"{LRI}6{PDI}، {LRI}6(2)(ب){PDI}"
    joined = pdf_environment("en").from_string("{{ refs|articles }}").render(refs="6, 6(2)(b)")
    assert joined == "6, 6(2)(b)"
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        page = app.jinja_env.from_string("{{ refs|articles }}").render(refs=["16(5)(a)"])
    assert page == f"{LRI}16(5)(أ){PDI}"
