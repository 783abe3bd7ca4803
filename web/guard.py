"""One guard on each view: declared public, or signed in and allowed by a predicate.

A test walks ``app.url_map`` and fails on any endpoint whose view carries neither mark. Under
testing, a guarded view that answers 2xx for a State (an ``iso3`` in its URL) without having
run its object-level check (:func:`ensure`) fails the request, as CKAN audits its auth calls.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, g
from flask_login import current_user

from models import User

View = TypeVar("View", bound=Callable[..., Any])
Predicate = Callable[[User], bool]

ACCESS_ATTRIBUTE = "envsaq_access"
OBJECT_CHECKED = "envsaq_object_checked"
"""Set on ``flask.g`` by :func:`ensure`: the request ran an object-level check."""


class UncheckedObjectAccess(AssertionError):
    """A guarded view served a State's object without an object-level check (testing only)."""


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
            g.pop(OBJECT_CHECKED, None)  # tests may share one app context between requests
            result = view(*args, **kwargs)
            if current_app.testing and "iso3" in kwargs:
                return audit_object_check(view, kwargs["iso3"], result)
            return result

        setattr(wrapper, ACCESS_ATTRIBUTE, getattr(predicate, "__name__", "signed_in"))
        return wrapper  # type: ignore[return-value]

    return decorate


def ensure(allowed: bool) -> None:
    """Stop the request with 403 unless ``allowed`` (the object-level check of a view)."""
    setattr(g, OBJECT_CHECKED, True)
    if not allowed:
        abort(403)


def audit_object_check(view: Callable[..., Any], iso3: str, result: Any) -> Any:
    """``result`` as a response; raises when it is a 2xx for ``iso3`` and no check ran."""
    response = current_app.make_response(result)
    if 200 <= response.status_code < 300 and not g.get(OBJECT_CHECKED):
        raise UncheckedObjectAccess(
            f"{view.__module__}.{view.__name__} answered {response.status_code} for State "
            f"{iso3!r} without an object-level check (web.guard.ensure)")
    return response


def access_of(view: Callable[..., Any]) -> str | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
