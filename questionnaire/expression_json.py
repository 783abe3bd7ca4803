"""A parsed condition as plain JSON, for the browser's instant show/hide of questions.

The server's own evaluation stays authoritative; this only mirrors it for responsiveness.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from questionnaire.expressions import And, Call, Compare, Expr, Literal, Or, Ref, SelfValue

_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Literal: lambda e: {"lit": e.value},
    Ref: lambda e: {"ref": e.key},
    SelfValue: lambda e: {"self": True},
    Compare: lambda e: {"cmp": e.op, "l": to_json(e.left), "r": to_json(e.right)},
    And: lambda e: {"and": [to_json(item) for item in e.items]},
    Or: lambda e: {"or": [to_json(item) for item in e.items]},
    Call: lambda e: {"call": e.name, "args": [to_json(arg) for arg in e.args]},
}


def to_json(expr: Expr) -> dict[str, Any]:
    return _ENCODERS[type(expr)](expr)
