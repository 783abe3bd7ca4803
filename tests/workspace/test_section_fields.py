"""The section page's fields over HTTP: per-cell messages in tables, the crime matrix's rules,
label-hint-input order, paragraph tags (issue #17: M6, m8, m10, p7)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

from models import Role, db
from questionnaire.fields.base import field_name
from services.answers import load_answers
from tests.workspace.test_workspace import hidden, url
from tests.workspace.workspace_fixtures import response_of

STATISTICS = "op1.enf.statistics"
MATRIX = "op1.leg.crime_matrix"


class Elements(HTMLParser):
    """Every element with an id: its tag, attributes and text; and the order ids appear in."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.order: list[str] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        element = {"tag": tag, "attrs": attributes, "text": ""}
        if "id" in attributes:
            self.by_id[attributes["id"]] = element
            self.order.append(attributes["id"])
        if tag not in ("input", "br", "img", "meta", "link"):
            self._open.append(element)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def attrs(self, element_id: str) -> dict:
        return self.by_id[element_id]["attrs"]

    def text(self, element_id: str) -> str:
        return " ".join(self.by_id[element_id]["text"].split())


def statistics_cells(definition) -> tuple[list[int], list[str]]:
    settings = definition.question(STATISTICS).settings
    years = list(range(settings["years"]["from"], settings["years"]["to"] + 1))
    return years, [measure["key"] for measure in settings["measures"]]


def cell(year: int, measure: str) -> str:
    return f"{field_name(STATISTICS)}-y{year}-{measure}"


def test_only_the_wrong_statistics_cells_are_marked_each_with_its_message(
        client, signed_in, cycle, definition):
    """M6: typed figures are kept; each wrong cell carries aria-invalid and its own message,
    tied by aria-describedby; the right cells are left alone; "not known" reads as words."""
    signed_in(Role.FOCAL_POINT, "KEN")
    years, measures = statistics_cells(definition)
    path = url(cycle, tail="sections/op1_enforcement")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    typed = {cell(years[0], measures[0]): "1,000", cell(years[0], measures[1]): "12abc",
             cell(years[1], measures[0]): "not known", cell(years[1], measures[1]): "-5"}
    response = client.post(path, data={"csrf_token": token, "go": "stay", **typed})
    assert response.status_code == 302
    stored = load_answers(response_of(cycle, "KEN"))[STATISTICS]
    assert stored.value[str(years[0])] == {measures[0]: 1000, measures[1]: "12abc"}
    assert stored.is_valid is False

    page = Elements(client.get(path).get_data(as_text=True))
    for wrong, value in ((cell(years[0], measures[1]), "12abc"),
                         (cell(years[1], measures[1]), "-5")):
        attrs = page.attrs(wrong)
        assert attrs["value"] == value
        assert attrs["aria-invalid"] == "true"
        assert f"{wrong}-error" in attrs["aria-describedby"].split()
        assert page.text(f"{wrong}-error") == "Error: Enter a whole number of at least 0, or " \
                                              "“not known”."
    for right, value in ((cell(years[0], measures[0]), "1,000"),
                         (cell(years[1], measures[0]), "Not known")):
        attrs = page.attrs(right)
        assert attrs["value"] == value and "aria-invalid" not in attrs
        assert f"{right}-error" not in page.by_id
    # The question says what is wrong as a whole, once, and the summary links to it.
    assert "Enter each figure as a whole number of at least 0" in page.text(
        f"{field_name(STATISTICS)}-error")


def test_autosave_names_the_wrong_cells(client, signed_in, cycle, definition):
    """M6 for the page's script: the autosave answer lists the messages by cell."""
    signed_in(Role.FOCAL_POINT, "KEN")
    years, measures = statistics_cells(definition)
    path = url(cycle, tail="sections/op1_enforcement")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    response = client.post(path + "/autosave", data={
        cell(years[0], measures[0]): "7", cell(years[0], measures[1]): "seven"},
        headers={"X-CSRFToken": token, "X-Requested-With": "fetch"})
    payload = response.get_json()
    assert payload["part_errors"] == {
        cell(years[0], measures[1]): ["Enter a whole number of at least 0, or “not known”."]}
    assert list(payload["errors"]) == [field_name(STATISTICS)]


