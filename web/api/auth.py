"""Bearer-token authentication for the API: 401 without a valid token, 403 without the role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, jsonify, request

from models import User
from services.api_tokens import user_of_token
from web.guard import ACCESS_ATTRIBUTE

View = TypeVar("View", bound=Callable[..., Any])


def _error(status: int, code: str):
    response = jsonify(error=code, status=status)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="envsaq-api"'
    return response


def token_user() -> User | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return user_of_token(secret)


def token_required(predicate: Callable[[User], bool]) -> Callable[[View], View]:
    """Guard an API view: a valid bearer token whose owner satisfies ``predicate``."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = token_user()
            if user is None:
                return _error(401, "token_required")
            if not predicate(user):
                return _error(403, "forbidden")
            g.api_user = user
            return view(*args, **kwargs)

        setattr(wrapper, ACCESS_ATTRIBUTE, f"api_token:{predicate.__name__}")
        return wrapper  # type: ignore[return-value]

    return decorate
