"""Safe redirects after sign-in and after forms."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, request, url_for
from werkzeug.wrappers import Response


def is_safe_next(target: str | None) -> bool:
    """Only paths on this site: no scheme, no host, no protocol-relative ``//`` or ``/\\``."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def redirect_next(target: str | None, default_endpoint: str = "home.index") -> Response:
    return redirect(target if is_safe_next(target) else url_for(default_endpoint))


def wants_json() -> bool:
    """A background request (our fetch calls, the API) that must get JSON, never a page."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (request.is_json or best == "application/json" or request.path.startswith("/api/")
            or request.headers.get("X-Requested-With") == "fetch")
