"""Field types: validation, emptiness, display, summary, gap status and form round trips."""

from pathlib import Path
from typing import Any

import pytest
import wtforms
from werkzeug.datastructures import MultiDict

from questionnaire import LANGUAGES
from questionnaire.definition import Question, Text
from questionnaire.fields import (
    FIELD_TYPES,
    FieldType,
    allowed_types,
    field_name,
    field_type_for,
    max_bytes,
    register,
)
from questionnaire.gaps import GapStatus
from questionnaire.loader import load_definition
from web.forms.fields import FORM_ADAPTERS, adapter_for, form_class

DEFINITION = load_definition(Path(__file__).parent / "fixtures" / "good.yaml")


def ft(key: str) -> FieldType:
    return field_type_for(DEFINITION.question(key))


def posted(key: str, pairs: list[tuple[str, str]], lang: str = "en") -> Any:
    """Submit `pairs` (suffix, value) to a one-field form and return from_form's value."""
    field_type = ft(key)
    name = field_name(key)
    adapter = adapter_for(field_type)
    form_type = type("F", (wtforms.Form,), {name: adapter.form_field(lang)})
    form = form_type(formdata=MultiDict([(name + suffix, value) for suffix, value in pairs]))
    return adapter.from_form(form[name].data)


def round_trip(key: str, value: Any, lang: str = "en") -> Any:
    """Populate a form from `value` and read it back."""
    field_type = ft(key)
    name = field_name(key)
    adapter = adapter_for(field_type)
    form_type = type("F", (wtforms.Form,), {name: adapter.form_field(lang)})
    form = form_type(data={name: adapter.to_form_data(value)})
    return adapter.from_form(form[name].data)


SAMPLES: dict[str, Any] = {
    "legislation.has_law": "partly",
    "legislation.citations": [
        {"title": "Wildlife Act", "articles": "12-14", "year": 2019, "status": "in_force",
         "link": "https://example.org/act"},
        {"title": "Forest Bill", "status": "bill"},
    ],
    "legislation.liability": ["criminal", "civil"],
    "legislation.matrix": {
        "wildlife": {"criminalized": "yes", "liability": ["criminal"], "note": "CITES",
                     "max_penalty": {"kind": "term", "years": 5, "months": 6,
                                     "fine": "EUR 10,000"}},
        "timber": {"criminalized": "partly", "max_penalty": {"kind": "life"}},
    },
    "legislation.penalty": {"kind": "term", "years": 3},
    "legislation.year": 1999,
    "enforcement.agency": "customs",
    "enforcement.officers": 120,
    "enforcement.budget": 2.5,
    "enforcement.since": "2020-01-31",
    "enforcement.stats": {"2021": {"recorded": 4, "prosecuted": "not_known"},
                          "2023": {"recorded": 7}},
    "enforcement.cases": [{"summary": "Seizure of ivory", "year": 2022, "court": "High Court"}],
    "victims.measures": "Victims may join proceedings.\nSecond line.",
    "victims.contact": "Ms X",
    "victims.report": {"id": "f1", "filename": "report.pdf", "size": 2048,
                       "content_type": "application/pdf"},
}


def test_registry_holds_every_type_once():
    assert set(FIELD_TYPES) == {
        "yes_partly_no", "single_choice", "multiple_choice", "short_text", "long_text",
        "integer", "decimal", "year", "date", "penalty", "citations", "cases", "statistics",
        "crime_matrix", "attachment",
    }
    assert all(cls.name == name for name, cls in FIELD_TYPES.items())
    with pytest.raises(ValueError, match="registered twice"):
        register("integer")(type("Again", (FieldType,), {}))
    assert set(SAMPLES) == {q.key for q in DEFINITION.questions}


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_samples_are_valid_and_not_empty(key):
    field_type = ft(key)
    assert field_type.validate(SAMPLES[key]) == []
    assert not field_type.is_empty(SAMPLES[key])
    for empty in (None, "", [], {}):
        assert field_type.is_empty(empty)
        assert field_type.validate(empty) == []
        assert field_type.display(empty, "fr") == {"kind": "empty"}


@pytest.mark.parametrize("key", sorted(set(SAMPLES) - {"victims.report"}))
def test_form_round_trip_keeps_the_value(key):
    for lang in ("en", "ar", "zh"):
        assert round_trip(key, SAMPLES[key], lang) == SAMPLES[key]


