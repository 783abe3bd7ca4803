"""Paging through a SELECT: how many rows it gives, and one page of them.

The web's pages (``web/pagination.py``) and the API's (``web/api/views.py``) read their
``?page=`` arguments themselves and ask here for the rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, func, select

from models import db


def count(stmt: Select) -> int:
    """The number of rows ``stmt`` gives (its ORDER BY dropped)."""
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def rows(stmt: Select, *, limit: int, offset: int) -> list[Row[Any]]:
    """One page of ``stmt``'s rows (tuples, for statements that select several things)."""
    return list(db.session.execute(stmt.limit(limit).offset(offset)).all())


def objects(stmt: Select, *, limit: int, offset: int) -> list[Any]:
    """One page of ``stmt``'s first column (the objects, for ``select(Model)``)."""
    return list(db.session.scalars(stmt.limit(limit).offset(offset)))
