"""Background jobs (Huey): SQLite storage on the embedded default, Redis when configured."""

from __future__ import annotations

import logging
import threading

from flask import Flask

log = logging.getLogger(__name__)


def start_embedded_worker(app: Flask) -> threading.Thread | None:
    """Run a job consumer inside this process (embedded default only)."""
    return None
