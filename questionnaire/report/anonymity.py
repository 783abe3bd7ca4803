"""What the anonymous report may show: no cell of fewer than three States (here), no quote that
names a State (`questionnaire.report.naming`).

A breakdown by regional group (or Convention status, or anything else) with one or two
responding States in a category tells a reader who knows the list of respondents what those
States answered. Such categories are pooled; a pool that is still too small takes in the
smallest category shown, and with too few respondents in all there is no breakdown at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_CELL = 3
"""The fewest responding States a published category may hold."""


@dataclass(frozen=True)
class Cell:
    """One category of a breakdown as published: one code, or several pooled."""

    codes: tuple[str, ...]
    count: int

    @property
    def pooled(self) -> bool:
        return len(self.codes) > 1


def merge_small_cells(counts: Mapping[str, int], order: Sequence[str],
                      minimum: int = MIN_CELL) -> list[Cell]:
    """The categories of ``counts`` in ``order`` (empty ones left out), each holding at least
    ``minimum`` States; the pooled cell, if any, comes last. One cell with everything when the
    total itself is below ``minimum`` (or when pooling leaves a single category)."""
    present = [code for code in order if counts.get(code)]
    present += sorted(code for code in counts if counts[code] and code not in order)
    large = [code for code in present if counts[code] >= minimum]
    small = [code for code in present if counts[code] < minimum]
    pooled = sum(counts[code] for code in small)
    if small and pooled < minimum and large:
        smallest = min(large, key=lambda code: (counts[code], present.index(code)))
        large.remove(smallest)
        small = [code for code in present if code == smallest or code in small]
        pooled += counts[smallest]
    cells = [Cell((code,), counts[code]) for code in large]
    if small:
        cells.append(Cell(tuple(small), pooled))
    if len(cells) == 1 and cells[0].codes != tuple(present):
        return [Cell(tuple(present), sum(counts[code] for code in present))]
    return cells


def any_pooled(cells: Iterable[Cell]) -> bool:
    return any(cell.pooled for cell in cells)
