"""XLSForm-style conditions for `relevant` and `constraint`.

A tokenizer and a recursive-descent parser build a small tree of frozen dataclasses; the tree
evaluates against a mapping of answers. Nothing is ever passed to `eval`.

Grammar (lowest precedence first)::

    expr     := and_expr ("or" and_expr)*
    and_expr := cmp ("and" cmp)*
    cmp      := primary (("=" | "!=" | "<" | "<=" | ">" | ">=") primary)?
    primary  := NUMBER | STRING | "${" KEY "}" | "." | "(" expr ")" | FUNC "(" args ")"
    FUNC     := "not" | "selected" | "count-selected" | "string-length"

Empty rule: an unanswered reference (None, "", [] or {}) makes every comparison false, except a
comparison with the empty string literal, so `${k} = ''` tests for "not answered" as in XLSForm.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

MAX_LENGTH = 2000
"""Longest condition accepted, in characters."""
MAX_DEPTH = 32
"""Deepest nesting of parentheses and function calls accepted."""

KEY_PATTERN = r"[a-z0-9_]+(?:\.[a-z0-9_]+)*"


class ExpressionError(ValueError):
    """A condition that cannot be parsed; `position` is the 0-based character offset."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(f"{message} (at character {position + 1})")
        self.message = message
        self.position = position


# --------------------------------------------------------------------------- values


def is_empty(value: Any) -> bool:
    """True for an unanswered value: None, "", whitespace, an empty list or mapping."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set | frozenset):
        return not value
    return False


def truthy(value: Any) -> bool:
    """XPath-like boolean of a value: empty and zero are false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0 and not (isinstance(value, float) and math.isnan(value))
    return not is_empty(value)


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


_COMPARATORS = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def compare(op: str, left: Any, right: Any) -> bool:
    """Compare two values under the empty rule; mismatched kinds compare false."""
    left_literal_empty = left == "" and isinstance(left, str)
    right_literal_empty = right == "" and isinstance(right, str)
    if is_empty(left) or is_empty(right):
        if op in ("=", "!=") and (left_literal_empty or right_literal_empty):
            both_empty = is_empty(left) and is_empty(right)
            return both_empty if op == "=" else not both_empty
        return False
    fn = _COMPARATORS[op]
    if isinstance(left, bool) or isinstance(right, bool):
        if isinstance(left, bool) and isinstance(right, bool):
            return bool(fn(left, right))
        return False
    a, b = _as_number(left), _as_number(right)
    if a is not None and b is not None and (
        not isinstance(left, str) or not isinstance(right, str)
    ):
        return bool(fn(a, b))
    if isinstance(left, str) and isinstance(right, str):
        return bool(fn(left, right))
    return False


# --------------------------------------------------------------------------- tree


class Expr:
    """A node of a parsed condition."""

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        raise NotImplementedError

    def test(self, answers: Mapping[str, Any], self_value: Any = None) -> bool:
        """The condition's truth value."""
        return truthy(self.evaluate(answers, self_value))

    def children(self) -> tuple[Expr, ...]:
        return ()

    def source(self) -> str:
        """Canonical text that parses back to an equal tree."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.source()


@dataclass(frozen=True)
class Literal(Expr):
    value: str | int | float

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        return self.value

    def source(self) -> str:
        if isinstance(self.value, str):
            quote = "'" if "'" not in self.value else '"'
            return f"{quote}{self.value}{quote}"
        if isinstance(self.value, float):
            text = format(Decimal(repr(self.value)), "f")
            return text if "." in text else text + ".0"
        return str(self.value)


@dataclass(frozen=True)
class Ref(Expr):
    key: str

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        return answers.get(self.key)

    def source(self) -> str:
        return "${" + self.key + "}"


@dataclass(frozen=True)
class SelfValue(Expr):
    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        return self_value

    def source(self) -> str:
        return "."


@dataclass(frozen=True)
class Compare(Expr):
    op: str
    left: Expr
    right: Expr

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        left = self.left.evaluate(answers, self_value)
        return compare(self.op, left, self.right.evaluate(answers, self_value))

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def source(self) -> str:
        return f"{_wrapped(self.left)} {self.op} {_wrapped(self.right)}"


@dataclass(frozen=True)
class And(Expr):
    items: tuple[Expr, ...]

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        return all(item.test(answers, self_value) for item in self.items)

    def children(self) -> tuple[Expr, ...]:
        return self.items

    def source(self) -> str:
        return " and ".join(_wrapped(item, Or, And) for item in self.items)


@dataclass(frozen=True)
class Or(Expr):
    items: tuple[Expr, ...]

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        return any(item.test(answers, self_value) for item in self.items)

    def children(self) -> tuple[Expr, ...]:
        return self.items

    def source(self) -> str:
        return " or ".join(_wrapped(item, Or) for item in self.items)


def _selected(value: Any, option: Any) -> bool:
    if not isinstance(option, str) or is_empty(value):
        return False
    if isinstance(value, list | tuple):
        return option in value
    if isinstance(value, str):
        return option in value.split()
    return False


def _count_selected(value: Any) -> int:
    if isinstance(value, list | tuple):
        return len(value)
    if isinstance(value, str):
        return len(value.split())
    return 0


def _string_length(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return len(str(value))
    return 0


@dataclass(frozen=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...]

    def evaluate(self, answers: Mapping[str, Any], self_value: Any = None) -> Any:
        values = [arg.evaluate(answers, self_value) for arg in self.args]
        if self.name == "not":
            return not truthy(values[0])
        if self.name == "selected":
            return _selected(values[0], values[1])
        if self.name == "count-selected":
            return _count_selected(values[0])
        return _string_length(values[0])

    def children(self) -> tuple[Expr, ...]:
        return self.args

    def source(self) -> str:
        return f"{self.name}({', '.join(arg.source() for arg in self.args)})"


FUNCTIONS: dict[str, int] = {"not": 1, "selected": 2, "count-selected": 1, "string-length": 1}
"""Function names and their number of arguments."""


def _wrapped(expr: Expr, *needs_parens: type) -> str:
    kinds = needs_parens or (Or, And, Compare)
    text = expr.source()
    return f"({text})" if isinstance(expr, kinds) else text


def references(expr: Expr) -> set[str]:
    """Keys referenced with `${...}` anywhere in `expr`."""
    found: set[str] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Ref):
            found.add(node.key)
        stack.extend(node.children())
    return found


def uses_self(expr: Expr) -> bool:
    """True when `expr` refers to the question's own value with `.`."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, SelfValue):
            return True
        stack.extend(node.children())
    return False


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, ref, self, op, lparen, rparen, comma, name, end
    text: str
    position: int
    value: Any = None


