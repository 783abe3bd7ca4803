"""One WeasyPrint font configuration per process, its bundled fonts registered once.

Left to itself, WeasyPrint builds a Fontconfig configuration for every document and registers
each ``@font-face`` font in it again: it copies the font file into a folder of its own and has
Fontconfig read it (the two CJK faces alone are 33 MB). Kept for the life of the process, a
complete submission renders about a tenth faster and every report part after a worker's first
skips that work (docs/benchmarks.md, "Submission PDF"). WeasyPrint is not thread-safe, so a
process renders one document at a time whatever this module does (``web.jobs``' lock).
"""

from __future__ import annotations

import threading
from pathlib import Path

from weasyprint.text.fonts import FontConfiguration

_lock = threading.Lock()
_current: list[FontConfiguration] = []


def _fonts_still_on_disk(config: FontConfiguration) -> bool:
    """WeasyPrint keeps the registered fonts' copies in a temporary folder; a cleaner of
    temporary files may remove it from a long-running worker, and the fonts with it."""
    folder = getattr(config, "_folder", None)
    return folder is None or Path(folder).is_dir()


def shared_font_configuration() -> FontConfiguration:
    """This process's font configuration, made anew when its fonts' folder has gone."""
    with _lock:
        if not _current or not _fonts_still_on_disk(_current[0]):
            _current[:] = [FontConfiguration()]
        return _current[0]
