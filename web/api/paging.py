"""The API's paging: ``?page=N&per_page=M`` checked, one page of a service's statement
(``services/paging.py``) with links to its neighbours, and refusals of arguments the API does
not accept."""

from __future__ import annotations

from typing import Any

from flask import request
from sqlalchemy import Select

from services import paging
from web.links import external_url
from web.params import MAX_ID, db_int

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50


class BadParameter(Exception):
    """A query argument the API does not accept; answered 400 with the reason."""


#: The query arguments each operation accepts (its OpenAPI parameters); any other is a 400.
PAGE_ARGUMENTS = frozenset({"page", "per_page"})


def one_argument(name: str) -> str | None:
    values = request.args.getlist(name)
    if len(values) > 1:
        raise BadParameter(f"{name} may be given once")
    return values[0] if values else None


def _whole(name: str, default: int, low: int, high: int) -> int:
    text = one_argument(name)
    if text is None:
        return default
    try:
        number = db_int(text)
    except ValueError:
        number = -1
    if not low <= number <= high:
        raise BadParameter(f"{name} must be a whole number from {low} to {high}")
    return number


def check_arguments(accepted: frozenset[str]) -> None:
    unknown = sorted(set(request.args) - accepted)
    if unknown:
        raise BadParameter(f"unknown query argument: {', '.join(unknown)}")


def page_of(stmt: Select, serialize, *, accepted: frozenset[str] = PAGE_ARGUMENTS
            ) -> dict[str, Any]:
    """``?page=N&per_page=M`` over ``stmt``, with links to the neighbouring pages."""
    check_arguments(accepted)
    page = _whole("page", 1, 1, MAX_ID)
    per_page = _whole("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = paging.count(stmt)
    pages = max(1, -(-total // per_page))
    offset = (page - 1) * per_page
    rows = paging.rows(stmt, limit=per_page, offset=offset) if page <= pages else []
    # Links carry only the accepted arguments, rebuilt from their checked values.
    args = {**request.view_args, **{name: request.args[name] for name in accepted - PAGE_ARGUMENTS
                                    if name in request.args}, "per_page": per_page}
    return {
        "data": [serialize(row) for row in rows],
        "page": page, "per_page": per_page, "total": total, "pages": pages,
        "next": external_url(request.endpoint, **{**args, "page": page + 1})
        if page < pages else None,
        "previous": external_url(request.endpoint, **{**args, "page": min(page - 1, pages)})
        if page > 1 else None,
    }
