"""Two costs of writing a tagged PDF that pydyf (WeasyPrint's PDF writer) pays and we need not.

- ``PDF.page_references`` builds the reference of every page each time it is read, and
  WeasyPrint's tagging reads it once per structure element: a tagged document paid pages x
  elements (5,500 elements x 48 pages for a complete submission; the largest valid draft has
  510 pages). Here the references are built once per page count and reused while the page list
  is unchanged: the same values, so the same bytes.
- Every stream is deflated at zlib's level 9. A tagged document's content streams and its
  structure tree (an object stream of thousands of near-identical dictionaries) deflate about
  four times slower at 9 than at zlib's default level, 6, for files about 5% smaller. Here
  they are deflated at the default level.

Measured in docs/benchmarks.md ("Submission PDF"). ``install`` is called when ``exports.pdf``
is imported; it changes nothing for a pydyf other than the one these were measured with (a
test fails then, so that whoever upgrades looks again). ``uninstalled`` gives benchmarks
WeasyPrint as it comes, for their baseline.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf

TUNED_PYDYF_VERSIONS = frozenset({"0.13.0"})

_ORIGINAL_PAGE_REFERENCES = pydyf.PDF.page_references
_ORIGINAL_ZLIB = pydyf.zlib
_lock = threading.Lock()


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """``pdf``'s page references, rebuilt only when its page list has changed."""
    numbers = pdf.pages["Kids"][::3]
    cached = pdf.__dict__.get("_envsaq_page_references")
    if cached is None or cached[0] != numbers:
        cached = (numbers, _ORIGINAL_PAGE_REFERENCES.fget(pdf))
        pdf.__dict__["_envsaq_page_references"] = cached
    return cached[1]


class _DefaultLevelZlib:
    """The ``zlib`` module as pydyf sees it, with deflate at zlib's default level whatever
    level pydyf asks for."""

    def compressobj(self, level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any,
                    **kwargs: Any) -> Any:
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs)

    def compress(self, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> bytes:
        return zlib.compress(data, zlib.Z_DEFAULT_COMPRESSION)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def supported() -> bool:
    return pydyf.__version__ in TUNED_PYDYF_VERSIONS


def installed() -> bool:
    return pydyf.zlib is not _ORIGINAL_ZLIB


def install() -> None:
    """Tune pydyf in this process (idempotent; nothing for an unknown pydyf version)."""
    with _lock:
        if supported() and not installed():
            pydyf.PDF.page_references = property(_page_references)
            pydyf.zlib = _DefaultLevelZlib()


def _uninstall() -> None:
    with _lock:
        pydyf.PDF.page_references = _ORIGINAL_PAGE_REFERENCES
        pydyf.zlib = _ORIGINAL_ZLIB


@contextmanager
def uninstalled() -> Iterator[None]:
    """pydyf as it comes, for the duration (benchmarks' baseline; not thread-safe)."""
    was_installed = installed()
    _uninstall()
    try:
        yield
    finally:
        if was_installed:
            install()
