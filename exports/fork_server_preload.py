"""Imported by the render fork server when it starts (``exports.fork_server``): the server then
dies with the process that started it, so the render processes it forks die too (each asks for
its own parent-death signal), and it registers the bundled fonts in its font configuration
(``exports.shared_fonts``), so that every render forked from it starts with them. Without the
first, a killed job worker would leave them running: the fork server waits for its workers,
and they wait for work.

Imported by any process other than a fork server, it does nothing.
"""

from __future__ import annotations

import logging
import sys

from exports import pdf


def in_fork_server() -> bool:
    """Whether this process is a multiprocessing fork server (``python -c "from
    multiprocessing.forkserver import main; main(...)"``)."""
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules


def prepare_fork_server() -> None:
    """Die with the parent, then register the fonts. A failure to register them must not stop
    the server (an exception here would end it, and every render with it): each render then
    registers them itself, as a spawned one did."""
    pdf.die_with_parent()
    try:
        pdf.register_bundled_fonts()
    except Exception:
        logging.getLogger(__name__).exception("fork server: bundled fonts not registered")


if in_fork_server():
    prepare_fork_server()
