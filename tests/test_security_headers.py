"""Security headers, cookie flags, CSRF on every form, and no state change on GET."""

from __future__ import annotations

import pytest

from models import Role
from tests.conftest import csrf_token


def test_headers_on_pages_errors_and_json(client, signed_in):
    signed_in()
    for url in ("/", "/account", "/no-such-page", "/health", "/static/envsaq.css"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                          "script-src 'self'"):
            assert directive in csp, (url, csp)
        assert "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "Strict-Transport-Security" not in response.headers  # development


def test_hsts_and_secure_cookies_in_production(make_app, make_user):
    app = make_app(ENVSAQ_ENV="production", SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/sign-in")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_flags(client):
    cookie = client.get("/sign-in").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_no_inline_script_in_pages(client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    for url in ("/", "/account", "/admin/users", "/admin/invitations", "/admin/audit"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and " onchange=" not in html


def post_routes(app) -> list[str]:
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            values = {arg: ("1" if arg.endswith("_id") else "x") for arg in rule.arguments}
            routes.append(rule.build(values, append_unknown=False)[1])
    return routes


@pytest.mark.parametrize("role", [Role.SECRETARIAT_ADMIN, Role.FOCAL_POINT], ids=str)
def test_every_post_route_refuses_a_missing_csrf_token(make_app, make_user, role):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        user = make_user(role, "KEN")
        from tests.conftest import sign_in

        sign_in(client, user)
        for url in post_routes(app):
            response = client.post(url, data={"email": "x@example.org"})
            assert response.status_code in (400, 403), (url, response.status_code)
        # Still signed in: nothing above changed state, not even signing out.
        assert client.get("/account").status_code == 200


def test_csrf_failure_shows_what_was_typed(client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    response = client.post("/admin/invitations", data={
        "csrf_token": "stale", "email": "kept@example.org", "role": "observer"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kept@example.org" in html
    assert "nothing was changed" in html


def test_no_get_route_changes_state(client, signed_in, app):
    """Every GET route is read-only: the audit log and user table are the same after a crawl."""
    from sqlalchemy import func, select

    from models import AuditEvent, User, db

    signed_in(Role.SECRETARIAT_ADMIN)
    before = (db.session.scalar(select(func.count()).select_from(AuditEvent)),
              db.session.scalar(select(func.count()).select_from(User)))
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint not in ("static", "auth.sign_in_code"):
            values = {arg: ("1" if arg.endswith("_id") else "x") for arg in rule.arguments}
            client.get(rule.build(values, append_unknown=False)[1])
    after = (db.session.scalar(select(func.count()).select_from(AuditEvent)),
             db.session.scalar(select(func.count()).select_from(User)))
    assert before == after
    assert client.get("/account").status_code == 200


def test_csrf_token_helper_finds_tokens(client):
    assert csrf_token(client)
