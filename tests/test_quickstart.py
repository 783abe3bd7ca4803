"""The quick start as a newcomer meets it: a busy port, the browser's first requests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASK = Path(sys.executable).with_name("flask")


def test_serve_on_a_busy_port_says_so_and_never_claims_to_run(tmp_path: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "ENVSAQ_INSTANCE_PATH": str(tmp_path / "instance")}
        for name in ("DATABASE_URL", "REDIS_URL", "ENVSAQ_ENV", "MAIL_SERVER"):
            env.pop(name, None)
        done = subprocess.run([str(FLASK), "--app", "app", "serve", "--port", str(port)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in output
    assert "--port 5001" in output
    assert "is running" not in output


def test_make_run_takes_a_port():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT ?= 5000" in makefile
    assert "serve --port $(PORT)" in makefile


def test_every_page_names_an_icon_and_the_default_icon_path_answers(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'rel="icon" href="/static/favicon.svg"' in page
    legacy = client.get("/favicon.ico")
    assert legacy.status_code == 301
    assert legacy.headers["Location"].endswith("/static/favicon.svg")
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert icon.mimetype == "image/svg+xml"
    assert b"<svg" in icon.data
