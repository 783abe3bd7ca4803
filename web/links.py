"""Absolute links for mail, the API and documents: always from ``ENVSAQ_BASE_URL``.

A request's ``Host`` header is chosen by whoever sends the request, so a link built from it
could carry a reset or invitation secret to another site. Links leave the app only through
:func:`external_url`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for


def base_url() -> str:
    """The configured public address of the app, without a trailing slash."""
    return current_app.config["BASE_URL"].rstrip("/")


def external_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values)`` under the configured base URL, never the request's host."""
    path = url_for(endpoint, **values)
    if has_request_context() and request.script_root and path.startswith(request.script_root):
        path = path[len(request.script_root):]  # the base URL carries the app's own prefix
    return base_url() + path


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


def trusted_hosts(base: str, *, development: bool, extra: list[str] | None = None) -> list[str]:
    """The Host values the app answers: the base URL's host (and, in development, loopback)."""
    host = urlsplit(base).hostname
    hosts = [f"[{host}]" if host and ":" in host else host] if host else []
    if development:
        hosts += [name for name in LOOPBACK_HOSTS if name not in hosts]
    hosts += [name for name in extra or [] if name and name not in hosts]
    return hosts


def invitation_link(secret: str) -> str:
    return external_url("auth.accept_invitation", token=secret)


def reset_link(secret: str) -> str:
    return external_url("auth.reset_password", token=secret)


def response_link(iso3: str, cycle_id: int) -> str:
    return external_url("workspace.overview", iso3=iso3, cycle_id=cycle_id)


def home_link() -> str:
    return external_url("home.index")


def admin_invitations_link() -> str:
    """Where the secretariat's administrators review (and withdraw) invitations."""
    return external_url("admin.invitations")
