"""URL builders compiled once per test process, not once per app.

The suite builds an app for nearly every test (about 2,600). For each of an app's ~90 rules,
Werkzeug writes the Python source of two URL builders, parses and compiles it: 95% of
``create_app``'s 36-39 ms (docs/benchmarks.md, "Fifth round"). A builder depends only on the
rule's text, its parsed trace and its defaults' names, and it receives its rule as its first
argument, so rules of later apps reuse the functions compiled for the first. A rule whose
defaults fill one of its own variables is compiled as Werkzeug does (its builder holds the
converted default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing.rules import Rule

_compile_builder = Rule._compile_builder
_builders: dict[tuple[Any, ...], Callable[..., tuple[str, str]]] = {}


def _cached_compile_builder(self: Rule, append_unknown: bool = True
                            ) -> Callable[..., tuple[str, str]]:
    defaults = self.defaults or {}
    if any(dynamic and name in defaults for dynamic, name in self._trace):
        return _compile_builder(self, append_unknown)
    key = (self.rule, tuple(self._trace), tuple(defaults), append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _compile_builder(self, append_unknown)
    return builder


def install() -> None:
    Rule._compile_builder = _cached_compile_builder  # type: ignore[method-assign]


def compile_uncached(rule: Rule, append_unknown: bool) -> Callable[..., tuple[str, str]]:
    """The builder Werkzeug itself compiles for ``rule`` (for the test that compares)."""
    return _compile_builder(rule, append_unknown)