def test_in_french_not_known_is_shown_and_read_in_the_pages_words(
        client, signed_in, cycle, definition):
    user = signed_in(Role.FOCAL_POINT, "KEN")
    user.locale = "fr"
    db.session.commit()
    years, measures = statistics_cells(definition)
    path = url(cycle, tail="sections/op1_enforcement")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    client.post(path, data={"csrf_token": token, "go": "stay",
                            cell(years[0], measures[0]): "Information non disponible"})
    stored = load_answers(response_of(cycle, "KEN"))[STATISTICS]
    assert stored.value == {str(years[0]): {measures[0]: "not_known"}} and stored.is_valid
    html = client.get(path).get_data(as_text=True)
    assert Elements(html).attrs(cell(years[0], measures[0]))["value"] == \
        "Information non disponible"
    assert "«\u00a0Information non disponible\u00a0»" in html  # the hint names the same words


def matrix(row: str, *parts: str) -> str:
    return "-".join((field_name(MATRIX), row, *parts))


def test_the_crime_matrix_refuses_contradictions_at_the_input_concerned(
        client, signed_in, cycle, definition):
    """m8 on the server (the same rules as the page's script): "No liability" stands alone; a
    conduct that is not an offence has no penalty; years belong to a term only. The typed
    answers are kept, and only the inputs concerned are marked."""
    signed_in(Role.FOCAL_POINT, "KEN")
    path = url(cycle, tail="sections/op1_legislation")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    client.post(path, data=MultiDict([
        ("csrf_token", token), ("go", "stay"),
        (matrix("wildlife", "criminalized"), "yes"),
        (matrix("wildlife", "legal_persons"), "criminal"),
        (matrix("wildlife", "legal_persons"), "none"),
        (matrix("wildlife", "max_penalty", "kind"), "life"),
        (matrix("wildlife", "max_penalty", "years"), "10"),
        (matrix("wildlife", "max_penalty", "fine"), "KES 1 million"),
        (matrix("timber", "criminalized"), "no"),
        (matrix("timber", "max_penalty", "kind"), "term"),
        (matrix("timber", "max_penalty", "years"), "3"),
    ]))
    stored = load_answers(response_of(cycle, "KEN"))[MATRIX]
    assert stored.value["wildlife"]["legal_persons"] == ["criminal", "none"]
    assert stored.value["wildlife"]["max_penalty"] == {"kind": "life", "years": 10,
                                                      "fine": "KES 1 million"}
    assert stored.value["timber"]["max_penalty"] == {"kind": "term", "years": 3}
    assert stored.is_valid is False

    page = Elements(client.get(path).get_data(as_text=True))
    liability = matrix("wildlife", "legal_persons")
    assert page.text(f"{liability}-error") == (
        "Error: An answer saying there is none cannot be chosen with other answers.")
    assert f"{liability}-error" in page.attrs(liability)["aria-describedby"].split()
    assert page.attrs(f"{liability}-0")["aria-invalid"] == "true"  # the boxes, not the table
    years = matrix("wildlife", "max_penalty", "years")
    assert page.attrs(years)["aria-invalid"] == "true" and page.attrs(years)["value"] == "10"
    assert "apply only to a term" in page.text(f"{years}-error")
    fine = matrix("wildlife", "max_penalty", "fine")
    assert "aria-invalid" not in page.attrs(fine)  # only the invalid input is outlined
    not_an_offence = matrix("timber", "max_penalty")
    assert "not a criminal offence" in page.text(f"{not_an_offence}-error")
    assert page.attrs(matrix("timber", "max_penalty", "years"))["value"] == "3"
    assert "aria-invalid" not in page.attrs(matrix("fisheries", "max_penalty", "years"))
    # The exclusive box says so to the page's script.
    assert "data-exclusive" in page.attrs(f"{liability}-3")


