"""Page through a SELECT with ``?page=N``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from sqlalchemy import Select

from services import paging
from web.params import db_int


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def paginate(stmt: Select, per_page: int = 50) -> Page:
    number = max(1, request.args.get("page", 1, type=db_int))
    total = paging.count(stmt)
    number = min(number, max(1, -(-total // per_page)))  # past the end: the last page
    items = paging.objects(stmt, limit=per_page, offset=(number - 1) * per_page)
    return Page(items=items, number=number, per_page=per_page, total=total)
