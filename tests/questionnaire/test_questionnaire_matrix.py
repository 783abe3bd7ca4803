"""The paragraph matrix and its CSV and Markdown renderings; the display vocabulary."""

import csv
import io
from pathlib import Path

from questionnaire import LANGUAGES
from questionnaire.loader import load_definition
from questionnaire.matrix import matrix_csv, matrix_markdown, paragraph_matrix, safe_cell
from questionnaire.vocabulary import VOCABULARY, plural_category

DEFINITION = load_definition(Path(__file__).parent / "fixtures" / "good.yaml")


def test_every_paragraph_has_a_row():
    rows = paragraph_matrix(DEFINITION)
    assert [row["paragraph"] for row in rows] == list(range(1, 10))
    first = rows[0]
    assert [s["key"] for s in first["sections"]] == ["legislation", "enforcement"]
    assert first["articles"][:3] == ["2(b)", "5", "10"]
    matrix_question = first["sections"][0]["questions"][3]
    assert matrix_question["crime_types"] == ["wildlife", "timber", "waste"]
    assert rows[2]["sections"][0]["questions"][0]["key"] == "enforcement.cases"
    assert rows[4]["sections"] == []
    assert rows[4]["no_questions"] == "Asks nothing of States"
    assert paragraph_matrix(DEFINITION, "fr")[4]["no_questions"] == "Ne demande rien aux États"


def test_csv_is_parseable_and_neutralises_formulas():
    text = matrix_csv(paragraph_matrix(DEFINITION))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["paragraph", "paragraph_title", "section", "question"]
    assert ["5", "Expert group", "", "", "", "", "", "", "Asks nothing of States"] in rows
    assert sum(1 for row in rows if row[0] == "1") == 11  # 6 + 5 questions serve OP1
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Plain") == "Plain"
    tampered = paragraph_matrix(DEFINITION)
    tampered[0]["title"] = "=HYPERLINK(\"http://x\")"
    assert "'=HYPERLINK" in matrix_csv(tampered)


def test_markdown_table():
    text = matrix_markdown(paragraph_matrix(DEFINITION))
    lines = text.splitlines()
    assert lines[0].startswith("| OP |")
    assert "| 1 | Legislation | legislation | legislation.has_law | yes_partly_no | 2(b), 5 |" \
        in text
    assert "*No questions: Voluntary*" in text
    tampered = paragraph_matrix(DEFINITION)
    tampered[0]["title"] = "a|b"
    assert "a\\|b" in matrix_markdown(tampered)


def test_vocabulary_is_complete_in_every_language():
    english = set(VOCABULARY["en"])
    for lang in LANGUAGES:
        assert set(VOCABULARY[lang]) == english, lang
        for key, value in VOCABULARY[lang].items():
            assert value or key == "duration_join", (lang, key)


def test_plural_categories():
    assert [plural_category("ru", n) for n in (1, 2, 5, 11, 21)] == [
        "one", "other", "other", "other", "one"]
    assert [plural_category("ar", n) for n in (1, 2, 3, 10, 11, 103)] == [
        "one", "two", "few", "few", "other", "few"]
    assert plural_category("fr", 0) == "one"
    assert plural_category("zh", 1) == "other"