def test_label_then_hint_then_input_and_paragraph_tags_only_where_they_differ(
        client, signed_in, cycle, definition):
    """m10: the label, then "required", the hint and the message, then the input, which they
    describe. p7: a question's paragraph tag only where it differs from its section's."""
    signed_in(Role.FOCAL_POINT, "KEN")
    section = definition.section("general")
    html = client.get(url(cycle, tail="sections/general")).get_data(as_text=True)
    page = Elements(html)
    for question in section.questions:
        name = field_name(question.key)
        if not question.help or f"{name}-hint" not in page.by_id:
            continue
        hint = page.order.index(f"{name}-hint")
        control = page.order.index(name)
        if page.by_id[name]["tag"] == "fieldset":  # legend, hint, then the options
            assert control < hint < page.order.index(f"{name}-0"), name
        else:
            assert hint < control, name
        assert f"{name}-hint" in page.attrs(name)["aria-describedby"].split(), name
    text_question = next(q for q in section.questions if q.help and q.type in (
        "short_text", "long_text"))
    name = field_name(text_question.key)
    assert html.index(f'for="{name}"') < html.index(f'id="{name}-hint"') < html.index(
        f'id="{name}"')
    assert "Operative paragraphs: 1" in html
    assert "<span>OP 1</span>" not in html  # every question here is of the section's paragraph


def summary_links(html: str) -> list[tuple[str, str]]:
    """(href, text) of each entry of the page's error summary."""
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return [(href, " ".join(text.split())) for href, text in
            re.findall(r'<a href="([^"]+)">(.*?)</a>', summary, flags=re.S)]


def test_the_error_summary_leads_to_the_first_wrong_cell(client, signed_in, cycle, definition):
    """M6: in an 18-cell table the summary's link lands on the cell to correct, not on the
    table's caption."""
    signed_in(Role.FOCAL_POINT, "KEN")
    years, measures = statistics_cells(definition)
    path = url(cycle, tail="sections/op1_enforcement")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    wrong = cell(years[1], measures[1])
    client.post(path, data={"csrf_token": token, "go": "stay",
                            cell(years[0], measures[0]): "4", wrong: "twelve"})
    html = client.get(path).get_data(as_text=True)
    links = summary_links(html)
    assert [href for href, _text in links] == [f"#{wrong}"]
    assert Elements(html).attrs(wrong)["aria-invalid"] == "true"  # the target exists


def test_matrix_messages_name_the_crime_type_in_the_pages_language(
        client, signed_in, cycle, definition):
    """The table's own message says which row is wrong in the reader's language: "Espèces
    sauvages…\u00a0: …" on a French page, never the English name of the row."""
    user = signed_in(Role.FOCAL_POINT, "KEN")
    user.locale = "fr"
    db.session.commit()
    path = url(cycle, tail="sections/op1_legislation")
    token = hidden(client.get(path).get_data(as_text=True), "csrf_token")
    client.post(path, data=MultiDict([
        ("csrf_token", token), ("go", "stay"),
        (matrix("wildlife", "criminalized"), "yes"),
        (matrix("wildlife", "max_penalty", "kind"), "life"),
        (matrix("wildlife", "max_penalty", "years"), "10"),
    ]))
    crime_types = definition.question(MATRIX).settings["crime_types"]
    wildlife = next(c for c in crime_types if c.key == "wildlife").label
    html = client.get(path).get_data(as_text=True)
    question_error = Elements(html).text(f"{field_name(MATRIX)}-error")
    assert f"{wildlife.get('fr')} : " in question_error and f"{wildlife.get('fr')}\u00a0: " in html
    assert wildlife.get("en") not in html.split('class="error-summary"', 1)[1]
    assert "qu'à une peine d'emprisonnement" in question_error  # the rule's message, in French
    (href, text), = summary_links(html)
    assert href == f"#{matrix('wildlife', 'max_penalty', 'years')}"
    assert wildlife.get("fr") in text
