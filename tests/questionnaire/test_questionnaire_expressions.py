"""The condition language: parsing, evaluation, errors and hostile input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    And,
    Call,
    Compare,
    ExpressionError,
    Literal,
    Or,
    Ref,
    SelfValue,
    parse,
    references,
)


@pytest.mark.parametrize(
    ("text", "answers", "self_value", "expected"),
    [
        ("${a} = 'yes'", {"a": "yes"}, None, True),
        ("${a} = 'yes'", {"a": "no"}, None, False),
        ("${a} != 'yes'", {"a": "no"}, None, True),
        ("${a} != 'yes'", {}, None, False),  # empty compares false
        ("${a} = ''", {}, None, True),
        ("${a} = ''", {"a": "x"}, None, False),
        ("${a} != ''", {"a": "x"}, None, True),
        ("${n} > 3", {"n": 4}, None, True),
        ("${n} > 3", {"n": 3}, None, False),
        ("${n} >= 3", {"n": 3}, None, True),
        ("${n} < 3.5", {"n": 3}, None, True),
        ("${n} <= -1", {"n": -1}, None, True),
        ("${n} > 3", {"n": None}, None, False),
        ("${n} > 3", {"n": "abc"}, None, False),
        ("${n} = 3", {"n": [3]}, None, False),
        (". >= 1950", {}, 1960, True),
        (". >= 1950", {}, 1900, False),
        (". >= 1950", {}, None, False),
        ("selected(${m}, 'x')", {"m": ["x", "y"]}, None, True),
        ("selected(${m}, 'z')", {"m": ["x", "y"]}, None, False),
        ("selected(${m}, 'x')", {}, None, False),
        ("selected(${m}, 'x')", {"m": "x"}, None, True),
        ("count-selected(${m}) = 2", {"m": ["x", "y"]}, None, True),
        ("count-selected(${m}) = 0", {}, None, True),
        ("string-length(${t}) > 3", {"t": "abcd"}, None, True),
        ("string-length(.) <= 3", {}, "abcd", False),
        ("not(${a} = 'yes')", {"a": "no"}, None, True),
        ("not(${a} = 'yes')", {}, None, True),
        ("${a} = 'yes' and ${b} = 'no'", {"a": "yes", "b": "no"}, None, True),
        ("${a} = 'yes' and ${b} = 'no'", {"a": "yes"}, None, False),
        ("${a} = 'yes' or ${b} = 'no'", {"b": "no"}, None, True),
        ("(${a} = 'x' or ${a} = 'y') and not(${b} = 'z')", {"a": "y", "b": "q"}, None, True),
        ("${a.b_c} = \"it's\"", {"a.b_c": "it's"}, None, True),
        ("${flag} = 1", {"flag": True}, None, False),  # booleans are not numbers
    ],
)
def test_evaluates_known_cases(text, answers, self_value, expected):
    assert parse(text).test(answers, self_value) is expected


def test_parses_into_tree():
    expr = parse("${a} = 'yes' and (selected(${m}, 'x') or . > 2)")
    assert expr == And((
        Compare("=", Ref("a"), Literal("yes")),
        Or((Call("selected", (Ref("m"), Literal("x"))), Compare(">", SelfValue(), Literal(2)))),
    ))


def test_references_collects_every_key():
    expr = parse("${a} = 1 or (not(selected(${b.c}, 'x')) and count-selected(${d}) > ${e})")
    assert references(expr) == {"a", "b.c", "d", "e"}
    assert references(parse(". > 1")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "${a} = 'yes' and ${b} != 'no' or not(${c} = 1)",
        "(${a} = 'x' or ${b} = 'y') and ${c} > -2.5",
        "selected(${m}, 'x') and count-selected(${m}) >= 2",
        "string-length(.) < 100",
        "not((${a} = 1) = (${b} = 2))",
    ],
)
def test_round_trip_through_source(text):
    expr = parse(text)
    assert parse(expr.source()) == expr
    assert parse(str(expr)) == expr


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("", 0, "empty condition"),
        ("${a} =", 6, "expected a value"),
        ("${a} = 'x", 7, "unexpected character"),
        ("foo(1)", 0, "unknown function"),
        ("${A} = 1", 0, "invalid question key"),
        ("selected('a', 'b')", 0, "question reference"),
        ("not(1, 2)", 0, "takes 1 argument"),
        ("${a} = 1 = 2", 9, "chained comparison"),
        ("${a} = 1 ${b}", 9, "unexpected"),
        ("(${a} = 1", 9, "expected ')'"),
        ("${a} == 1", 6, "expected a value"),
        ("${a} = 1 && ${b} = 2", 9, "unexpected character"),
        ("__import__('os')", 0, "unexpected character"),
    ],
)
def test_errors_carry_message_and_position(text, position, fragment):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.position == position
    assert fragment in caught.value.message


def test_rejects_overlong_and_deep_input():
    with pytest.raises(ExpressionError, match="longer than"):
        parse("1 = 1 and " * (MAX_LENGTH // 10) + "1 = 1")
    with pytest.raises(ExpressionError, match="nested deeper"):
        parse("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(ExpressionError, match="nested deeper"):
        parse("not(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert parse("(" * MAX_DEPTH + "1 = 1" + ")" * MAX_DEPTH).test({})


def test_huge_number_literal_is_an_error_not_a_crash():
    with pytest.raises(ExpressionError):
        parse("1" * 400 + ".5 > 1")


ALPHABET = st.sampled_from([
    *"${}()'\". ,=!<>-_abcdnotselcu0123456789\t\n",
    "${a}", "${b.c}", "and", "or", "not(", "selected(", "count-selected(", "string-length(",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_random_token_soup_never_crashes(text):
    try:
        expr = parse(text)
    except ExpressionError:
        return
    expr.test({"a": "yes", "b.c": ["x"]}, 3)
    assert parse(expr.source()) == expr


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_expression_error(text):
    try:
        parse(text)
    except ExpressionError as error:
        assert 0 <= error.position <= max(len(text), MAX_LENGTH)


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=5),
    st.lists(st.text(max_size=3), max_size=3), st.dictionaries(st.text(max_size=2), st.integers()),
)


@settings(max_examples=200, deadline=None)
@given(VALUES, VALUES)
def test_evaluation_never_raises_on_odd_answers(a, b):
    for text in ("${a} = ${b}", "${a} < ${b}", "selected(${a}, 'x')", "count-selected(${a}) > 1",
                 "string-length(${a}) >= 0", "not(${a}) and ${b} or ."):
        assert parse(text).test({"a": a, "b": b}, a) in (True, False)


KEYS = st.sampled_from(["a", "b", "c.d"])
LEAVES = st.one_of(
    KEYS.map(Ref),
    st.integers(-1000, 1000).map(Literal),
    st.sampled_from(["yes", "no", "x y", ""]).map(Literal),
    st.just(SelfValue()),
)
COMPARISONS = st.builds(
    Compare, st.sampled_from(["=", "!=", "<", "<=", ">", ">="]), LEAVES, LEAVES
)


def _trees(children):
    return st.one_of(
        st.lists(children, min_size=2, max_size=3).map(lambda items: And(tuple(items))),
        st.lists(children, min_size=2, max_size=3).map(lambda items: Or(tuple(items))),
        children.map(lambda item: Call("not", (item,))),
    )


@settings(max_examples=200, deadline=None)
@given(st.recursive(COMPARISONS, _trees, max_leaves=8))
def test_generated_trees_round_trip(expr):
    reparsed = parse(expr.source())
    answers = {"a": "yes", "b": 3, "c.d": ""}
    assert reparsed.test(answers, 5) == expr.test(answers, 5)
