"""Probes, metrics and logs for operators (issue #20: F5, F6, F9)."""

from __future__ import annotations

import io
import json
import logging
import socket

import pytest

from app import create_app
from models import db
from services.notify import notify
from web.heartbeat import beat
from web.logs import JsonFormatter


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def json_log():
    """The JSON lines every logger writes, as the production handler formats them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_health_touches_nothing_and_names_the_version(tmp_path, monkeypatch):
    monkeypatch.setenv("ENVSAQ_INSTANCE_PATH", str(tmp_path))
    down = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/envsaq"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": down,
                      "SECRET_KEY": "k" * 40})
    response = app.test_client().get("/health")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["version"] == "0.1.0"


def test_ready_answers_503_and_one_log_line_when_the_database_is_down(tmp_path, monkeypatch,
                                                                       json_log):
    monkeypatch.setenv("ENVSAQ_INSTANCE_PATH", str(tmp_path))
    down = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/envsaq"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": down,
                      "SECRET_KEY": "k" * 40, "HUEY_IMMEDIATE": True})
    response = app.test_client().get("/ready")
    assert response.status_code == 503
    assert response.is_json and response.json["checks"]["database"]["ok"] is False
    assert response.json["checks"]["worker"]["ok"] is True  # immediate mode: no worker needed
    lines = [entry for entry in json_log() if entry["logger"].startswith("web.")]
    assert len(lines) == 1 and "database unreachable" in lines[0]["message"]
    assert "exception" not in lines[0]
    assert lines[0]["request_id"] == response.headers["X-Request-ID"]


def test_ready_checks_redis_the_worker_heartbeat_and_free_space(app, client):
    answer = client.get("/ready")
    assert answer.status_code == 503  # no job worker has ever beaten here
    assert answer.json["checks"]["database"] == {"ok": True}
    assert "heartbeat" in answer.json["checks"]["worker"]["error"]
    assert answer.json["checks"]["disk"]["free_mb"] > 0
    beat(app.config["INSTANCE_PATH"])
    answer = client.get("/ready")
    assert answer.status_code == 200, answer.json
    assert answer.json["checks"]["worker"]["version"] == "0.1.0"
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/3"
    answer = client.get("/ready")
    assert answer.status_code == 503 and answer.json["checks"]["redis"]["ok"] is False
    app.config["REDIS_URL"] = None
    app.config["MIN_FREE_MB"] = 10**12
    assert client.get("/ready").status_code == 503


def test_metrics_need_their_token_and_speak_prometheus(app, client):
    assert client.get("/metrics").status_code == 404  # off without ENVSAQ_METRICS_TOKEN
    app.config["METRICS_TOKEN"] = "t" * 32
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    notify("someone@example.org", "reminder", "en", cycle="C", deadline="2027-03-31",
           link="L", state="S")
    db.session.commit()
    client.get("/health")
    response = client.get("/metrics", headers={"Authorization": "Bearer " + "t" * 32})
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    text = response.get_data(as_text=True)
    assert 'envsaq_mail_outbox{status="pending"} 1' in text
    assert 'envsaq_report_jobs{status="running"} 0' in text
    assert 'envsaq_http_requests_total{method="GET",status="200"}' in text
    assert "envsaq_job_queue_length 1" in text  # the mail waits for the worker


def test_log_lines_carry_the_request_user_and_job(app, client, signed_in, json_log):
    user = signed_in()
    refused = client.post("/account", data={}, headers={"X-Request-ID": "probe-123"})
    assert refused.status_code == 400 and refused.headers["X-Request-ID"] == "probe-123"
    [csrf] = [e for e in json_log() if e["message"].startswith("CSRF refusal")]
    assert csrf["level"] == "WARNING"  # the reason is shown to operators (ops review F5)
    assert (csrf["request_id"], csrf["user_id"]) == ("probe-123", user.id)
    app.config["HUEY_IMMEDIATE"] = True
    with app.test_request_context(headers={"X-Request-ID": "req-9"}):
        app.preprocess_request()
        message = notify("someone@example.org", "reminder", "en", cycle="C",
                         deadline="2027-03-31", link="L", state="S")
        db.session.commit()  # the worker sends it at once (immediate queue)
    sent = [e for e in json_log() if e["message"].startswith(f"mail {message.id} ")]
    assert sent and sent[0]["job_id"] == f"mail-{message.id}"
    assert {"time", "level", "logger"} <= set(sent[0])
    assert sent[0]["level"] == "INFO" and sent[0]["logger"] == "web.mail_delivery"


def test_the_app_logs_its_version_when_it_starts(make_app, caplog):
    with caplog.at_level(logging.INFO, logger="envsaq"):
        make_app()
    assert any("EnvSAQ 0.1.0 ready" in r.getMessage() for r in caplog.records)


def test_libraries_that_narrate_their_work_do_not_drown_the_app_log():
    from web.logs import configure_logging

    configure_logging()
    for name in ("weasyprint.progress", "fontTools.subset", "alembic.runtime.plugins"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name
