"""How answers sit in workbook cells: one codec per kind of cell, one layout per question.

A codec turns part of a stored answer into a cell value and a filled cell back into that part
(or into an English problem message, translated by the caller). A layout says how a question
is spread over rows: one answer cell, one row per option, or a table.
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
from questionnaire.fields.statistics import NOT_KNOWN, NOT_KNOWN_INPUTS
from questionnaire.i18n import _
from questionnaire.vocabulary import term

Pairs = Callable[[str], list[tuple[str, str]]]
"""(value, label) pairs in a language."""

_WHOLE_RE = re.compile(r"[+-]?\d{1,16}")
_DECIMAL_RE = re.compile(r"[+-]?\d{1,16}(?:[.,]\d{1,12})?")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_SPLIT_RE = re.compile(r"[\n;]")
TICKS = frozenset({"x", "✓", "✔", "1", "true"})
PENALTY_KIND_TERMS = {"term": "term", "life": "life", "none": "no_custodial"}
ROW_STATUSES = ("in_force", "bill")


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
    return str(raw)


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


def codec_for(field_type: FieldType) -> Codec:
    """The codec of a question answered in a single cell."""
    name = field_type.name
    if name in ("integer", "year"):
        return WholeCodec()
    if name == "decimal":
        return NumberCodec()
    if name == "date":
        return DateCodec()
    if name in ("yes_partly_no", "single_choice"):
        return ChoiceCodec(pairs=field_type.choices)  # type: ignore[attr-defined]
    if name == "multiple_choice":
        return MultiChoiceCodec(pairs=field_type.choices)  # type: ignore[attr-defined]
    return Codec()


# ------------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Column:
    """A table column: where its cell goes in a row's value, its header and its codec."""

    path: tuple[str, ...]
    header: Callable[[str], str]
    codec: Codec


@dataclass(frozen=True)
class Layout:
    """How a question is laid out.

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


def _label_of(field_type: FieldType) -> Callable[[str], str]:
    return field_type.label


def _penalty_columns(prefix: tuple[str, ...], label: Callable[[str], str]) -> list[Column]:
    kinds = ChoiceCodec(pairs=lambda lang: [
        (kind, term(lang, vocab)) for kind, vocab in PENALTY_KIND_TERMS.items()])

    def header(part: str) -> Callable[[str], str]:
        return lambda lang: f"{label(lang)}: {term(lang, part)}"

    return [
        Column((*prefix, "kind"), header("penalty_kind"), kinds),
        Column((*prefix, "years"), header("years"), WholeCodec()),
        Column((*prefix, "months"), header("months"), WholeCodec()),
        Column((*prefix, "fine"), header("fine"), Codec()),
    ]


def _vocabulary(key: str) -> Callable[[str], str]:
    return lambda lang: term(lang, key)


def _row_column(column: Any) -> Column:
    if column.kind == "year":
        codec: Codec = WholeCodec()
    elif column.kind == "status":
        codec = ChoiceCodec(pairs=lambda lang: [(s, term(lang, s)) for s in ROW_STATUSES])
    else:
        codec = Codec()
    return Column((column.key,), _vocabulary(column.key), codec)


def layout_of(question: Question) -> Layout:
    field_type = field_type_for(question)
    name = field_type.name
    if name == "multiple_choice":
        return Layout("options", field_type, codec=TickCodec())
    if name in ("citations", "cases"):
        columns = tuple(_row_column(c) for c in field_type.columns)  # type: ignore[attr-defined]
        return Layout("rows", field_type, columns=columns,
                      max_rows=field_type.max_rows(),  # type: ignore[attr-defined]
                      row_header=lambda lang: "#")
    if name == "statistics":
        measures = field_type.measures()  # type: ignore[attr-defined]
        columns = tuple(Column((key,), label.get, CountCodec()) for key, label in measures)
        years = tuple(str(year) for year in field_type.years())  # type: ignore[attr-defined]
        return Layout("fixed", field_type, columns=columns, row_keys=years,
                      row_header=_vocabulary("year"))
    if name == "crime_matrix":
        columns_list: list[Column] = []
        for key, sub in field_type.columns():  # type: ignore[attr-defined]
            if sub.name == "penalty":
                columns_list.extend(_penalty_columns((key,), _label_of(sub)))
            else:
                columns_list.append(Column((key,), _label_of(sub), codec_for(sub)))
        crime_types = {c.key: c.label for c in field_type.crime_types()}  # type: ignore[attr-defined]
        return Layout("fixed", field_type, columns=tuple(columns_list),
                      row_keys=tuple(crime_types),
                      row_label=lambda key, lang: crime_types[key].get(lang),
                      row_header=_vocabulary("crime_type"))
    if name == "penalty":
        return Layout("single", field_type, columns=tuple(_penalty_columns((), _label_of(
            field_type))))
    if name in ("attachment",) or getattr(field_type, "stored_by_upload", False):
        return Layout("info", field_type)
    if name in ("short_text", "long_text", "integer", "decimal", "year", "date",
                "yes_partly_no", "single_choice"):
        return Layout("cell", field_type, codec=codec_for(field_type))
    return Layout("info", field_type)


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
