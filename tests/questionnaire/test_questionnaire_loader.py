"""Loading definitions: a good file loads; each kind of broken file is reported precisely."""

import textwrap
from pathlib import Path

import pytest

from questionnaire import LANGUAGES
from questionnaire.definition import Text
from questionnaire.loader import (
    DefinitionError,
    Problem,
    load_definition,
    load_definition_text,
    validate_file,
)

HERE = Path(__file__).parent
GOOD = HERE / "fixtures" / "good.yaml"
SHIPPED = HERE.parents[1] / "questionnaire" / "definitions" / "res-12-4" / "v1.yaml"


def t(word: str = "Text") -> str:
    """A six-language text in YAML flow style."""
    return "{" + ", ".join(f"{lang}: '{word} {lang}'" for lang in LANGUAGES) + "}"


T = t()


def definition_text(questions: str = "", top: str = "", sections: str = "") -> str:
    """A minimal valid definition, with extra questions appended to section s1."""
    paragraphs = "\n".join(
        f"  - {{number: {n}, title: {T}}}" if n == 1
        else f"  - {{number: {n}, title: {T}, no_questions: {T}}}"
        for n in range(1, 10)
    )
    base = f"""\
id: test
version: "1"
title: {T}
crime_types:
  - {{key: wildlife, label: {T}}}
  - {{key: timber, label: {T}}}
paragraphs:
{paragraphs}
option_lists:
  levels:
    - {{value: high, label: {T}}}
    - {{value: low, label: {T}}}
{top}sections:
  - key: s1
    title: {T}
    paragraphs: [1]
    questions:
      - key: q.base
        type: yes_partly_no
        label: {T}
        tags: {{paragraphs: [1]}}
        gap: {{basis: obligation, provisions: ["UNTOC 5(1)"], rationale: {T},
               in_place: [yes], gap: [no]}}
"""
    return base + textwrap.indent(textwrap.dedent(questions), " " * 6) + sections


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(DefinitionError) as caught:
        load_definition_text(text, "def.yaml")
    assert caught.value.problems
    assert all(problem.file == "def.yaml" for problem in caught.value.problems)
    return caught.value.problems


def find(problems: list[Problem], fragment: str) -> Problem:
    matches = [problem for problem in problems if fragment in problem.message]
    assert matches, f"no problem mentions {fragment!r}: {[str(p) for p in problems]}"
    return matches[0]


# ------------------------------------------------------------------ good files


def test_minimal_definition_loads():
    definition = load_definition_text(definition_text())
    assert definition.id == "test"
    assert [q.key for q in definition.questions] == ["q.base"]


def test_good_fixture_loads_with_full_api():
    definition = load_definition(GOOD)
    assert (definition.id, definition.version) == ("test-def", "1")
    assert [s.key for s in definition.sections] == ["legislation", "enforcement", "victims"]
    assert len(definition.questions) == 15
    assert definition.question("legislation.year").type == "year"
    assert definition.section("victims").paragraphs == (2, 4)
    assert definition.section_of("enforcement.cases").key == "enforcement"
    assert [c.key for c in definition.crime_types] == ["wildlife", "timber", "waste"]
    assert [p.number for p in definition.paragraphs] == list(range(1, 10))
    assert definition.paragraph(5).no_questions.get("fr") == "Ne demande rien aux États"
    assert dict(definition.maps_from) == {"0": {"old.has_law": "legislation.has_law"}}
    assert len(definition.content_hash) == 64
    assert definition.question("legislation.liability").option_values == (
        "criminal", "civil", "administrative", "none")
    assert definition.question("legislation.has_law").gap["in_place"] == ("yes",)
    with pytest.raises(KeyError):
        definition.question("nope")


def test_yes_and_no_stay_text_in_yaml():
    definition = load_definition(GOOD)
    assert definition.question("legislation.has_law").gap["gap"] == ("no",)


def test_relevance_hides_dependants():
    definition = load_definition(GOOD)
    everything = {q.key for q in definition.questions}
    hidden = {"legislation.citations", "enforcement.budget", "enforcement.since"}
    assert definition.relevant_keys({}) == everything - hidden
    answers = {"legislation.has_law": "partly", "enforcement.officers": 3,
               "enforcement.budget": 5.0}
    assert definition.relevant_keys(answers) == everything
    # Budget is hidden when officers is 0, so "since" (which tests the budget) is hidden too,
    # even though a stale budget answer is still stored.
    answers["enforcement.officers"] = 0
    assert definition.relevant_keys(answers) == everything - {
        "enforcement.budget", "enforcement.since"}


