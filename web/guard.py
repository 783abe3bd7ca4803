"""One guard on each view: declared public, or signed in and allowed by a predicate.

A test walks ``app.url_map`` and fails on any endpoint whose view carries neither mark.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from models import User

View = TypeVar("View", bound=Callable[..., Any])
Predicate = Callable[[User], bool]

ACCESS_ATTRIBUTE = "envsaq_access"


def public(view: View) -> View:
    """Mark a view as open to anyone, signed in or not."""
    setattr(view, ACCESS_ATTRIBUTE, "public")
    return view


def guarded(predicate: Predicate | None = None) -> Callable[[View], View]:
    """Require a signed-in user for whom ``predicate(user)`` holds (403 otherwise).

    Object-level checks (a response of one State, a section) happen in the view through
    :func:`ensure` once the object is loaded.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                from web.extensions import login_manager

                return login_manager.unauthorized()
            if predicate is not None and not predicate(current_user._get_current_object()):
                abort(403)
            return view(*args, **kwargs)

        setattr(wrapper, ACCESS_ATTRIBUTE, getattr(predicate, "__name__", "signed_in"))
        return wrapper  # type: ignore[return-value]

    return decorate


def ensure(allowed: bool) -> None:
    """Stop the request with 403 unless ``allowed``."""
    if not allowed:
        abort(403)


def access_of(view: Callable[..., Any]) -> str | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
