"""How an answer is laid out outside the web form: a neutral description each field type gives.

Renderers (the XLSX workbook, tabular exports) read a `Shape` instead of the type's name:
a `cell` (one value), `options` (one tick per option), `rows` (free rows of fixed columns),
`fixed` (one row per key: years, crime types), `single` (a one-row table whose row is the
value) or `info` (shown, never read back). Cells name their `CellKind`; what a kind looks like
in a given format is the renderer's business.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Pairs = Callable[[str], list[tuple[str, str]]]
"""(value, label) pairs in a language."""

CellKindName = Literal["text", "whole", "number", "date", "choice", "choices", "tick", "count"]
ShapeKind = Literal["cell", "options", "rows", "fixed", "single", "info"]

SHAPE_KINDS: tuple[ShapeKind, ...] = ("cell", "options", "rows", "fixed", "single", "info")
CELL_KINDS: tuple[CellKindName, ...] = (
    "text", "whole", "number", "date", "choice", "choices", "tick", "count",
)


def _no_pairs(lang: str) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class CellKind:
    """What one cell holds.

    ``text`` (kept as typed), ``whole``, ``number``, ``date`` (YYYY-MM-DD), ``choice`` (one of
    ``pairs``), ``choices`` (several of ``pairs``), ``tick`` (an option chosen or not),
    ``count`` (a whole number or "not known").
    """

    kind: CellKindName
    pairs: Pairs = _no_pairs


TEXT = CellKind("text")
WHOLE = CellKind("whole")
NUMBER = CellKind("number")
DATE = CellKind("date")
TICK = CellKind("tick")
COUNT = CellKind("count")


@dataclass(frozen=True)
class ShapeColumn:
    """A table column: where its cell sits in a row's value, its header and its cell kind."""

    path: tuple[str, ...]
    header: Callable[[str], str]
    cell: CellKind


def _key_label(key: str, lang: str) -> str:
    return key


def _no_header(lang: str) -> str:
    return ""


@dataclass(frozen=True)
class Shape:
    """How a question is laid out (see the module docstring for the kinds)."""

    kind: ShapeKind
    cell: CellKind | None = None
    """The cell of a ``cell`` shape, or of each option of an ``options`` shape."""
    columns: tuple[ShapeColumn, ...] = ()
    row_keys: tuple[str, ...] = ()
    """The rows of a ``fixed`` shape; the value maps each key to its row."""
    row_label: Callable[[str, str], str] = _key_label
    row_header: Callable[[str], str] = _no_header
    max_rows: int = 0
    """The rows a ``rows`` shape offers at most."""


INFO = Shape("info")
