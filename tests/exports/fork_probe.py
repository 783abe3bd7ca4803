"""Functions run in a render process by tests/exports/test_fork_server.py (a render process
imports the function it runs by name)."""

from __future__ import annotations

import os
from pathlib import Path


def parent_pid() -> int:
    return os.getppid()


def registered_font_files() -> int:
    """How many font files this process's font configuration held when it was asked."""
    from exports.shared_fonts import shared_font_configuration

    folder = shared_font_configuration()._folder
    return len(list(Path(folder).iterdir())) if folder else 0
