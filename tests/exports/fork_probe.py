"""Functions run in a render process by tests/exports/test_fork_server.py (a render process
imports the function it runs by name)."""

from __future__ import annotations

import os


def parent_pid() -> int:
    return os.getppid()


def registered_font_files() -> int:
    """How many font files this process's font configuration held when it was asked."""
    from exports.shared_fonts import fonts_folder, shared_font_configuration

    folder = fonts_folder(shared_font_configuration())
    return len(list(folder.iterdir())) if folder else 0