@pytest.mark.parametrize("key", sorted(SAMPLES))
@pytest.mark.parametrize(
    "junk",
    [{"unexpected": "mapping"}, ["a", {"b": 1}], "x" * 1_000_001, 10**30, 3.5, True,
     {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": 1}}}}}}}}],
)
def test_wrong_shapes_give_messages_not_exceptions(key, junk):
    field_type = ft(key)
    messages = field_type.validate(junk)
    if key in ("enforcement.budget",) and junk == 3.5:
        assert messages == []
        return
    assert messages and all(isinstance(m, str) for m in messages)
    assert field_type.gap(junk) in (None, GapStatus.no_answer) or all(
        status == GapStatus.no_answer for status in field_type.gap(junk).values()
    )
    field_type.display(junk, "en")  # never raises
    assert field_type.summarize([("FRA", junk)], "en")["display"]["kind"] == "table"


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_form_field_builds_with_label_and_help_in_language(key):
    for lang in LANGUAGES:
        form = type("F", (wtforms.Form,), {"f": adapter_for(ft(key)).form_field(lang)})()
        assert form.f.label.text == DEFINITION.question(key).label.get(lang)
        assert str(form.f)  # renders
    has_law = adapter_for(ft("legislation.has_law"))
    helped = type("F", (wtforms.Form,), {"f": has_law.form_field("en")})()
    assert helped.f.description == "Help text"


def test_field_name_replaces_dots():
    assert field_name("op1.crim.matrix") == "op1__crim__matrix"
    section_form = form_class(DEFINITION.section("enforcement").questions, "es")()
    assert "enforcement__officers" in section_form._fields


# ------------------------------------------------------------------ choices


def test_yes_partly_no():
    field_type = ft("legislation.has_law")
    assert field_type.validate("not_known") == []
    assert field_type.validate("not_applicable")  # not in `extra`
    assert field_type.validate("maybe")
    assert field_type.display("partly", "en") == {"kind": "text", "text": "Yes, in part"}
    assert field_type.display("partly", "fr")["text"] == "Oui, en partie"
    assert field_type.display("yes", "ar")["text"] == "نعم"
    assert field_type.gap("yes") == GapStatus.in_place
    assert field_type.gap("partly") == GapStatus.partly
    assert field_type.gap("no") == GapStatus.gap
    assert field_type.gap("not_known") == GapStatus.no_answer
    assert field_type.gap(None) == GapStatus.no_answer
    assert posted("legislation.has_law", [("", "no")]) == "no"
    assert posted("legislation.has_law", []) is None
    summary = field_type.summarize(
        [("FRA", "yes"), ("DEU", "yes"), ("ITA", "no"), ("ESP", None), ("X", "bad")], "en")
    counts = {row["value"]: (row["count"], row["percent"]) for row in summary["rows"]}
    assert summary["answered"] == 3
    assert counts["yes"] == (2, 66.7) and counts["no"] == (1, 33.3) and counts["partly"] == (0, 0)


def test_single_choice():
    field_type = ft("enforcement.agency")
    assert field_type.validate("army")
    assert field_type.display("police", "ru")["text"] == "Полиция"
    assert field_type.gap("police") == GapStatus.in_place
    assert field_type.gap("none") == GapStatus.gap
    assert posted("enforcement.agency", [("", "customs")]) == "customs"
    assert posted("enforcement.agency", [("", "army")]) == "army"  # kept; validate() objects


def test_multiple_choice():
    field_type = ft("legislation.liability")
    assert field_type.validate(["criminal", "criminal"])
    assert field_type.validate(["pirate"])
    assert field_type.validate("criminal")
    assert field_type.display(["civil", "criminal"], "es") == {
        "kind": "list", "items": ["Penal", "Civil"]}
    assert field_type.gap(["civil"]) == GapStatus.partly
    assert field_type.gap(["criminal", "civil"]) == GapStatus.in_place
    assert field_type.gap(["none"]) == GapStatus.gap
    assert posted("legislation.liability", [("", "civil"), ("", "criminal")]) == [
        "criminal", "civil"]
    assert posted("legislation.liability", []) is None
    summary = field_type.summarize([("A", ["criminal"]), ("B", ["criminal", "civil"])], "en")
    assert {r["value"]: r["percent"] for r in summary["rows"]}["criminal"] == 100.0
    assert {r["value"]: r["percent"] for r in summary["rows"]}["civil"] == 50.0


# ------------------------------------------------------------------ texts and numbers


def test_texts():
    short, long = ft("victims.contact"), ft("victims.measures")
    assert short.validate("x" * 501)
    assert short.validate("x" * 500) == []
    assert long.validate("x" * 2001)
    assert long.validate({"text": "x"})
    assert short.is_empty("   ")
    assert posted("victims.contact", [("", "  Ms Y ")]) == "  Ms Y "
    assert posted("victims.contact", [("", "   ")]) is None
    summary = long.summarize([("FRA", "Un"), ("DEU", None), ("ITA", "Due")], "fr")
    assert summary["items"] == [("FRA", "Un"), ("ITA", "Due")]


def test_integer_decimal_year():
    officers, budget, year = ft("enforcement.officers"), ft("enforcement.budget"), ft(
        "legislation.year")
    assert posted("enforcement.officers", [("", " 42 ")]) == 42
    assert posted("enforcement.officers", [("", "4x")]) == "4x"
    assert officers.validate("4x") == ["Enter a whole number."]
    assert officers.validate(-1)
    assert officers.validate(100_001)
    assert officers.validate(2.5)
    assert posted("enforcement.budget", [("", "2,5")]) == 2.5
    assert budget.validate(-0.1)
    assert budget.validate(float("nan"))
    assert year.validate(1899)
    assert year.validate(1940) == ["From 1950 onwards"]  # the question's constraint
    assert year.validate(1950) == []
    assert officers.gap(0) == GapStatus.gap
    assert officers.gap(1) == GapStatus.in_place
    summary = officers.summarize([("A", 1), ("B", 3), ("C", 10), ("D", None), ("E", "x")], "en")
    assert (summary["count"], summary["min"], summary["median"], summary["max"], summary["sum"]) \
        == (3, 1, 3, 10, 14)
    assert budget.display(2.5, "en") == {"kind": "text", "text": "2.5"}


def test_date():
    field_type = ft("enforcement.since")
    assert field_type.validate("2020-02-30")
    assert field_type.validate("31/01/2020")
    assert field_type.validate("2020-01-31") == []
    assert posted("enforcement.since", [("", "2021-05-06")]) == "2021-05-06"


# ------------------------------------------------------------------ penalty


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        ({"kind": "term", "years": 5, "months": 6, "fine": "EUR 10,000"}, "en",
         "Up to 5 years and 6 months' imprisonment; fine: EUR 10,000"),
        ({"kind": "term", "years": 1}, "en", "Up to 1 year's imprisonment"),
        ({"kind": "life"}, "en", "Life imprisonment"),
        ({"kind": "none", "fine": "USD 500"}, "en", "No custodial penalty; fine: USD 500"),
        ({"kind": "none"}, "en", "No custodial penalty"),
        ({"kind": "term", "years": 5, "months": 6}, "fr",
         "Jusqu'à 5 ans et 6 mois d'emprisonnement"),
        ({"kind": "term", "years": 5}, "es", "Hasta 5 años de prisión"),
        ({"kind": "term", "years": 1, "months": 2}, "ru",
         "Лишение свободы на срок до 1 года и 2 месяцев"),
        ({"kind": "term", "years": 5}, "ru", "Лишение свободы на срок до 5 лет"),
        ({"kind": "term", "years": 5, "months": 6}, "zh", "最高可处5年6个月监禁"),
        ({"kind": "term", "years": 5}, "ar", "السجن مدة أقصاها 5 سنوات"),
        ({"kind": "term", "years": 2}, "ar", "السجن مدة أقصاها سنتان"),
        ({"kind": "life"}, "ru", "Пожизненное лишение свободы"),
    ],
)
def test_penalty_in_words(value, lang, text):
    assert ft("legislation.penalty").display(value, lang) == {"kind": "text", "text": text}


