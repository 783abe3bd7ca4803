"""Error pages say what happened and leak nothing."""

from __future__ import annotations

from flask import abort

from web.guard import public


def test_error_pages_leak_no_internals(make_app):
    app = make_app()

    @app.route("/boom")
    @public
    def boom():
        raise RuntimeError("secret internal detail /etc/passwd")

    @app.route("/teapot/<int:code>")
    @public
    def teapot(code: int):
        abort(code)

    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "secret internal detail" not in html and "Traceback" not in html
    for code, text in [(400, "could not be understood"), (403, "do not have access"),
                       (404, "Page not found"), (413, "too large"), (429, "Too many attempts")]:
        response = client.get(f"/teapot/{code}")
        assert response.status_code == code
        assert text in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_a_refused_form_shows_what_was_typed(client, signed_in):
    from models import Role
    from tests.conftest import csrf_token

    signed_in(Role.FOCAL_POINT, "KEN")
    token = csrf_token(client, "/account")
    # A State user posting to an administration form is refused, and sees their text again.
    response = client.post("/admin/invitations", data={
        "csrf_token": token, "email": "typed@example.org", "role": "observer"})
    assert response.status_code == 403
    assert "typed@example.org" in response.get_data(as_text=True)
    assert "<dt>csrf_token</dt>" not in response.get_data(as_text=True)  # secrets never echoed


def test_domain_errors_of_services_become_http_answers(make_app):
    """Services raise ``services.errors``; ``web/errors.py`` answers each with its status,
    rolls back the request's changes and shows the usual page (JSON for JSON clients)."""
    from sqlalchemy import func, select

    from models import AuditEvent, db
    from services import audit
    from services.answers import ConcurrentSave
    from services.errors import Conflict, Forbidden, NotFound
    from services.team import InvitationRefused

    app = make_app()
    kinds = {"missing": NotFound("x"), "forbidden": Forbidden("x"), "conflict": Conflict("x"),
             "race": ConcurrentSave(), "invited": InvitationRefused("pending", "a@b.c")}

    @app.route("/domain/<kind>")
    @public
    def domain(kind: str):
        audit.record("test.should_not_stay")
        raise kinds[kind]

    client = app.test_client()
    for kind, status, text in [("missing", 404, "Page not found"),
                               ("forbidden", 403, "do not have access"),
                               ("conflict", 409, "could not be saved"),
                               ("race", 409, "could not be saved"),
                               ("invited", 409, "could not be saved")]:
        response = client.get(f"/domain/{kind}")
        assert response.status_code == status, kind
        assert text in response.get_data(as_text=True)
    assert client.get("/domain/race", headers={"Accept": "application/json"}).get_json()[
        "status"] == 409
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "test.should_not_stay")) == 0


def test_a_cross_site_post_cannot_put_its_text_on_the_error_page(client):
    """Security review 11: a refused cross-site POST echoed any posted field."""
    notice = "Your account is locked. Call +1-555-0100"
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = client.post("/password/reset", headers=headers,
                               data={"Notice": notice, "email": "a@example.org"})
        assert response.status_code == 400
        assert "+1-555-0100" not in response.get_data(as_text=True)
        assert "a@example.org" not in response.get_data(as_text=True)
    # From the site's own page, the user's own fields come back; foreign names do not.
    own = client.post("/password/reset", headers={"Sec-Fetch-Site": "same-origin"},
                      data={"Notice": notice, "email": "a@example.org"})
    html = own.get_data(as_text=True)
    assert "a@example.org" in html and "+1-555-0100" not in html


def test_error_pages_are_in_the_readers_language(make_app):
    """Each page translates its own title and hint when shown; a status without its own text
    (418) gets the general one."""
    app = make_app()

    @app.route("/teapot/<int:code>")
    @public
    def teapot(code: int):
        abort(code)

    client = app.test_client()
    french = {"Accept-Language": "fr"}
    page = client.get("/no-such-page", headers=french)
    assert page.status_code == 404
    assert "Page introuvable" in page.get_data(as_text=True)
    assert "Page not found" not in page.get_data(as_text=True)
    assert client.get("/no-such-page", headers={"Accept": "application/json", **french}
                      ).get_json()["error"] == "Page introuvable"
    general = client.get("/teapot/418", headers={"Accept-Language": "es"})
    assert general.status_code == 418
    assert "Se ha producido un error por nuestra parte" in general.get_data(as_text=True)
