"""Sign-in throttling holds across two server processes sharing the database (or Redis)."""

from __future__ import annotations

import re
import uuid

import pytest
import redis
import requests

from models import Role
from testing.live_server import gunicorn_servers, server_environment
from tests.conftest import PASSWORD

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    return client


def _clear_counters(client: redis.Redis, email: str) -> None:
    client.delete(f"envsaq:signin:account:{email}", f"envsaq:signin:pair:{email}|127.0.0.1",
                  "envsaq:signin:address:127.0.0.1")


def attempt(session: requests.Session, base: str, email: str, password: str) -> int:
    page = session.get(base + "/sign-in", timeout=30).text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = session.post(base + "/sign-in", timeout=30, allow_redirects=False, data={
        "csrf_token": token, "email": email, "password": password})
    return response.status_code


@pytest.mark.slow
@pytest.mark.parametrize("store", ["database", "redis"])
def test_sixth_failure_is_refused_by_both_processes(make_app, make_user, database_url,
                                                     tmp_path, store):
    """Two gunicorn servers on one database: each really runs this app on it (another account
    signs in with its right password after a wrong one, across the processes), and the sixth
    failure of the throttled account is refused by both."""
    app = make_app()
    with app.app_context():
        # Addresses of this run's own: the SQLite and PostgreSQL runs share the Redis
        # database and may run at the same time on two test workers (whose temporary folders
        # have the same names, so only a random part tells them apart).
        run = uuid.uuid4().hex[:12]
        email = make_user(Role.FOCAL_POINT, "KEN", email=f"throttled-{run}@example.org").email
        other = make_user(Role.FOCAL_POINT, "KEN", email=f"ok-{run}@example.org").email
    extra = {}
    if store == "redis":
        counters = _redis_or_skip()
        _clear_counters(counters, email)
        extra["REDIS_URL"] = REDIS_URL
    env = server_environment(database_url, tmp_path / "instance", **extra)
    try:
        with gunicorn_servers(2, env, tmp_path) as (first, second):
            # The servers really run this app on this database (the 429s below are no fluke).
            assert attempt(requests.Session(), first, other, "wrong password") == 200
            assert attempt(requests.Session(), second, other, PASSWORD) == 302
            sessions = {first: requests.Session(), second: requests.Session()}
            order = [first, second, first, second, first]
            statuses = [attempt(sessions[base], base, email, "wrong password")
                        for base in order]
            assert statuses == [200] * 5  # the form again, with its error message
            assert attempt(sessions[second], second, email, "wrong password") == 429
            assert attempt(sessions[first], first, email, "wrong password") == 429
            # Even the right password waits out the window, on either process.
            assert attempt(sessions[first], first, email, PASSWORD) == 429
            assert attempt(sessions[second], second, email, PASSWORD) == 429
    finally:
        if store == "redis":
            _clear_counters(counters, email)
            _clear_counters(counters, other)