def test_penalty_validation_gap_and_form():
    field_type = ft("legislation.penalty")
    assert field_type.validate({"kind": "term"}) == ["Enter the maximum term of imprisonment."]
    assert field_type.validate({"kind": "term", "years": 5, "months": 12})
    assert field_type.validate({"kind": "life", "years": 5})
    assert field_type.validate({"kind": "prison"})
    assert field_type.validate({"kind": "term", "years": "5"})
    assert field_type.gap({"kind": "term", "years": 4}) == GapStatus.in_place
    assert field_type.gap({"kind": "term", "years": 3, "months": 11}) == GapStatus.gap
    assert field_type.gap({"kind": "life"}) == GapStatus.in_place
    assert field_type.gap({"kind": "none", "fine": "x"}) == GapStatus.gap
    value = posted("legislation.penalty", [("-kind", "term"), ("-years", "4"), ("-months", ""),
                                           ("-fine", " EUR 5 ")])
    assert value == {"kind": "term", "years": 4, "fine": "EUR 5"}
    # Years typed with another kind are kept, and the message stands at the years.
    life_with_years = posted("legislation.penalty", [("-kind", "life"), ("-years", "4")])
    assert life_with_years == {"kind": "life", "years": 4}
    assert field_type.part_messages(life_with_years) == {
        ("years",): ["Years and months apply only to a term of imprisonment."]}
    assert field_type.part_messages({"kind": "term", "years": 4}) == {}
    assert posted("legislation.penalty", [("-years", "four")]) == {"years": "four"}
    assert posted("legislation.penalty", []) is None
    summary = field_type.summarize([
        ("A", {"kind": "term", "years": 5}), ("B", {"kind": "term", "years": 2}),
        ("C", {"kind": "life"}), ("D", {"kind": "none"}), ("E", None),
    ], "en")
    assert summary["meets_threshold"] == 2
    assert summary["max_years"] == {2: 1, 5: 1}
    assert (summary["life"], summary["no_custodial"], summary["answered"]) == (1, 1, 4)


