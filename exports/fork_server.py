"""The processes that render: forked from one fork server per process, which has WeasyPrint
imported and the bundled fonts registered (``exports.fork_server_preload``), or spawned where
the platform has no fork server.

Either way a render starts from a clean interpreter: nothing inherited from a threaded web or
queue worker (locks, sockets, database connections). A forked render also skips the
interpreter's start, the imports and the fonts' registration that a spawned one pays for.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.context import ForkServerContext, SpawnContext

PRELOAD = ["exports.fork_server_preload", "exports.report.render", "exports.report.shared",
           "exports.submission_pdf", "exports.pdf_check", "weasyprint"]

_starter_lock = threading.Lock()
_starter: dict[int, ThreadPoolExecutor] = {}


def render_context() -> ForkServerContext | SpawnContext:
    """The multiprocessing context of every render process, its fork server running."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    _starting_thread().submit(multiprocessing.forkserver.ensure_running).result()
    return context


def _starting_thread() -> ThreadPoolExecutor:
    """One thread per process that lives as long as the process, to start the fork server.

    The server asks for a signal when its parent dies, and Linux sends it when the *thread*
    that started the server ends: a server started by a request's or a job's thread would be
    killed with that thread, and the renders it forked for other threads with it. A process
    made by ``fork`` gets a thread of its own (threads do not survive a fork)."""
    with _starter_lock:
        executor = _starter.get(os.getpid())
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fork-server")
            _starter.clear()
            _starter[os.getpid()] = executor
        return executor
