"""What each field type declares for the layers that render it: shape, example value, flags."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from questionnaire.definition import Question
from questionnaire.fields import FIELD_TYPES, field_type_for
from questionnaire.fields.base import FieldType
from questionnaire.fields.examples import ExampleContext
from questionnaire.fields.shape import CELL_KINDS, SHAPE_KINDS, Shape
from questionnaire.loader import load_definition

DEFINITIONS = Path(__file__).resolve().parents[2] / "questionnaire" / "definitions"
GOOD = load_definition(Path(__file__).parent / "fixtures" / "good.yaml")
V1 = load_definition(DEFINITIONS / "res-12-4" / "v1.yaml")


def one_question_of_each_type() -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for question in (*GOOD.questions, *V1.questions):
        questions.setdefault(question.type, question)
    return questions


QUESTIONS = one_question_of_each_type()


def test_the_fixtures_cover_every_field_type():
    assert set(QUESTIONS) == set(FIELD_TYPES)


@pytest.mark.parametrize("type_name", sorted(FIELD_TYPES))
def test_every_type_declares_an_example(type_name):
    assert FIELD_TYPES[type_name].example is not FieldType.example


@pytest.mark.parametrize("question", [*GOOD.questions, *V1.questions], ids=lambda q: q.key)
def test_examples_are_well_formed_and_stable(question):
    field_type = field_type_for(question)
    values = [field_type.example(random.Random(seed)) for seed in range(20)]
    assert values == [field_type.example(random.Random(seed)) for seed in range(20)]
    if field_type.stored_by_upload:
        assert values == [None] * 20
        return
    # Well formed for the type; a question's constraint may still refuse one (callers validate).
    assert all(not field_type.is_empty(v) and field_type.check_value(v) == [] for v in values), (
        question.key, values[:3])


def test_an_example_context_leans_and_speaks_its_language():
    question = QUESTIONS["long_text"]
    text = field_type_for(question).example(ExampleContext(random.Random(1), lang="ar"))
    assert any("\u0600" <= char <= "\u06ff" for char in text)
    strong = ExampleContext(random.Random(2), strength=0.95)
    weak = ExampleContext(random.Random(2), strength=0.1)
    yes_no = field_type_for(QUESTIONS["yes_partly_no"])
    assert [yes_no.example(strong) for _ in range(50)].count("yes") > \
        [yes_no.example(weak) for _ in range(50)].count("yes")


def cell_kinds(shape: Shape) -> list[str]:
    kinds = [column.cell.kind for column in shape.columns]
    return kinds + ([shape.cell.kind] if shape.cell else [])


@pytest.mark.parametrize("type_name", sorted(FIELD_TYPES))
def test_every_type_declares_a_known_shape(type_name):
    field_type = field_type_for(QUESTIONS[type_name])
    shape = field_type.shape()
    assert shape.kind in SHAPE_KINDS
    assert set(cell_kinds(shape)) <= set(CELL_KINDS)
    if shape.kind in ("cell", "options"):
        assert shape.cell is not None and not shape.columns
    if shape.kind in ("rows", "fixed", "single"):
        assert shape.columns and shape.cell is None
    if shape.kind == "fixed":
        assert shape.row_keys
    if shape.kind == "rows":
        assert shape.max_rows > 0
    assert (shape.kind == "info") == field_type.stored_by_upload


def test_shapes_by_type():
    shapes = {name: field_type_for(q).shape() for name, q in QUESTIONS.items()}
    assert {name for name, s in shapes.items() if s.kind == "cell"} == {
        "short_text", "long_text", "integer", "decimal", "year", "date", "yes_partly_no",
        "single_choice"}
    assert shapes["multiple_choice"].kind == "options"
    assert shapes["multiple_choice"].cell.kind == "tick"
    assert {shapes["citations"].kind, shapes["cases"].kind} == {"rows"}
    assert [c.path for c in shapes["citations"].columns] == [
        ("title",), ("articles",), ("year",), ("status",), ("link",)]
    assert cell_kinds(shapes["citations"]) == ["text", "text", "whole", "choice", "text"]
    assert shapes["statistics"].kind == "fixed" and set(cell_kinds(shapes["statistics"])) == {
        "count"}
    assert shapes["penalty"].kind == "single"
    assert [c.path for c in shapes["penalty"].columns] == [
        ("kind",), ("years",), ("months",), ("fine",)]
    matrix = field_type_for(QUESTIONS["crime_matrix"])
    paths = [c.path for c in matrix.shape().columns]
    for key, column in matrix.columns():
        if column.shape().kind == "single":  # a penalty column spreads over its parts
            assert [p for p in paths if p[0] == key] == [
                (key, "kind"), (key, "years"), (key, "months"), (key, "fine")]
        else:
            assert (key,) in paths
    assert shapes["attachment"].kind == "info"


def test_flags_by_type():
    def having(flag: str) -> set[str]:
        return {name for name, cls in FIELD_TYPES.items() if getattr(cls, flag)}

    assert having("quotable") == {"long_text"}
    assert having("ranked_summary") == {"multiple_choice"}
    assert having("not_applicable_value") == {"yes_partly_no"}
    assert FIELD_TYPES["yes_partly_no"].not_applicable_value == "not_applicable"
    assert having("negative_value") == {"yes_partly_no"}
