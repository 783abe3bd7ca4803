"""Security headers and cookie flags on every type of response: page, JSON, download, error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from models import Role
from testing.page_form import as_browser_sends, section_form_fields
from tests.conftest import csrf_token, sign_in
from tests.security.world import World, client_as

CSP_DIRECTIVES = ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                  "frame-ancestors 'none'")


def header_problems(response: TestResponse, *, production: bool = False) -> list[str]:
    headers = response.headers
    problems = []
    csp = headers.get("Content-Security-Policy", "")
    sandboxed = "default-src 'none'" in csp and "sandbox" in csp  # served files
    if not sandboxed:
        problems += [f"CSP lacks {d}" for d in CSP_DIRECTIVES if d not in csp]
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append("CSP allows inline or eval")
    expected = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                "Referrer-Policy": "same-origin"}
    problems += [f"{name} is {headers.get(name)!r}" for name, value in expected.items()
                 if headers.get(name) != value]
    if not response.request.path.startswith("/static/") and \
            "no-store" not in headers.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {headers.get('Cache-Control')!r}")
    for cookie in headers.getlist("Set-Cookie"):
        flags = cookie.lower()
        if "httponly" not in flags or "samesite=lax" not in flags:
            problems.append(f"cookie without HttpOnly/SameSite: {cookie}")
        if production and "secure" not in flags:
            problems.append(f"cookie without Secure: {cookie}")
    if production and "max-age=" not in headers.get("Strict-Transport-Security", ""):
        problems.append("no HSTS in production")
    return problems


def _json_headers(client: FlaskClient, path: str) -> dict[str, str]:
    return {"X-Requested-With": "fetch", "X-CSRFToken": csrf_token(client, path)}


def _edit(client: FlaskClient, section_path: str) -> MultiDict:
    """The section form as the browser sends it, with one answer changed."""
    form = as_browser_sends(section_form_fields(client.get(section_path).get_data(as_text=True)))
    form["gen__institution"] = "Ministry"
    return form


def responses_of_every_kind(app, world: World) -> dict[str, Callable[[], TestResponse]]:
    client = client_as(app, world, Role.FOCAL_POINT.value)
    anonymous = app.test_client()
    base = f"/states/KEN/cycles/{world.cycle.id}"
    section = f"{base}/sections/general"
    return {
        "page": lambda: client.get(base + "/"),
        "redirect": lambda: anonymous.get(base + "/"),
        "sign-in page": lambda: anonymous.get("/sign-in"),
        "json saved": lambda: client.post(section + "/autosave", data=_edit(client, section),
                                          headers=_json_headers(client, section)),
        "json presence": lambda: client.post(section + "/presence",
                                             headers=_json_headers(client, section)),
        "json 401": lambda: anonymous.post(section + "/autosave",
                                           headers=_json_headers(anonymous, "/sign-in")),
        "json 400 (csrf)": lambda: client.post(section + "/autosave",
                                               headers={"X-Requested-With": "fetch"}),
        "attachment": lambda: client.get(f"{base}/attachments/{world.ken.attachment_id}"),
        "xlsx export": lambda: client.get(f"{base}/export.xlsx"),
        "json export": lambda: client.get(f"{base}/export.json"),
        "error 404": lambda: client.get("/no-such-page"),
        "error 403": lambda: client.get("/admin/users"),
        "error 404 in workspace": lambda: client.get(f"/states/MEX/cycles/{world.cycle.id + 99}/"),
        "error 400 (csrf page)": lambda: client.post(section, data={"go": "stay"}),
        "error 405": lambda: client.put(section),
        "health": lambda: anonymous.get("/health"),
        "static": lambda: anonymous.get("/static/envsaq.css"),
    }


def test_every_kind_of_response_carries_the_headers(app, world):
    seen = {}
    for kind, fetch in responses_of_every_kind(app, world).items():
        response = fetch()
        seen[kind] = response.status_code
        assert header_problems(response) == [], (kind, response.status_code)
        assert "Strict-Transport-Security" not in response.headers, kind  # development
    assert seen["json saved"] == 200 and seen["json 401"] == 401
    assert seen["json 400 (csrf)"] == 400 and seen["error 405"] == 405
    assert seen["attachment"] == 200 and seen["xlsx export"] == 200


def test_pages_carry_no_inline_script_or_handler(client, signed_in):
    """The CSP forbids inline script; the pages must not need it."""
    signed_in(Role.SECRETARIAT_ADMIN)
    for url in ("/", "/account", "/admin/users", "/admin/invitations", "/admin/audit"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and " onchange=" not in html


@pytest.mark.slow
def test_pdf_download_headers(app, world):
    """The PDF, once the job worker drew it, is sent as an attachment."""
    from web.pdf_jobs import run_pdf_job

    client = client_as(app, world, Role.FOCAL_POINT.value)
    pdf = f"/states/KEN/cycles/{world.cycle.id}/pdf"
    token = csrf_token(client, f"/states/KEN/cycles/{world.cycle.id}/")
    started = client.post(pdf, data={"csrf_token": token, "lang": "en"})
    assert started.status_code == 302
    with app.app_context():  # the worker's part, in this process
        run_pdf_job(int(started.headers["Location"].rsplit("/", 1)[1]))
    response = client.get(f"{pdf}?lang=en")
    assert response.status_code == 200, response.headers.get("Location")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert header_problems(response) == []


def test_downloads_are_attachments(app, world):
    client = client_as(app, world, Role.FOCAL_POINT.value)
    base = f"/states/KEN/cycles/{world.cycle.id}"
    for tail in (f"attachments/{world.ken.attachment_id}", "export.xlsx", "export.json"):
        response = client.get(f"{base}/{tail}")
        assert response.status_code == 200, tail
        assert response.headers["Content-Disposition"].startswith("attachment"), tail


def https_client(app) -> FlaskClient:
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"  # as behind a TLS-terminating proxy
    client.environ_base["HTTP_REFERER"] = "https://localhost/"  # checked for CSRF over HTTPS
    return client


def test_production_headers_and_cookie_flags(make_app, make_user, monkeypatch):
    monkeypatch.setenv("ENVSAQ_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a production secret for the test, 48 characters")
    monkeypatch.setenv("ENVSAQ_BASE_URL", "https://localhost")
    monkeypatch.setenv("ENVSAQ_MAIL_TO_FILES", "1")
    monkeypatch.setenv("ENVSAQ_ALLOW_SQLITE", "1")
    app = make_app()  # cookie flags come from the environment, as in a real deployment
    assert app.config["SESSION_COOKIE_SECURE"] is True
    client = https_client(app)
    with app.app_context():
        user = make_user(Role.FOCAL_POINT, "KEN")
        signed = sign_in(client, user)
    assert any("envsaq_session" in c for c in signed.headers.getlist("Set-Cookie"))
    for response in (signed, client.get("/sign-in"), client.get("/no-such-page"),
                     client.get("/account"), client.get("/health"),
                     https_client(app).post(
                         "/states/KEN/cycles/1/sections/general/autosave",
                         headers={"X-Requested-With": "fetch"})):
        assert header_problems(response, production=True) == [], response.request.path


def test_private_downloads_are_never_cached(make_app, tmp_path):
    """Security review 16: send_file's 'no-cache' left the compiled report in caches."""
    app = make_app()
    document = tmp_path / "report.pdf"
    document.write_bytes(b"%PDF-1.4\n")

    from flask import send_file

    from web.guard import public

    app.add_url_rule("/test-download", "test_download",
                     public(lambda: send_file(document, as_attachment=True)))
    response = app.test_client().get("/test-download")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "no-store" not in app.test_client().get("/static/envsaq.css").headers.get(
        "Cache-Control", "")
