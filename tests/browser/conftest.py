"""Browser fixtures: a live server per test, one Chromium per worker, a context per use.

Chromium is Debian's, launched by path (``ENVSAQ_CHROMIUM``, default /usr/bin/chromium).
When it is missing the tests fail under CI (``CI=true``) and are skipped elsewhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from huey.consumer import Consumer

from models import db
from testing.thread_server import LiveServer, serve
from tests.browser.site import Site
from web.cli.demo import create_demo_accounts
from web.jobs import jobs_of

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ENVSAQ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS_SOURCE = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
#: Where screenshots and page sources of failed browser tests go (ignored by git).
FAILURE_DIR = ROOT / "test-results" / "browser"
DEFAULT_TIMEOUT_MS = 60_000
"""A ceiling against hangs only: every wait is for a signal (a response, a visible element), so
a busy machine makes the tests slower, never makes them fail."""
RENDER_TIMEOUT_MS = 180_000
"""The ceiling for a request that renders a PDF (seconds of CPU on a machine shared by others)."""


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def missing_tool(reason: str) -> None:
    """A required tool is absent: a failure in CI, a skip on a developer's machine."""
    if running_in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def backend() -> str:
    """Browser tests run on a fresh SQLite file (the HTTP layer is what they exercise)."""
    return "sqlite"


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    """The app a live server can answer for: any host name, no MFA enrolment for staff."""
    # PDFs: a ceiling against hangs only (the job's 60 s floor is overrun on a busy host).
    application = make_app(SERVER_NAME=None, MFA_REQUIRED_FOR_SECRETARIAT=False,
                           PDF_RENDER_TIMEOUT=600)
    with application.app_context():
        yield application


@pytest.fixture
def live_server(app: Flask, cycle) -> Iterator[LiveServer]:
    """The app with the demo accounts, a published questionnaire and an open cycle."""
    create_demo_accounts()
    db.session.commit()
    server = serve(app)
    try:
        yield server
    finally:
        server.stop()


class _ThreadedConsumer(Consumer):
    """A Huey consumer in threads of the test process (signal handlers belong to the main
    thread, so none are installed)."""

    def _set_signal_handlers(self) -> None:
        return None


@pytest.fixture
def job_worker(live_server: LiveServer) -> Iterator[Consumer]:
    """A background-job worker for the live server's queue (compiled reports, PDFs). It polls
    the SQLite queue at least every half second: Huey's default backs off to 10 s between polls
    of an empty queue, and a job queued after the page's first steps waited for the next poll."""
    consumer = _ThreadedConsumer(jobs_of(live_server.app).huey, workers=1,
                                 worker_type="thread", periodic=False, max_delay=0.5)
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)


@pytest.fixture
def site(live_server: LiveServer, cycle, definition) -> Site:
    return Site(url=live_server.url, cycle_id=cycle.id, definition=definition)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        missing_tool(f"Chromium not found at {CHROMIUM} (set ENVSAQ_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("the Python package 'playwright' is not installed")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SOURCE.is_file():
        missing_tool(f"axe-core not installed at {AXE_SOURCE} (run `npm ci`)")
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def htmlcs_source() -> str:
    if not HTMLCS_SOURCE.is_file():
        missing_tool(f"HTML_CodeSniffer not installed at {HTMLCS_SOURCE} (run `npm ci`)")
    return HTMLCS_SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def new_context(browser, site: Site, request) -> Iterator[Callable[..., object]]:
    """Open browser contexts on the live server; each is closed after the test.

    ``new_context(axe=True)`` also loads axe-core and HTML_CodeSniffer into every page of the
    context, through the DevTools protocol, which the app's Content-Security-Policy does not
    restrict.
    """
    contexts = []

    def factory(*, axe: bool = False, **options):
        context = browser.new_context(base_url=site.url, **options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        if axe:
            context.add_init_script(script=request.getfixturevalue("axe_source"))
            context.add_init_script(script=request.getfixturevalue("htmlcs_source"))
        contexts.append(context)
        return context

    yield factory
    failed = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if failed is not None and failed.failed:
            _keep_evidence(request.node.name, number, context)
        context.close()


def _keep_evidence(test_name: str, number: int, context) -> None:
    """A screenshot and the HTML of each open page, to see what the browser saw."""
    folder = FAILURE_DIR / re.sub(r"[^\w.-]+", "_", test_name)
    folder.mkdir(parents=True, exist_ok=True)
    for index, page in enumerate(context.pages):
        stem = folder / f"context{number}-page{index}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # evidence is best effort
            Path(f"{stem}.txt").write_text(f"no evidence: {error}", encoding="utf-8")


@pytest.fixture
def page(new_context):
    return new_context().new_page()
