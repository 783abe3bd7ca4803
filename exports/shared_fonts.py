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


def fonts_folder(config: FontConfiguration) -> Path | None:
    """The temporary folder where WeasyPrint keeps copies of the fonts registered in
    ``config`` (None before the first): the one place that knows where WeasyPrint keeps it."""
    folder = getattr(config, "_folder", None)
    return Path(folder) if folder else None


def _fonts_still_on_disk(config: FontConfiguration) -> bool:
    """A cleaner of temporary files may remove the fonts' folder from a long-running worker."""
    folder = fonts_folder(config)
    return folder is None or folder.is_dir()


def shared_font_configuration() -> FontConfiguration:
    """This process's font configuration, made anew when its fonts' folder has gone."""
    with _lock:
        if not _current or not _fonts_still_on_disk(_current[0]):
            _current[:] = [FontConfiguration()]
        return _current[0]