def test_text_falls_back_to_english():
    text = Text({"en": "Hello", "fr": "", "ru": "Привет"})
    assert text.get("ru") == "Привет"
    assert text.get("fr") == "Hello"
    assert text.get("xx") == "Hello"
    assert text.missing() == ["ar", "zh", "es", "fr"]


def test_validate_file_reports_summary():
    report = validate_file(GOOD)
    assert report.ok
    assert report.summary == "3 sections, 15 questions, 6 languages"
    missing = validate_file(HERE / "fixtures" / "does-not-exist.yaml")
    assert not missing.ok
    assert "cannot read" in missing.problems[0].message


@pytest.mark.skipif(not SHIPPED.exists(), reason="the shipped definition is not written yet")
def test_shipped_definition_validates():
    report = validate_file(SHIPPED)
    assert report.ok, "\n".join(str(problem) for problem in report.problems)
    assert report.definition is not None
    assert report.definition.id == "res-12-4"


# ------------------------------------------------------------------ broken files


def test_malformed_yaml():
    text = "id: test\ntitle: [unclosed\nversion: '1'\n"
    problem = find(problems_of(text), "malformed YAML")
    assert problem.line in (2, 3)


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    assert find(problems_of(text), "empty").line == 1


def test_top_level_must_be_a_mapping():
    find(problems_of("- a\n- b\n"), "must be a mapping")


def test_duplicate_yaml_key_and_alias():
    text = definition_text().replace("version: \"1\"", "version: \"1\"\nversion: \"2\"")
    assert find(problems_of(text), "duplicate mapping key 'version'").line == 3
    text = definition_text(top="description: *t\n").replace("title: {", "title: &t {", 1)
    assert find(problems_of(text), "aliases").line == line_of(text, "description: *t")


def test_missing_and_unknown_top_keys():
    text = definition_text(top="colour: blue\n").replace('version: "1"\n', "")
    problems = problems_of(text)
    assert find(problems, "missing required key 'version'").line == 1
    assert find(problems, "unknown key 'colour'").line == line_of(text, "colour:")


def test_duplicate_section_key():
    text = definition_text(sections=f"""\
  - key: s1
    title: {T}
    paragraphs: [1]
    questions:
      - {{key: q.other, type: short_text, label: {T}, tags: {{paragraphs: [1]}}, gap: none}}
""")
    problem = find(problems_of(text), "duplicate section key 's1'")
    assert (problem.line, problem.key) == (line_of(text, "- key: s1", 2), "s1")


