"""Reporting cycles named after their year read in the page's language (UX review p16)."""

from __future__ import annotations

import pytest

from models import Role
from questionnaire.l10n import cycle_name, default_cycle_name


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Reporting cycle 2026"),
    ("fr", "Cycle d'établissement de rapports 2026"),
    ("es", "Ciclo de presentación de informes de 2026"),
    ("ru", "Отчетный цикл 2026 года"),
    ("zh", "2026年报告周期"),
    ("ar", "دورة الإبلاغ لعام 2026"),
])
def test_a_cycle_named_after_its_year_reads_in_each_language(lang, expected):
    assert cycle_name("Reporting cycle 2026", lang) == expected
    assert cycle_name("دورة الإبلاغ لعام 2026", lang) == expected  # typed in another language
    if lang != "en":
        assert cycle_name("2026 reporting cycle", lang) == expected
    else:  # an English name of that form is kept as it was typed
        assert cycle_name("2026 reporting cycle", lang) == "2026 reporting cycle"


def test_other_names_are_kept_and_the_default_is_built_from_the_year():
    assert cycle_name("Pilot round (Africa)", "ar") == "Pilot round (Africa)"
    assert default_cycle_name(2027) == "Reporting cycle 2027"


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "دورة الإبلاغ لعام 2026"), ("zh", "2026年报告周期")])
def test_arabic_and_chinese_pages_show_the_cycle_in_their_language(client, signed_in, cycle,
                                                                    lang, expected):
    assert cycle.name == "2026 reporting cycle"
    signed_in(Role.FOCAL_POINT, "KEN", locale=lang)
    html = client.get(f"/states/KEN/cycles/{cycle.id}/").get_data(as_text=True)
    assert expected in html and "reporting cycle" not in html.lower()


def test_mail_names_the_cycle_in_the_recipients_language(app):
    from web.mail import send_template

    with app.test_request_context():
        message = send_template("focal@example.org", "reminder", "zh", cycle="Reporting cycle 2026",
                                deadline="2026-12-31", link="https://envsaq.example/x",
                                state="肯尼亚")
    assert "2026年报告周期" in message.get_content() and "Reporting cycle" not in str(
        message["Subject"])
