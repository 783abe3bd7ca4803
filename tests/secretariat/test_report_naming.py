"""The anonymous report's quote filter, both ways: adjectives of nationality and short names
name a State; ordinary words that equal a State's name in some language do not."""

from __future__ import annotations

import pytest

from questionnaire.report.naming import demonyms, state_names
from tests.secretariat.report_data import STATES

NAMES = state_names((name for state in STATES for name in state.names.values()),
                    (state.iso3 for state in STATES))

NAMING = [
    # Adjectives and nouns of nationality, declined or not.
    ("en", "The Brazilian authorities seized the timber."),
    ("en", "Cooperation with French prosecutors was good."),
    ("en", "Two Nigerians were convicted."),
    ("fr", "Les autorités brésiliennes ont saisi le bois."),
    ("fr", "Les enquêteurs français ont aidé."),
    ("es", "Las autoridades brasileñas incautaron la madera."),
    ("es", "Con la fiscalía francesa y los jueces alemanes."),
    ("ru", "Бразильские власти изъяли древесину."),
    ("ru", "совместно с французскими прокурорами"),
    ("ar", "صادرت السلطات البرازيلية الأخشاب."),
    ("ar", "بالتعاون مع النيابة العامة الفرنسية"),
    ("ar", "خبراء فرنسيون"),
    # Short and former names the registry does not carry.
    ("en", "Timber shipped to the United States and Russia."),
    ("fr", "Le bois a été expédié en Russie."),
    ("ru", "Древесина отправлена в Россию."),
    ("ar", "تم شحن الأخشاب إلى روسيا"),
    ("zh", "木材被运往俄罗斯"),
    # Mali and Togo where they are the States.
    ("ar", "التعاون مع مالي في مجال الحياة البرية"),
    ("ar", "بالتعاون بين النيجر ومالي وبمالي"),
    ("ru", "Сотрудничество с Того и Ганой."),
    # Particles attached in Arabic; the article contracted after ل.
    ("ar", "وصلت الشحنة للصين"),
    ("ar", "وبالبرازيل"),
]

NOT_NAMING = [
    # Arabic "مالي" is "financial"; with the article, "the financial".
    ("ar", "يلزم دعم تقني ومالي للمحاكم"),
    ("ar", "التحقيق المالي الموازي"),
    ("ar", "الموارد المالية محدودة"),
    # Russian "того" is "of that"; "Того" begins a sentence as a word too.
    ("ru", "Кроме того, для того чтобы расследовать такие дела, нужны эксперты."),
    ("ru", "Того же мнения придерживаются суды."),
    # Chinese words that contain a name: international, State(s), a language, a tax.
    ("zh", "加强非法国际贸易的执法国际合作"),
    ("zh", "其中国际合作最为重要"),
    ("zh", "向发展中国家提供援助"),
    ("zh", "请求须以西班牙语或法语提出"),
    ("zh", "增加纳税人的负担"),
    # Languages are not States.
    ("en", "Requests are accepted in English, French and Spanish."),
    ("en", "A translation into Portuguese is needed."),
    ("fr", "Les demandes sont acceptées en anglais et en français."),
    ("es", "Se aceptan solicitudes en inglés, francés y español."),
    ("ru", "Запросы принимаются на английском и французском языках."),
    ("ru", "На китайском языке; малые суда"),
    ("ar", "تقبل الطلبات باللغة الإنكليزية والفرنسية"),
    ("ar", "الترجمة إلى الصينية"),
    # Regions and lower-case words.
    ("en", "Latin American and Caribbean States met in the Indian Ocean region."),
    ("es", "Los delitos en la región latinoamericana; una cuba de vino y chile picante."),
    ("en", "The fine china and a guinea fowl."),
    ("en", "Judges would welcome training on the valuation of environmental damage."),
]


@pytest.mark.parametrize(("lang", "text"), NAMING)
def test_a_quote_naming_a_state_is_found(lang, text):
    assert NAMES.found(text, lang), text
    assert NAMES.found(text), text  # and when its language is not known


@pytest.mark.parametrize(("lang", "text"), NOT_NAMING)
def test_ordinary_words_are_not_state_names(lang, text):
    assert NAMES.found(text, lang) is None, (text, NAMES.found(text, lang))


def test_adjectives_are_read_in_the_language_of_the_answer():
    # "china" is the Spanish feminine of "Chinese", and English for porcelain.
    assert NAMES.found("La delegación china cooperó.", "es") == "china"
    assert NAMES.found("The fine china was seized.", "en") is None
    assert NAMES.found("The fine china was seized.")  # language unknown: left out, to be safe


def test_the_table_covers_the_registry_in_five_languages():
    table = demonyms()
    assert {state.iso3 for state in STATES} == set(table)
    for lang in ("en", "fr", "es", "ru"):
        covered = sum(1 for entry in table.values() if entry.get(lang))
        assert covered >= 180, (lang, covered)
    assert sum(1 for entry in table.values() if entry.get("ar")) >= 160
    assert "ar" not in table["MLI"] and "ar" not in table["QAT"]  # ordinary words in Arabic


def test_only_the_states_asked_for_are_looked_for():
    kenya = state_names(["Kenya"], ["KEN"])
    assert kenya.found("Kenyan rangers") and kenya.found("кенийские рейнджеры")
    assert kenya.found("Brazilian rangers") is None
