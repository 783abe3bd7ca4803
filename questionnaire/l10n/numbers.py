"""Numbers as people type them in their language, and as the language writes them.

``parse_number`` reads what a user typed: group separators ("1,000", "1 000", "1.000" where
the language makes it unambiguous), the language's decimal mark, Arabic-Indic, Persian and
full-width digits, the Arabic decimal and group signs. ``format_number`` writes a number with
the language's separators (Babel's CLDR data).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel import numbers as babel_numbers

from questionnaire.l10n.dates import _language

#: Characters that separate groups of thousands whatever the language.
_SPACES = " \u00a0\u202f\u2009\u2007'\u2019"
_MINUS = "-\u2212"
_ARABIC_DECIMAL = "\u066b"
_ARABIC_GROUP = "\u066c"
_NUMBER = re.compile(r"[0-9.,s]+")


class NumberParseError(ValueError):
    """What was typed is not a number (``reason`` "invalid"), or could be two different
    numbers in the user's language (``reason`` "ambiguous", e.g. "1.000" in French)."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.text, self.reason = text, reason


def _ascii_digits(text: str) -> str:
    """Full-width forms to ASCII (NFKC), then every decimal digit (Arabic-Indic, Persian...)
    to 0-9; the Arabic decimal and group signs to a marker each."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for char in text:
        if char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
        elif char == _ARABIC_DECIMAL:
            out.append("d")
        elif char == _ARABIC_GROUP:
            out.append("g")
        else:
            out.append(char)
    return "".join(out)


def _grouped(integer: str, group: str) -> str | None:
    """``integer`` without its ``group`` marks if they stand every three digits, else None."""
    parts = integer.split(group)
    if not (1 <= len(parts[0]) <= 3) or any(len(part) != 3 for part in parts[1:]):
        return None
    return "".join(parts)


def _decimal_mark(body: str, lang: str) -> str | None:
    """Which of "." and "," in ``body`` is the decimal mark (None: there is none)."""
    points = [char for char in body if char in ".,"]
    if len(set(points)) == 2:  # "1,234.5" or "1.234,5": the last one is the decimal mark
        if points.count(points[-1]) != 1:
            raise ValueError("invalid")
        return points[-1]
    if len(points) != 1:
        return None  # no mark, or the same mark several times: groups
    mark = points[0]
    if mark == babel_numbers.get_decimal_symbol(lang):
        return mark
    tail = body.split(mark)[1]
    if len(tail) == 3 and tail.isdigit():  # looks like a group of three digits
        if mark == babel_numbers.get_group_symbol(lang):
            return None
        raise ValueError("ambiguous")  # "1.000" in French: a thousand, or one?
    return mark


def _split(body: str, lang: str) -> tuple[str, str | None]:
    """The integer digits and the fraction digits (None: no decimal mark) of ``body``: digits,
    "." and ",", and "s" for a space or another mark that only separates groups."""
    decimal = _decimal_mark(body, lang)
    integer, fraction = body.rsplit(decimal, 1) if decimal else (body, None)
    if fraction is not None and not fraction.isdigit():
        raise ValueError("invalid")
    separators = {char for char in integer if not char.isdigit()}
    if len(separators) > 1:
        raise ValueError("invalid")
    if separators:
        plain = _grouped(integer, separators.pop())
        if plain is None:
            raise ValueError("invalid")
        integer = plain
    return integer, fraction


def parse_number(text: str | None, lang: str | None = "en") -> int | float | None:
    """The number ``text`` means in ``lang``: an int without a decimal part, else a float;
    None when ``text`` is blank. Raises ``NumberParseError`` otherwise."""
    if text is None or not str(text).strip():
        return None
    raw = str(text)
    lang = _language(lang)
    typed = _ascii_digits(raw).strip()
    negative = typed[:1] in _MINUS
    if negative or typed[:1] == "+":
        typed = typed[1:].lstrip()
    typed = typed.replace("d", babel_numbers.get_decimal_symbol(lang)).replace("g", "s")
    body = re.sub(f"[{_SPACES}]+", "s", typed)
    if not _NUMBER.fullmatch(body) or not body[:1].isdigit() or not body[-1:].isdigit():
        raise NumberParseError(raw, "invalid")
    try:
        integer, fraction = _split(body, lang)
    except ValueError as error:
        raise NumberParseError(raw, str(error)) from None
    if len(integer) > 16 or (fraction is not None and len(fraction) > 12):
        raise NumberParseError(raw, "invalid")
    if fraction is None:
        return -int(integer) if negative else int(integer)
    value = float(f"{integer}.{fraction}")
    return -value if negative else value


def format_number(value: int | float | Decimal | None, lang: str | None = "en") -> str:
    """``value`` with the separators of ``lang`` ("1,234.5", "1 234,5", "1.234,5"); "" for
    None. Floats keep up to 12 significant digits and drop a zero fraction."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            value = int(value)
        else:
            value = Decimal(f"{value:.12g}")
    try:
        return babel_numbers.format_decimal(value, locale=_language(lang),
                                            decimal_quantization=False)
    except (InvalidOperation, ValueError, OverflowError):  # beyond Babel's decimal precision
        return str(value)
