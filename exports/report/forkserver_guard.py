"""Preloaded by the report's fork server (``exports.report.build._pool``): the fork server
then dies with the process that started it, and the render workers it forked die with it
(each asks for its own parent-death signal). Without this, a killed job worker would leave
them running: the fork server waits for its workers, and they wait for work.

Imported by any process other than a fork server, it does nothing.
"""

from __future__ import annotations

import sys

from exports.pdf import die_with_parent


def in_fork_server() -> bool:
    """Whether this process is a multiprocessing fork server (``python -c "from
    multiprocessing.forkserver import main; main(...)"``)."""
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules


if in_fork_server():
    die_with_parent()