_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<ref>\$\{(?P<key>[^}]*)\})
  | (?P<number>-?\d+(?:\.\d+)?(?![\w.]))
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<op>!=|<=|>=|=|<|>)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<name>[a-z][a-z0-9-]*)
  | (?P<self>\.)
    """,
    re.VERBOSE,
)
_KEY_RE = re.compile(KEY_PATTERN)


def tokenize(text: str) -> list[Token]:
    """Split a condition into tokens, ending with an `end` token."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise ExpressionError(f"unexpected character {text[pos]!r}", pos)
        kind = match.lastgroup or ""
        chunk = match.group(0)
        if kind == "ref":
            key = match.group("key")
            if not _KEY_RE.fullmatch(key):
                raise ExpressionError(f"invalid question key {key!r}", pos)
            tokens.append(Token("ref", chunk, pos, key))
        elif kind == "number":
            value: int | float = float(chunk) if "." in chunk else int(chunk)
            if isinstance(value, float) and not math.isfinite(value):
                raise ExpressionError("number too large", pos)
            tokens.append(Token("number", chunk, pos, value))
        elif kind == "string":
            tokens.append(Token("string", chunk, pos, chunk[1:-1]))
        elif kind != "space":
            tokens.append(Token(kind, chunk, pos))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def expect(self, kind: str, what: str) -> Token:
        token = self.current
        if token.kind != kind:
            found = token.text or "end of condition"
            raise ExpressionError(f"expected {what}, found {found!r}", token.position)
        return self.advance()

    def is_word(self, word: str) -> bool:
        return self.current.kind == "name" and self.current.text == word

    def parse(self) -> Expr:
        if self.current.kind == "end":
            raise ExpressionError("empty condition", 0)
        expr = self.parse_or()
        if self.current.kind != "end":
            raise ExpressionError(f"unexpected {self.current.text!r}", self.current.position)
        return expr

    def nested(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"condition nested deeper than {MAX_DEPTH} levels", position)

    def parse_or(self) -> Expr:
        items = [self.parse_and()]
        while self.is_word("or"):
            self.advance()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Expr:
        items = [self.parse_comparison()]
        while self.is_word("and"):
            self.advance()
            items.append(self.parse_comparison())
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_comparison(self) -> Expr:
        left = self.parse_primary()
        if self.current.kind != "op":
            return left
        op = self.advance().text
        right = self.parse_primary()
        if self.current.kind == "op":
            raise ExpressionError(
                "chained comparison; use 'and' between comparisons", self.current.position
            )
        return Compare(op, left, right)

    def parse_primary(self) -> Expr:
        token = self.current
        if token.kind == "number" or token.kind == "string":
            self.advance()
            return Literal(token.value)
        if token.kind == "ref":
            self.advance()
            return Ref(token.value)
        if token.kind == "self":
            self.advance()
            return SelfValue()
        if token.kind == "lparen":
            self.advance()
            self.nested(token.position)
            inner = self.parse_or()
            self.expect("rparen", "')'")
            self.depth -= 1
            return inner
        if token.kind == "name":
            return self.parse_call()
        found = token.text or "end of condition"
        raise ExpressionError(f"expected a value, found {found!r}", token.position)

    def parse_call(self) -> Expr:
        token = self.advance()
        arity = FUNCTIONS.get(token.text)
        if arity is None:
            raise ExpressionError(f"unknown function or word {token.text!r}", token.position)
        self.expect("lparen", f"'(' after {token.text}")
        self.nested(token.position)
        args = [self.parse_or()]
        while self.current.kind == "comma":
            self.advance()
            args.append(self.parse_or())
        self.expect("rparen", "')'")
        self.depth -= 1
        if len(args) != arity:
            raise ExpressionError(
                f"{token.text}() takes {arity} argument{'s' if arity > 1 else ''}, "
                f"got {len(args)}",
                token.position,
            )
        needs_ref = token.text in ("selected", "count-selected")
        if needs_ref and not isinstance(args[0], Ref | SelfValue):
            raise ExpressionError(
                f"{token.text}() needs a question reference as first argument", token.position
            )
        return Call(token.text, tuple(args))


def parse(text: str) -> Expr:
    """Parse a condition; raises ExpressionError on anything malformed."""
    if not isinstance(text, str):
        raise ExpressionError("a condition must be text", 0)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"condition longer than {MAX_LENGTH} characters", MAX_LENGTH)
    return _Parser(text).parse()
