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
