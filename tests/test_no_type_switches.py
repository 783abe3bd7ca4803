"""Nothing in the application branches on a field type's name: the types declare what
renderers need (shape, example, flags), so a new type cannot be half-handled somewhere."""

from __future__ import annotations

import ast
from pathlib import Path

from questionnaire.fields import FIELD_TYPES

ROOT = Path(__file__).resolve().parents[1]
APPLICATION = ("app.py", "worker.py", "questionnaire", "exports", "web", "models", "services")
TYPE_NAMES = frozenset(FIELD_TYPES)


def application_files() -> list[Path]:
    files: list[Path] = []
    for name in APPLICATION:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
    return files


def type_names_in(node: ast.AST) -> set[str]:
    """Field-type names written as string constants in ``node`` (a literal or a collection)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} & TYPE_NAMES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return set().union(*(type_names_in(item) for item in node.elts))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id in ("frozenset", "set", "tuple") and node.args:
        return type_names_in(node.args[0])
    return set()


def is_other_kind(node: ast.AST) -> bool:
    """``kind`` or ``column.kind``: a summary's kind ("penalty", "statistics") or the kind of
    a cell in a row of citations ("year", "long_text"); they share words with type names but
    are vocabularies of their own."""
    return (isinstance(node, ast.Attribute) and node.attr == "kind") or (
        isinstance(node, ast.Name) and node.id == "kind")


def switches(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(is_other_kind(operand) for operand in operands):
                continue
            for operand in operands:
                names = type_names_in(operand)
                if names:
                    found.append((node.lineno, f"compares with {sorted(names)}"))
        elif isinstance(node, ast.match_case):
            names = set().union(*(type_names_in(n) for n in ast.walk(node.pattern)
                                  if isinstance(n, ast.MatchValue) for n in [n.value]))
            if names:
                found.append((node.pattern.lineno, f"matches {sorted(names)}"))
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            # A named set of type names (QUOTED_TYPES = {"long_text"}) is a switch one step away.
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = " ".join(ast.unparse(target) for target in targets).upper()
            value = node.value
            if "TYPE" in named and isinstance(value, ast.Tuple | ast.List | ast.Set | ast.Call):
                names = type_names_in(value)
                if names:
                    found.append((node.lineno, f"lists type names {sorted(names)}"))
    return found


def test_no_application_code_branches_on_a_field_type_name():
    found = []
    for path in application_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found.extend(f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in switches(tree))
    assert found == []


def test_the_check_sees_a_switch():
    assert switches(ast.parse('if question.type == "multiple_choice": pass'))
    assert switches(ast.parse('ranked = name in ("citations", "cases")'))
    assert switches(ast.parse('QUOTED_TYPES = frozenset({"long_text"})'))
    assert switches(ast.parse('match t:\n    case "penalty":\n        pass'))
    assert not switches(ast.parse('if column.kind == "year": pass'))
    assert not switches(ast.parse('if kind == "penalty": pass'))
    assert not switches(ast.parse('if field.quotable: pass'))
