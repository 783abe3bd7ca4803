"""What the anonymous report may show: no cell of fewer than three States, no quote that
names a State.

A breakdown by regional group (or Convention status, or anything else) with one or two
responding States in a category tells a reader who knows the list of respondents what those
States answered. Such categories are pooled; a pool that is still too small takes in the
smallest category shown, and with too few respondents in all there is no breakdown at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

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


#: Words that contain a State's name without naming one ("developing countries" in Chinese).
NOT_NAMES = ("发展中国家", "西班牙语", "西班牙文")
CYRILLIC_ENDINGS = frozenset("аяйеоьыи")
ADJECTIVE_ENDINGS = frozenset({"ая", "ий", "ое", "ые", "ой", "ый"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    for word in NOT_NAMES:
        text = text.replace(word, " ")
    return text


def _name_variants(name: str) -> set[str]:
    """The name, and its part before a bracket or comma ("Bolivia" for "Bolivia
    (Plurinational State of)")."""
    variants = {name.strip()}
    for mark in (" (", "(", "（", ","):
        head = name.split(mark)[0].strip()
        if len(head) >= 3:
            variants.add(head)
    return {v for v in variants if v}


def _name_pattern(name: str) -> str:
    """A name as a word: bounded on both sides in scripts that separate words with spaces
    (Latin, Cyrillic); in Arabic only at its end, since particles attach in front
    ("والصين") and a letter after it makes another word ("الصينية", Chinese); anywhere in
    Chinese, which has no spaces."""
    escaped = re.escape(_fold(name))
    scripts = {unicodedata.name(char, "").split()[0] for char in name if char.isalpha()}
    if scripts == {"CYRILLIC"}:  # declined: "Кения", "Кении", "Кенией"
        words = [_cyrillic_stem(word) for word in _fold(name).split()]
        joined = r"\s+".join(words)
        return rf"(?<!\w){joined}(?!\w)"
    if scripts <= {"LATIN", "CYRILLIC"}:
        return rf"(?<!\w){escaped}(?!\w)"
    if scripts == {"ARABIC"}:
        return rf"{escaped}(?!\w)"
    return escaped


def _cyrillic_stem(word: str) -> str:
    """A Russian word with its case ending left open ("Российск\\w{0,3}" for Российская);
    short words are kept whole, or "Мали" would find "малые"."""
    ending = 2 if word[-2:] in ADJECTIVE_ENDINGS else 1 if word[-1:] in CYRILLIC_ENDINGS else 0
    stem = word[:len(word) - ending]
    return re.escape(word) if ending == 0 or len(stem) < 4 else re.escape(stem) + r"\w{0,3}"


@lru_cache(maxsize=8)
def _pattern(names: frozenset[str]) -> re.Pattern[str]:
    pieces = [_name_pattern(name) for name in sorted(names, key=len, reverse=True)]
    return re.compile("|".join(pieces) or r"(?!x)x")


def state_name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of ``names`` (and their short forms) in folded text."""
    variants: set[str] = set()
    for name in names:
        variants |= _name_variants(name)
    return _pattern(frozenset(variants))


def names_a_state(text: str, pattern: re.Pattern[str]) -> bool:
    return pattern.search(_fold(text)) is not None