def test_duplicate_question_key():
    text = definition_text(f"""\
- key: q.base
  type: short_text
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problem = find(problems_of(text), "duplicate question key 'q.base'")
    assert (problem.line, problem.key) == (line_of(text, "key: q.base", 2), "q.base")


def test_unknown_type():
    text = definition_text(f"""\
- key: q.x
  type: slider
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problem = find(problems_of(text), "unknown type 'slider'")
    assert (problem.line, problem.key) == (line_of(text, "type: slider"), "q.x")


def test_unknown_option_list_and_duplicate_options():
    text = definition_text(f"""\
- key: q.list
  type: single_choice
  label: {T}
  options: colours
  tags: {{paragraphs: [1]}}
  gap: none
- key: q.dup
  type: single_choice
  label: {T}
  options:
    - {{value: a, label: {T}}}
    - {{value: a, label: {T}}}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problems = problems_of(text)
    unknown = find(problems, "unknown option list 'colours'")
    assert (unknown.line, unknown.key) == (line_of(text, "options: colours"), "q.list")
    duplicate = find(problems, "duplicate option value 'a'")
    assert (duplicate.line, duplicate.key) == (line_of(text, "{value: a", 2), "q.dup")


def test_choice_type_without_options():
    text = definition_text(f"""\
- key: q.none
  type: multiple_choice
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    assert find(problems_of(text), "needs options").key == "q.none"


def test_text_missing_a_language_or_empty():
    label = "{ar: 'a', zh: 'b', en: 'c', es: 'd', ru: 'e'}"
    empty_help = "{ar: 'a', zh: 'b', en: '', es: 'd', fr: 'f', ru: 'e'}"
    text = definition_text(f"""\
- key: q.lang
  type: short_text
  label: {label}
  help: {empty_help}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problems = problems_of(text)
    label_problem = find(problems, "label is missing or empty in: fr")
    assert (label_problem.line, label_problem.key) == (line_of(text, "label: {ar: 'a'"), "q.lang")
    assert find(problems, "help is missing or empty in: en").key == "q.lang"


def test_option_label_and_title_languages_checked():
    text = definition_text().replace(
        "- {value: low, label: " + T + "}", "- {value: low, label: {en: 'Low'}}")
    problem = find(problems_of(text), "label of option 'low' is missing")
    assert problem.line == line_of(text, "{value: low")
    text = definition_text().replace(f"title: {T}", "title: {en: 'Only English'}", 1)
    assert find(problems_of(text), "title is missing or empty in: ar, zh, es, fr, ru").line == 3


def test_question_without_paragraph_tags():
    text = definition_text(f"""\
- key: q.untagged
  type: short_text
  label: {T}
  tags: {{articles: ["5"]}}
  gap: none
""")
    problem = find(problems_of(text), "without tags.paragraphs")
    assert (problem.line, problem.key) == (line_of(text, "tags: {articles"), "q.untagged")


def test_paragraphs_out_of_range():
    text = definition_text(f"""\
- key: q.ten
  type: short_text
  label: {T}
  tags: {{paragraphs: [10]}}
  gap: none
""")
    problem = find(problems_of(text), "10 is not a paragraph number")
    assert (problem.line, problem.key) == (line_of(text, "paragraphs: [10]"), "q.ten")
    text = definition_text().replace("{number: 9,", "{number: 12,")
    problems = problems_of(text)
    assert find(problems, "paragraph number 12").line == line_of(text, "number: 12")
    find(problems, "paragraph 9 is not declared")


def test_paragraph_neither_served_nor_explained():
    text = definition_text().replace(
        f"  - {{number: 3, title: {T}, no_questions: {T}}}", f"  - {{number: 3, title: {T}}}")
    problem = find(problems_of(text), "paragraph 3 is served by no question")
    assert problem.line == line_of(text, "{number: 3")
    text = definition_text(f"""\
- key: q.op2
  type: short_text
  label: {T}
  tags: {{paragraphs: [2]}}
  gap: none
""")
    find(problems_of(text), "paragraph 2 has no_questions but questions serve it")


def test_unknown_crime_types():
    text = definition_text(f"""\
- key: q.crime
  type: short_text
  label: {T}
  tags: {{paragraphs: [1], crime_types: [wildlife, fishing]}}
  gap: none
- key: q.grid
  type: crime_matrix
  label: {T}
  settings:
    crime_types: [timber, mining]
    columns:
      - {{key: ok, type: yes_partly_no, label: {T}}}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problems = problems_of(text)
    tag = find(problems, "unknown crime type 'fishing'")
    assert (tag.line, tag.key) == (line_of(text, "crime_types: [wildlife, fishing]"), "q.crime")
    setting = find(problems, "unknown crime type 'mining'")
    assert (setting.line, setting.key) == (line_of(text, "settings:"), "q.grid")


def test_missing_gap_and_gap_naming_unknown_value():
    text = definition_text(f"""\
- key: q.nogap
  type: short_text
  label: {T}
  tags: {{paragraphs: [1]}}
- key: q.badgap
  type: single_choice
  label: {T}
  options: levels
  tags: {{paragraphs: [1]}}
  gap: {{in_place: [high], gap: [medium]}}
- key: q.textgap
  type: short_text
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: {{in_place: [x]}}
""")
    problems = problems_of(text)
    missing = find(problems, "missing 'gap'")
    assert (missing.line, missing.key) == (line_of(text, "key: q.nogap"), "q.nogap")
    unknown = find(problems, "names unknown value 'medium'")
    assert (unknown.line, unknown.key) == (line_of(text, "gap: {in_place: [high]"), "q.badgap")
    assert find(problems, "takes no gap rule").key == "q.textgap"


def test_matrix_gap_rule_checked_against_column():
    text = definition_text(f"""\
- key: q.grid
  type: crime_matrix
  label: {T}
  settings:
    columns:
      - {{key: crim, type: yes_partly_no, label: {T}}}
      - {{key: pen, type: penalty, label: {T}}}
  tags: {{paragraphs: [1]}}
  gap:
    per_crime_type: {{column: pen, threshold: {{min: 4}}}}
""")
    problem = find(problems_of(text), "column 'pen': gap rule 'threshold' of a penalty")
    assert problem.key == "q.grid"
    text = text.replace("column: pen,", "column: fine,")
    find(problems_of(text), "unknown column 'fine'")


def test_conditions_that_do_not_parse_or_reference_unknown_keys():
    text = definition_text(f"""\
- key: q.bad
  type: short_text
  label: {T}
  relevant: "${{q.base}} = = 'yes'"
  tags: {{paragraphs: [1]}}
  gap: none
- key: q.ghost
  type: short_text
  label: {T}
  relevant: "${{q.missing}} = 'yes'"
  tags: {{paragraphs: [1]}}
  gap: none
- key: q.dot
  type: short_text
  label: {T}
  relevant: ". = 'yes'"
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problems = problems_of(text)
    bad = find(problems, "relevant does not parse")
    assert (bad.line, bad.key) == (line_of(text, "relevant: \"${q.base} = ="), "q.bad")
    ghost = find(problems, "unknown question 'q.missing'")
    assert (ghost.line, ghost.key) == (line_of(text, "key: q.ghost"), "q.ghost")
    assert find(problems, "relevant cannot use '.'").key == "q.dot"


def test_relevance_cycles_and_self_reference():
    text = definition_text(f"""\
- key: q.first
  type: short_text
  label: {T}
  relevant: "${{q.second}} = 'x'"
  tags: {{paragraphs: [1]}}
  gap: none
- key: q.second
  type: short_text
  label: {T}
  relevant: "${{q.first}} = 'x'"
  tags: {{paragraphs: [1]}}
  gap: none
- key: q.self
  type: short_text
  label: {T}
  relevant: "${{q.self}} = 'x'"
  tags: {{paragraphs: [1]}}
  gap: none
""")
    cycles = [p for p in problems_of(text) if "cycle" in p.message]
    assert {(p.key, p.line) for p in cycles} == {
        ("q.first", line_of(text, "key: q.first")),
        ("q.second", line_of(text, "key: q.second")),
        ("q.self", line_of(text, "key: q.self")),
    }


def test_constraint_needs_message():
    text = definition_text(f"""\
- key: q.year
  type: year
  label: {T}
  constraint: ". >= 1950"
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problem = find(problems_of(text), "constraint needs a constraint_message")
    assert (problem.line, problem.key) == (line_of(text, "constraint:"), "q.year")


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("type: short_text\n  settings: {max_length: -1}", "max_length"),
        ("type: long_text\n  settings: {width: 3}", "unknown setting 'width'"),
        ("type: multiple_choice\n  options: levels\n  settings: {min: 2, max: 1}",
         "'min' is greater than 'max'"),
        ("type: integer\n  settings: {min: 'one'}", "must be a whole number"),
        ("type: yes_partly_no\n  settings: {extra: [maybe]}", "setting 'extra' may contain"),
        ("type: statistics\n  settings: {measures: [], years: {from: 2020, to: 2010}}",
         "measures"),
        ("type: attachment\n  settings: {accept: [exe]}", "unknown file kind 'exe'"),
        ("type: crime_matrix\n  settings: {columns: [{key: c, type: date, label: " + T + "}]}",
         "cannot be a column"),
        ("type: citations\n  settings: {max_rows: 1000}", "max_rows"),
        ("type: short_text\n  options: levels", "takes no options"),
    ],
)
def test_type_specific_settings(question, fragment):
    text = definition_text(f"""\
- key: q.typed
  {question}
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problem = find(problems_of(text), fragment)
    assert problem.key == "q.typed"
    assert problem.line is not None and problem.line >= line_of(text, "key: q.typed")


def test_unknown_question_key_and_bad_key_pattern():
    text = definition_text(f"""\
- key: Q.Upper
  type: short_text
  label: {T}
  colour: red
  tags: {{paragraphs: [1]}}
  gap: none
""")
    problems = problems_of(text)
    assert find(problems, "must match").line == line_of(text, "key: Q.Upper")
    assert find(problems, "unknown key 'colour'").line == line_of(text, "colour: red")


def test_every_problem_is_reported_at_once():
    text = definition_text(f"""\
- key: q.one
  type: slider
  label: {T}
  tags: {{paragraphs: [1]}}
  gap: none
- key: q.two
  type: short_text
  label: {{en: 'x'}}
  tags: {{paragraphs: [1]}}
""")
    problems = problems_of(text)
    assert {p.key for p in problems} >= {"q.one", "q.two"}
    assert len(problems) >= 3
    assert "def.yaml:" in str(problems[0])


def test_maps_from_must_point_to_existing_questions():
    text = definition_text(top="maps_from:\n  \"0\": {old.key: q.gone}\n")
    problem = find(problems_of(text), "unknown question 'q.gone'")
    assert problem.line == line_of(text, "old.key")
