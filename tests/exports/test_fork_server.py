"""Render processes are forked from one server per process, started by a thread that lives as
long as the process, with the bundled fonts registered before any render asks for them."""

from __future__ import annotations

import multiprocessing.forkserver
import threading

import pytest

from exports.fetcher import FONTS_DIR
from exports.pdf import call_with_timeout
from tests.exports import fork_probe

pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")


def test_the_fork_server_outlives_the_thread_that_first_asked_for_it():
    multiprocessing.forkserver._forkserver._stop()  # a server of this test's own making
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(
        call_with_timeout(fork_probe.parent_pid, timeout_s=120)))
    thread.start()
    thread.join()
    # The server's parent-death signal follows the thread that started it: had the thread
    # above started it, the server would be gone now and the next render would need a new one.
    assert call_with_timeout(fork_probe.parent_pid, timeout_s=120) == seen[0]


def test_a_forked_render_starts_with_the_bundled_fonts_registered():
    bundled = len([path for path in FONTS_DIR.iterdir() if path.suffix in (".ttf", ".otf")])
    assert call_with_timeout(fork_probe.registered_font_files, timeout_s=120) == bundled


def test_a_fork_server_that_cannot_register_the_fonts_still_starts(monkeypatch, caplog):
    from exports import fork_server_preload, pdf

    def broken() -> None:
        raise OSError("fonts folder unreadable")

    monkeypatch.setattr(pdf, "die_with_parent", lambda parent=None: None)
    monkeypatch.setattr(pdf, "register_bundled_fonts", broken)
    fork_server_preload.prepare_fork_server()
    assert "bundled fonts not registered" in caplog.text
    assert "fonts folder unreadable" in caplog.text
