"""Dependencies that fail loudly and narrowly (issue #20, ops review F3, F6): Redis or
PostgreSQL unreachable answers the app's own 503, never a bare 500, and sign-in still works."""

from __future__ import annotations

import logging
import socket

from sqlalchemy import func, select

from models import ReportJob, Role, SignInFailure, db
from tests.conftest import PASSWORD, csrf_token, sign_in
from web.cli.demo_states import ensure_cycle, ensure_version


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_sign_in(client, email: str, password: str):
    return client.post("/sign-in", data={"csrf_token": csrf_token(client, "/sign-in"),
                                         "email": email, "password": password})


def test_sign_in_works_with_redis_unreachable(app, client, make_user, caplog):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/5"
    user = make_user(Role.FOCAL_POINT, "KEN")
    wrong = post_sign_in(client, user.email, "not the right password at all")
    assert wrong.status_code == 200
    assert "The email address or password is not correct." in wrong.get_data(as_text=True)
    # The failure still counts: the database holds the counters while Redis is away.
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) >= 1
    assert any("Redis unreachable" in r.getMessage() for r in caplog.records)
    right = post_sign_in(client, user.email, PASSWORD)
    assert right.status_code == 302
    assert client.get("/account").status_code == 200


def test_a_report_request_with_the_queue_down_says_so_and_creates_no_job(app, client,
                                                                         signed_in):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/5"
    cycle_id = ensure_cycle(ensure_version(), None, only=["NOR"]).id
    db.session.commit()
    signed_in(Role.SECRETARIAT_ADMIN)
    token = csrf_token(client, "/secretariat/reports")
    response = client.post("/secretariat/reports", data={
        "csrf_token": token, "cycle": cycle_id, "lang": "fr"},
        headers={"Accept-Language": "fr"})
    assert response.status_code == 503
    assert "file d&#39;attente des tâches est indisponible" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ReportJob)) == 0


def test_database_unreachable_gives_the_apps_own_page_and_one_log_line(app, make_app, make_user,
                                                                       caplog):
    user = make_user(Role.FOCAL_POINT, "KEN")
    healthy = app.test_client()
    sign_in(healthy, user)
    token = csrf_token(healthy, "/account")
    cookie = healthy.get_cookie("envsaq_session")
    down = make_app(schema=False, SQLALCHEMY_DATABASE_URI=(
        f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/envsaq"))
    client = down.test_client()
    client.set_cookie(cookie.key, cookie.value, domain="localhost")
    with caplog.at_level(logging.WARNING):
        page = client.get("/account", headers={"Accept-Language": "fr"})
    assert page.status_code == 503 and page.headers["Retry-After"]
    html = page.get_data(as_text=True)
    assert "Le service est temporairement indisponible" in html
    assert '<html lang="fr"' in html
    lines = [r for r in caplog.records if r.name.startswith("web.")]
    assert len(lines) == 1 and "database unavailable" in lines[0].getMessage()
    assert lines[0].exc_info is None  # one line, not a traceback
    answer = client.post("/states/KEN/cycles/1/sections/general/autosave",
                         headers={"X-Requested-With": "fetch", "X-CSRFToken": token})
    assert answer.status_code == 503 and answer.get_json()["error"] == "unavailable"
    signed_out = down.test_client().post("/sign-in", data={"email": user.email,
                                                           "password": PASSWORD})
    assert signed_out.status_code in (400, 503)  # CSRF first; never a bare 500
