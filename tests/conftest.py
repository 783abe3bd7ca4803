"""Fixtures as factories: an app with its own instance folder and database per test.

Every test that uses ``app`` runs on SQLite, and on PostgreSQL too when
``TEST_DATABASE_URL`` is set (``.ci/run`` sets it).
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings

from app import create_app
from models import Membership, Role, User, db
from services.registry import load_states
from tests import route_builders
from tests.databases import BACKENDS, TestDatabase
from web.accounts.passwords import hash_password

# No test depends on how fast the machine is: Hypothesis's per-example deadline (200 ms) and
# its too-slow health check fail on a busy CI host, so they are off for the whole suite.
settings.register_profile("envsaq", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("envsaq")
route_builders.install()

pytest_plugins = ["tests.workspace.workspace_fixtures"]


def _is_long(item: pytest.Item) -> bool:
    return any(item.get_closest_marker(name) for name in ("slow", "browser"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Modules that hold a slow or browser test come first, each kept whole (its module
    fixtures are made once). ``--dist loadgroup`` hands out single tests in collection order
    once the groups are given: a minute-long test collected last would run alone at the end
    while the other workers wait."""
    long_modules = {item.module for item in items if _is_long(item)}
    items.sort(key=lambda item: item.module not in long_modules)

PASSWORD = "a long and unusual passphrase"


class IsolatedClient(FlaskClient):
    """Each request runs in its own context, as it would in a server process.

    Without this, Flask reuses the test's app context for the request, and ``g`` (where
    Flask-WTF caches the CSRF token) would leak from one request into the next.
    """

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()  # the test's own session sees what the request committed
        return response


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def test_database(backend: str, tmp_path: Path) -> Iterator[TestDatabase]:
    database = TestDatabase(backend, tmp_path)
    yield database
    database.drop()


@pytest.fixture
def database_url(test_database: TestDatabase) -> str:
    return test_database.url


def _populate(url: str, settings: dict) -> None:
    """The schema and the States at ``url``, as a test's first app used to create them."""
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        load_states()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app(test_database: TestDatabase, tmp_path: Path,
             monkeypatch) -> Iterator[Callable[..., Flask]]:
    """Build apps on the test's database; ``schema=False`` leaves the database empty. The
    first app with the schema and the States gets them from the process's template
    (``tests/databases.py``)."""
    database_url = test_database.url
    monkeypatch.setenv("ENVSAQ_INSTANCE_PATH", str(tmp_path / "instance"))
    for name in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "MAIL_SERVER", "ENVSAQ_ENV"):
        monkeypatch.delenv(name, raising=False)
    apps: list[Flask] = []

    def factory(schema: bool = True, states: bool = True, **config) -> Flask:
        settings = {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret-key",
            "SERVER_NAME": "localhost",
            "BASE_URL": "http://localhost",
            # A full report render after every submission: only the tests that check it.
            "REPORT_PRERENDER": False,
        }
        settings.update(config)
        if settings["SQLALCHEMY_DATABASE_URI"] == database_url:
            populate = (lambda url: _populate(url, settings)) if schema and states else None
            if test_database.make(populate):
                schema = False
        app = create_app(settings)
        app.test_client_class = IsolatedClient
        if schema:
            with app.app_context():
                db.create_all()
                if states:
                    load_states()
                db.session.commit()
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def factory(role: Role | str = Role.FOCAL_POINT, state: str | None = "KEN", *,
                email: str | None = None, password: str = PASSWORD, sections=None,
                **fields) -> User:
        role = Role(role)
        if role in (Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_REVIEWER):
            state = None
        user = User(email=email or f"user{next(counter)}@example.org",
                    password_hash=hash_password(password), **fields)
        user.memberships.append(Membership(role=role, state_iso3=state, sections=sections or []))
        db.session.add(user)
        db.session.commit()
        return user

    return factory


def csrf_token(client: FlaskClient, path: str = "/sign-in") -> str:
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD):
    response = client.post("/sign-in", data={
        "csrf_token": csrf_token(client), "email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


@pytest.fixture
def signed_in(client: FlaskClient, make_user) -> Callable[..., User]:
    """Create a user with a role and sign them in on ``client``."""

    def factory(role: Role | str = Role.FOCAL_POINT, state: str | None = "KEN", **kw) -> User:
        user = make_user(role, state, **kw)
        sign_in(client, user)
        return user

    return factory
