"""Whole numbers from URLs and forms, bounded to what the database can hold.

A number too large for an INTEGER column is not an id of anything: it is refused (404 in a
route, ``None`` from a query argument) instead of reaching the database as an overflow.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

#: The largest value of a 32-bit signed INTEGER column (SQLite's and PostgreSQL's ids).
MAX_ID = 2**31 - 1


def db_int(value: str) -> int:
    """``int(value)`` for ids and page numbers; ValueError outside 0..MAX_ID or for non-digits.

    Use as ``request.args.get(name, type=db_int)``: an unusable value then gives the default.
    """
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        raise ValueError(f"not a whole number from 0 to {MAX_ID}: {value!r}")
    number = int(text)
    if number > MAX_ID:
        raise ValueError(f"not a whole number from 0 to {MAX_ID}: {value!r}")
    return number


class BoundedIntConverter(IntegerConverter):
    """``<int:...>`` in routes: at most :data:`MAX_ID`, so an oversized id is a 404."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
