"""``ENVSAQ_PROXY_FIX``: forwarded headers are believed only when a proxy is declared."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import SignInFailure, db
from tests.conftest import csrf_token
from web.config import ConfigError

FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "envsaq.example.org"}


def _failed_sign_in_keys(app) -> set[str]:
    client = app.test_client()
    client.post("/sign-in", headers={"X-Forwarded-For": FORWARDED["X-Forwarded-For"]}, data={
        "csrf_token": csrf_token(client), "email": "nobody@example.org", "password": "x"})
    with app.app_context():
        return set(db.session.scalars(select(SignInFailure.key)))


def test_forwarded_headers_are_ignored_by_default(make_app):
    app = make_app()
    assert "address:127.0.0.1" in _failed_sign_in_keys(app)


def test_one_proxy_gives_the_client_address_and_scheme(make_app, monkeypatch):
    monkeypatch.setenv("ENVSAQ_PROXY_FIX", "1")
    app = make_app()
    assert "address:203.0.113.9" in _failed_sign_in_keys(app)
    seen = {}

    def inner(environ, start_response):
        seen.update(environ)
        start_response("204 No Content", [])
        return []

    app.wsgi_app.app = inner  # what the app behind the middleware is given
    app.test_client().get("/", headers=FORWARDED)
    assert seen["wsgi.url_scheme"] == "https"
    assert seen["HTTP_HOST"] == "localhost"  # X-Forwarded-Host is not believed by default
    assert seen["REMOTE_ADDR"] == "203.0.113.9"


def test_forwarded_host_only_when_configured(make_app, monkeypatch):
    monkeypatch.setenv("ENVSAQ_PROXY_FIX", "1")
    monkeypatch.setenv("ENVSAQ_PROXY_TRUST_HOST", "1")
    app = make_app()
    seen = {}

    def inner(environ, start_response):
        seen.update(environ)
        start_response("204 No Content", [])
        return []

    app.wsgi_app.app = inner
    app.test_client().get("/", headers=FORWARDED)
    assert seen["HTTP_HOST"] == "envsaq.example.org"


def test_a_bad_value_is_a_clear_error(make_app, monkeypatch):
    monkeypatch.setenv("ENVSAQ_PROXY_FIX", "yes")
    with pytest.raises(ConfigError, match="ENVSAQ_PROXY_FIX"):
        make_app()