# ------------------------------------------------------------------ rows


def test_citations():
    field_type = ft("legislation.citations")
    assert field_type.validate([{"title": "A", "link": "javascript:alert(1)"}])
    assert field_type.validate([{"articles": "5"}])  # title is required
    assert field_type.validate([{"title": "A", "status": "lapsed"}])
    assert field_type.validate([{"title": "A", "colour": "red"}])
    assert field_type.validate([{"title": str(n)} for n in range(6)]) == [
        "There are too many rows: at most 5."]
    table = field_type.display(SAMPLES["legislation.citations"], "fr")
    assert table["columns"] == ["Titre", "Articles", "Année", "Statut", "Lien"]
    assert table["rows"][1] == ["Forest Bill", "", "", "Projet de loi", ""]
    value = posted("legislation.citations", [
        ("-0-title", "Act"), ("-0-year", "2020"), ("-0-status", "in_force"),
        ("-1-title", ""), ("-1-year", ""), ("-2-title", "Other"), ("-2-year", "20x0"),
    ])
    assert value == [{"title": "Act", "year": 2020, "status": "in_force"},
                     {"title": "Other", "year": "20x0"}]
    assert field_type.validate(value)  # the mistyped year is reported
    summary = field_type.summarize([("A", SAMPLES["legislation.citations"]), ("B", None)], "en")
    assert (summary["answered"], summary["rows"]) == (1, 2)


@pytest.mark.parametrize(("status", "fr", "ar"), [
    ("in_force", "En vigueur", "نافذ"), ("amended", "Modifié", "معدَّل"),
    ("repealed", "Abrogé", "ملغى"), ("bill", "Projet de loi", "مشروع قانون"),
    ("draft_regulation", "Projet de règlement", "مشروع لائحة"), ("other", "Autre", "أخرى"),
])
def test_citation_statuses_a_lawyer_needs(status, fr, ar):
    """In force, amended, repealed, bill, draft regulation, other (UX review p14): accepted,
    shown in words, offered in this order."""
    field_type = ft("legislation.citations")
    value = [{"title": "Penal Code", "status": status}]
    assert field_type.validate(value) == []
    assert field_type.display(value, "fr")["rows"][0][3] == fr
    assert field_type.display(value, "ar")["rows"][0][3] == ar
    column = next(c for c in field_type.shape().columns if c.path == ("status",))
    assert [code for code, _label in column.cell.pairs("en")] == [
        "in_force", "amended", "repealed", "bill", "draft_regulation", "other"]


def test_cases():
    field_type = ft("enforcement.cases")
    assert field_type.display(SAMPLES["enforcement.cases"], "ru")["columns"][2] == "Суд"
    assert field_type.validate([{"summary": "x" * 4001}])
    assert posted("enforcement.cases", [("-0-summary", "A case"), ("-0-court", "X")]) == [
        {"summary": "A case", "court": "X"}]


# ------------------------------------------------------------------ statistics


