"""How answers sit in workbook cells: one codec per kind of cell, one layout per question.

A codec turns part of a stored answer into a cell value and a filled cell back into that part
(or into an English problem message, translated by the caller). A layout is a field type's
shape (how a question is spread over rows) with a codec for each cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from questionnaire import LANGUAGES
from questionnaire.definition import Question
from questionnaire.fields.base import FieldType, field_type_for, format_number
from questionnaire.fields.shape import CellKind, Pairs
from questionnaire.fields.statistics import NOT_KNOWN, NOT_KNOWN_INPUTS
from questionnaire.i18n import _
from questionnaire.line_breaks import normalized_line_breaks
from questionnaire.vocabulary import term

_WHOLE_RE = re.compile(r"[+-]?\d{1,16}")
_DECIMAL_RE = re.compile(r"[+-]?\d{1,16}(?:[.,]\d{1,12})?")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_SPLIT_RE = re.compile(r"[\n;]")
TICKS = frozenset({"x", "✓", "✔", "1", "true"})


class Problem(Exception):
    """A cell that cannot be read, and why (a ``questionnaire.i18n.Message``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_text(raw: Any) -> str:
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, int | float):
        return format_number(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    # A cell read with lxml keeps a CR (Excel on some systems writes CRLF): answers have LF.
    return normalized_line_breaks(str(raw))


class Codec:
    """A cell of text, kept exactly as typed."""

    text_format = True
    """Format the cell as text, so that what the user types is never taken for a formula."""
    hint = _("Text.")

    def encode(self, value: Any, lang: str) -> Any:
        return None if value is None else _as_text(value)

    def decode(self, raw: Any, lang: str) -> Any:
        return _as_text(raw)

    def options(self, lang: str) -> list[str] | None:
        """Labels offered in a drop-down list, or None for a free cell."""
        return None


class WholeCodec(Codec):
    text_format = False
    hint = _("A whole number.")

    def encode(self, value: Any, lang: str) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return None if value is None else str(value)

    def decode(self, raw: Any, lang: str) -> Any:
        if isinstance(raw, bool):
            raise Problem(_("Enter a whole number."))
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = _as_text(raw).strip()
        if _WHOLE_RE.fullmatch(text):
            return int(text)
        raise Problem(_("Enter a whole number."))


class NumberCodec(Codec):
    text_format = False
    hint = _("A number.")

    def encode(self, value: Any, lang: str) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return None if value is None else str(value)

    def decode(self, raw: Any, lang: str) -> Any:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return raw
        text = _as_text(raw).strip()
        if _WHOLE_RE.fullmatch(text):
            return int(text)
        if _DECIMAL_RE.fullmatch(text):
            return float(text.replace(",", "."))
        raise Problem(_("Enter a number."))


class DateCodec(Codec):
    hint = _("A date as YYYY-MM-DD.")

    def decode(self, raw: Any, lang: str) -> Any:
        if isinstance(raw, datetime):
            return raw.date().isoformat()
        if isinstance(raw, date):
            return raw.isoformat()
        text = _as_text(raw).strip()
        if _ISO_DATE_RE.fullmatch(text):
            return text
        raise Problem(_("Enter a date as YYYY-MM-DD."))


@dataclass
class ChoiceCodec(Codec):
    """One value from a list, shown by its label in the workbook's language."""

    pairs: Pairs = field(default=lambda lang: [])
    text_format = True
    hint = _("Choose from the drop-down list.")

    def encode(self, value: Any, lang: str) -> Any:
        if value is None:
            return None
        return dict(self.pairs(lang)).get(value, _as_text(value))

    def options(self, lang: str) -> list[str] | None:
        return [label for _value, label in self.pairs(lang)]

    def lookup(self, text: str, lang: str) -> str | None:
        """The value a label stands for: in ``lang`` first, then as a value, then any language."""
        wanted = text.strip().casefold()
        for value, label in self.pairs(lang):
            if label.strip().casefold() == wanted:
                return value
        for value, _label in self.pairs(lang):
            if value.casefold() == wanted:
                return value
        for other in LANGUAGES:
            for value, label in self.pairs(other):
                if label.strip().casefold() == wanted:
                    return value
        return None

    def decode(self, raw: Any, lang: str) -> Any:
        text = _as_text(raw)
        value = self.lookup(text, lang)
        if value is None:
            raise Problem(_("“%(text)s” is not one of the answers in the list.", text=text))
        return value


@dataclass
class MultiChoiceCodec(ChoiceCodec):
    """Several values in one cell, one label a line (or separated by semicolons)."""

    hint = _("One or more answers from the list, one a line.")

    def encode(self, value: Any, lang: str) -> Any:
        if not isinstance(value, list):
            return None if value is None else _as_text(value)
        labels = dict(self.pairs(lang))
        return "\n".join(labels.get(item, _as_text(item)) for item in value)

    def options(self, lang: str) -> list[str] | None:
        return None

    def decode(self, raw: Any, lang: str) -> Any:
        picked = set()
        for part in _LIST_SPLIT_RE.split(_as_text(raw)):
            if not part.strip():
                continue
            value = self.lookup(part, lang)
            if value is None:
                raise Problem(_("“%(text)s” is not one of the answers offered.",
                                text=part.strip()))
            picked.add(value)
        return [value for value, _label in self.pairs(lang) if value in picked] or None


class TickCodec(Codec):
    """An option of a multiple choice: ticked ("Yes") or left empty."""

    hint = _("Choose Yes for each answer that applies.")

    def encode(self, value: Any, lang: str) -> Any:
        return term(lang, "yes") if value else None

    def options(self, lang: str) -> list[str] | None:
        return [term(lang, "yes")]

    def decode(self, raw: Any, lang: str) -> Any:
        if raw is True or (isinstance(raw, int | float) and raw == 1):
            return True
        text = _as_text(raw).strip().casefold()
        if text in TICKS or text in {term(other, "yes").casefold() for other in LANGUAGES}:
            return True
        if text in {"0", "false"} | {term(other, "no").casefold() for other in LANGUAGES}:
            return None
        raise Problem(_("Choose Yes, or leave the cell empty."))


class CountCodec(Codec):
    """A statistics figure: a whole number, or "not known"."""

    text_format = False
    hint = _("Whole numbers; ? when a figure is not known.")

    def encode(self, value: Any, lang: str) -> Any:
        if value == NOT_KNOWN:
            return term(lang, NOT_KNOWN)
        return WholeCodec().encode(value, lang)

    def decode(self, raw: Any, lang: str) -> Any:
        text = _as_text(raw).strip()
        if text.casefold() in NOT_KNOWN_INPUTS:
            return NOT_KNOWN
        try:
            number = WholeCodec().decode(raw, lang)
        except Problem:
            raise Problem(_("Enter a whole number, or ? if the figure is not known.")) from None
        if number < 0:
            raise Problem(_("Enter a whole number, or ? if the figure is not known."))
        return number


CODECS: dict[str, Callable[[CellKind], Codec]] = {
    "text": lambda cell: Codec(),
    "whole": lambda cell: WholeCodec(),
    "number": lambda cell: NumberCodec(),
    "date": lambda cell: DateCodec(),
    "choice": lambda cell: ChoiceCodec(pairs=cell.pairs),
    "choices": lambda cell: MultiChoiceCodec(pairs=cell.pairs),
    "tick": lambda cell: TickCodec(),
    "count": lambda cell: CountCodec(),
}
"""The codec of each kind of cell a field type's shape names."""


def codec_of(cell: CellKind) -> Codec:
    return CODECS[cell.kind](cell)


# ------------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Column:
    """A table column: where its cell goes in a row's value, its header and its codec."""

    path: tuple[str, ...]
    header: Callable[[str], str]
    codec: Codec


@dataclass(frozen=True)
class Layout:
    """How a question is laid out: its field type's ``Shape`` with a codec for each cell.

    ``kind`` is one of: ``cell`` (one answer cell), ``options`` (one row per option),
    ``rows`` (a table of free rows), ``fixed`` (a table with one row per ``row_keys`` entry;
    the value maps row key to row), ``single`` (a one-row table whose row is the value),
    ``info`` (shown, never read back).
    """

    kind: str
    field_type: FieldType
    codec: Codec | None = None
    columns: tuple[Column, ...] = ()
    row_keys: tuple[str, ...] = ()
    row_label: Callable[[str, str], str] = lambda key, lang: key
    row_header: Callable[[str], str] = lambda lang: ""
    max_rows: int = 0


def layout_of(question: Question) -> Layout:
    field_type = field_type_for(question)
    shape = field_type.shape()
    return Layout(
        shape.kind, field_type,
        codec=None if shape.cell is None else codec_of(shape.cell),
        columns=tuple(Column(c.path, c.header, codec_of(c.cell)) for c in shape.columns),
        row_keys=shape.row_keys, row_label=shape.row_label, row_header=shape.row_header,
        max_rows=shape.max_rows,
    )


# ------------------------------------------------------------------------------- rows


def get_path(row: Any, path: Sequence[str]) -> Any:
    for part in path:
        if not isinstance(row, Mapping):
            return None
        row = row.get(part)
    return row


def set_path(row: dict[str, Any], path: Sequence[str], value: Any) -> None:
    for part in path[:-1]:
        row = row.setdefault(part, {})
    row[path[-1]] = value
