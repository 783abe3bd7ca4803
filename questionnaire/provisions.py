"""The provisions a gap rule can name: "UNTOC 16(5)(b)", "UNCAC 54(1)(c)", "RES12/4 OP4", ...

The list of known provisions is data (`questionnaire/provisions.yaml`); this module reads it,
tells whether a reference is known, orders references (the Convention first, by article, then
its Protocols, UNCAC, resolution 12/4 and the General Assembly) and names their article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).with_name("provisions.yaml")
INSTRUMENT_ORDER = ("UNTOC", "TIP", "SOM", "FIP", "UNCAC", "RES12/4", "GA")
"""The order in which findings are listed: the Convention, its Protocols, UNCAC, the resolution."""

_REF_RE = re.compile(r"(?P<instrument>[A-Z0-9/]+) (?P<ref>\S+)")
_TREATY_REF_RE = re.compile(r"(?P<article>\d+)(?P<parts>(?:\([0-9a-z]+\))*)")
_OP_REF_RE = re.compile(r"OP(?P<number>\d+)(?P<parts>(?:\([a-z]\))?)")
_PART_RE = re.compile(r"(?:(?P<from>\d+)(?:-(?P<to>\d+))?)?(?:\((?P<a>[a-z])-(?P<b>[a-z])\))?")


class ProvisionError(ValueError):
    """A reference that is not in the list of known provisions."""


@dataclass(frozen=True, order=True)
class Provision:
    """A parsed reference; sorts in the order findings are listed."""

    sort_key: tuple[int, int, int, str]
    ref: str
    instrument: str
    article: str
    """The reference's article (or operative paragraph, or GA symbol): "UNTOC 16", "RES12/4 OP5"."""

    def __str__(self) -> str:
        return self.ref


def _expand(notation: str) -> set[str]:
    """Suffixes after the article: '1-2 3(a-b)' -> {'', '(1)', '(2)', '(3)', '(3)(a)', '(3)(b)'}."""
    suffixes = {""}
    if notation.strip() == "-":
        return suffixes
    for part in notation.split():
        match = _PART_RE.fullmatch(part)
        if match is None or not part:
            raise ValueError(f"bad structure notation {part!r}")
        numbers: list[str] = []
        if match["from"]:
            last = int(match["to"] or match["from"])
            numbers = [f"({n})" for n in range(int(match["from"]), last + 1)]
        letters = ([f"({chr(c)})" for c in range(ord(match["a"]), ord(match["b"]) + 1)]
                   if match["a"] else [])
        for number in numbers or [""]:
            suffixes.add(number)
            suffixes.update(number + letter for letter in letters)
    return suffixes


@cache
def _known() -> dict[str, set[str]]:
    """Instrument -> its known references (without the instrument prefix)."""
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))["instruments"]
    known: dict[str, set[str]] = {}
    for name, entry in data.items():
        refs: set[str] = set()
        if entry["kind"] == "treaty":
            for article, notation in entry["articles"].items():
                refs.update(f"{article}{suffix}" for suffix in _expand(notation))
        elif entry["kind"] == "resolution":
            for suffix in _expand(entry["paragraphs"]) - {""}:
                number, _, letter = suffix[1:].partition(")")
                refs.add(f"OP{number}{letter}")
        else:
            refs.update(entry["symbols"])
        known[name] = refs
    return known


def known_instruments() -> tuple[str, ...]:
    return tuple(name for name in INSTRUMENT_ORDER if name in _known())


def is_known(ref: str) -> bool:
    match = _REF_RE.fullmatch(ref)
    return match is not None and match["ref"] in _known().get(match["instrument"], set())


def _number_key(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else 0


@cache
def parse(ref: str) -> Provision:
    """The known provision `ref`; ProvisionError when it is not in the list."""
    if not isinstance(ref, str) or not is_known(ref):
        raise ProvisionError(f"unknown provision {ref!r}")
    match = _REF_RE.fullmatch(ref)
    assert match is not None
    instrument, rest = match["instrument"], match["ref"]
    rank = INSTRUMENT_ORDER.index(instrument)
    if instrument == "GA":
        session, _, number = rest.partition("/")
        return Provision((rank, int(session), int(number), ""), ref, instrument, ref)
    if instrument == "RES12/4":
        op = _OP_REF_RE.fullmatch(rest)
        assert op is not None
        return Provision((rank, int(op["number"]), 0, op["parts"]), ref, instrument,
                         f"{instrument} OP{op['number']}")
    treaty = _TREATY_REF_RE.fullmatch(rest)
    assert treaty is not None
    parts = treaty["parts"]
    paragraph = _number_key(parts[1:]) if parts[1:2].isdigit() else 0
    return Provision((rank, int(treaty["article"]), paragraph, parts), ref, instrument,
                     f"{instrument} {treaty['article']}")


def sort_provisions(refs: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Known references in listing order (unknown ones last, alphabetically)."""
    known = sorted(parse(ref) for ref in refs if is_known(ref))
    unknown = sorted(ref for ref in refs if not is_known(ref))
    return [p.ref for p in known] + unknown


def from_untoc_tag(article: str) -> str | None:
    """A question's `tags.articles` entry ("12(1)(a)") as a Convention reference, if known."""
    ref = f"UNTOC {article}"
    return ref if is_known(ref) else None