def test_statistics():
    field_type = ft("enforcement.stats")
    assert field_type.validate({"2020": {"recorded": 1}})  # year not asked
    assert field_type.validate({"2021": {"arrested": 1}})
    assert field_type.validate({"2021": {"recorded": -1}})
    assert field_type.validate({"2021": {"recorded": "many"}})
    value = posted("enforcement.stats", [
        ("-y2021-recorded", "4"), ("-y2021-prosecuted", "?"), ("-y2022-recorded", ""),
        ("-y2023-prosecuted", "Inconnu"), ("-y2023-recorded", "Information non disponible"),
    ])
    assert value == {"2021": {"recorded": 4, "prosecuted": "not_known"},
                     "2023": {"recorded": "not_known", "prosecuted": "Inconnu"}}
    assert field_type.validate(value)  # "Inconnu" is kept as typed and reported
    table = field_type.display(SAMPLES["enforcement.stats"], "es")
    assert table["columns"] == ["Año", "Registrados", "Enjuiciados"]
    assert table["rows"] == [["2021", "4", "Se desconoce"], ["2023", "7", ""]]
    summary = field_type.summarize([
        ("A", SAMPLES["enforcement.stats"]), ("B", {"2021": {"recorded": 6, "prosecuted": 2}}),
    ], "en")
    assert summary["totals"]["2021"] == {"recorded": 10, "prosecuted": 2}
    assert summary["not_known"]["2021"]["prosecuted"] == 1
    assert summary["totals"]["2023"]["recorded"] == 7


# ------------------------------------------------------------------ crime matrix


def test_crime_matrix():
    field_type = ft("legislation.matrix")
    value = SAMPLES["legislation.matrix"]
    assert field_type.gap(value) == {
        "wildlife": GapStatus.in_place, "timber": GapStatus.in_place,
        "waste": GapStatus.no_answer}
    short = {"wildlife": {"max_penalty": {"kind": "term", "years": 2}}}
    assert field_type.gap(short)["wildlife"] == GapStatus.gap
    assert field_type.gap(None) == dict.fromkeys(("wildlife", "timber", "waste"),
                                                 GapStatus.no_answer)
    assert field_type.validate({"fishing": {"criminalized": "yes"}})
    assert field_type.validate({"wildlife": {"colour": "yes"}})
    messages = field_type.validate({"wildlife": {"criminalized": "maybe"}})
    assert messages and messages[0].startswith("Wildlife trafficking:")
    assert field_type.is_empty({"wildlife": {}, "timber": {"note": ""}})
    table = field_type.display(value, "en")
    assert table["columns"] == ["Crime type", "Criminalized", "Maximum penalty", "Liability",
                                "Note"]
    assert table["rows"][0] == [
        "Wildlife trafficking", "Yes",
        "Up to 5 years and 6 months' imprisonment; fine: EUR 10,000", "Criminal", "CITES"]
    posted_value = posted("legislation.matrix", [
        ("-wildlife-criminalized", "no"), ("-timber-max_penalty-kind", "term"),
        ("-timber-max_penalty-years", "8"), ("-timber-liability", "civil"),
    ])
    assert posted_value == {"wildlife": {"criminalized": "no"},
                            "timber": {"max_penalty": {"kind": "term", "years": 8},
                                       "liability": ["civil"]}}
    summary = field_type.summarize([("A", value), ("B", posted_value)], "en")
    wildlife = summary["rows"][0]
    assert wildlife["crime_type"] == "wildlife"
    criminalized = {r["value"]: r["count"] for r in wildlife["columns"]["criminalized"]["rows"]}
    assert (criminalized["yes"], criminalized["no"]) == (1, 1)
    assert summary["rows"][1]["columns"]["max_penalty"]["meets_threshold"] == 2


# ------------------------------------------------------------------ attachment


def test_attachment():
    question = DEFINITION.question("victims.report")
    field_type = ft("victims.report")
    assert allowed_types(question) == {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    assert max_bytes(question) == 5 * 1024 * 1024 == field_type.max_bytes()
    good = SAMPLES["victims.report"]
    assert field_type.validate({**good, "size": 6 * 1024 * 1024})
    assert field_type.validate({**good, "filename": "../../etc/passwd.pdf"})
    assert field_type.validate({**good, "filename": "x.exe"})
    assert field_type.validate({**good, "content_type": "text/html"})
    assert field_type.validate({**good, "extra": 1})
    assert field_type.display(good, "en") == {"kind": "text", "text": "report.pdf (2 KB)"}
    assert adapter_for(field_type).from_form(good) == good
    assert adapter_for(field_type).from_form("not a reference") is None
    assert 'accept=".pdf,.docx"' in str(type("F", (wtforms.Form,), {
        "f": adapter_for(field_type).form_field("en")})().f)


def test_sub_question_text_falls_back():
    question = Question(key="x", type="short_text", label=Text({"en": "Only English"}))
    assert field_type_for(question).label("zh") == "Only English"


def test_every_field_type_has_exactly_one_form_adapter():
    assert set(FORM_ADAPTERS) == set(FIELD_TYPES)
    assert all(FORM_ADAPTERS[name].type_name == name for name in FIELD_TYPES)
