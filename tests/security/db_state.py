"""Every table's rows as comparable text: to prove that a crawl or a refused request wrote
nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import select

from models import db

#: Columns a read may set: when an API token was last used.
READ_BOOKKEEPING = {"api_token": frozenset({"last_used_at"}),
                   # a session's last activity, and the secret a two-factor set-up page shows
                   "user_session": frozenset({"last_seen_at", "mfa_enrol_secret"})}


def table_rows(exclude: frozenset[str] = frozenset(),
               blank: Mapping[str, frozenset[str]] | None = None) -> dict[str, list[str]]:
    """Table name -> its rows (as text, ordered by primary key), for every mapped table;
    columns named in ``blank`` (table -> columns) are left out."""
    blank = blank or {}
    db.session.expire_all()
    contents: dict[str, list[str]] = {}
    for table in db.metadata.sorted_tables:
        if table.name in exclude:
            continue
        order = list(table.primary_key.columns) or list(table.columns)
        columns = [c for c in table.columns if c.name not in blank.get(table.name, ())]
        rows = db.session.execute(select(*columns).order_by(*order)).all()
        contents[table.name] = [repr(tuple(row)) for row in rows]
    return contents


def changed_tables(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


def folder_listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir()) if path.exists() else []
