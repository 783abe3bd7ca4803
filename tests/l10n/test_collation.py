"""Lists of States sort by the collation of the page's language."""

from __future__ import annotations

from questionnaire.l10n import sort_key, sorted_by_name


def test_cote_divoire_comes_after_costa_rica_not_after_czechia():
    names = ["Czechia", "Côte d'Ivoire", "Cuba", "Costa Rica", "Croatia"]
    assert sorted_by_name(names, "en") == [
        "Costa Rica", "Côte d'Ivoire", "Croatia", "Cuba", "Czechia"]
    assert sorted(names) != sorted_by_name(names, "en")  # code-point order was wrong


def test_french_and_spanish_accents_count_after_the_letters():
    assert sorted_by_name(["Équateur", "Érythrée", "Espagne", "Égypte"], "fr") == [
        "Égypte", "Équateur", "Érythrée", "Espagne"]
    assert sorted_by_name(["Órgano", "Omán", "Países Bajos"], "es") == [
        "Omán", "Órgano", "Países Bajos"]


def test_russian_alphabet():
    assert sorted_by_name(["Эстония", "Япония", "Австрия", "Ёмен", "Австралия"], "ru") == [
        "Австралия", "Австрия", "Ёмен", "Эстония", "Япония"]


def test_arabic_ignores_the_article_and_hamza_as_un_lists_do():
    names = ["الأرجنتين", "أذربيجان", "إثيوبيا", "الاتحاد الروسي", "بوتان"]
    assert sorted_by_name(names, "ar") == [
        "الاتحاد الروسي", "إثيوبيا", "أذربيجان", "الأرجنتين", "بوتان"]


def test_sort_key_orders_objects_by_a_name():
    states = [("CZE", "Czechia"), ("CIV", "Côte d'Ivoire"), ("CRI", "Costa Rica")]
    ordered = sorted_by_name(states, "en", name=lambda state: state[1])
    assert [iso3 for iso3, _name in ordered] == ["CRI", "CIV", "CZE"]
    assert sort_key("", "zh") < sort_key("中国", "zh")
