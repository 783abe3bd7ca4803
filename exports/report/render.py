"""Rendering one part in a worker process, and the on-disk cache keyed by its inputs."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RENDERER_VERSION = "report-part-4"
"""Bump when the rendering changes in a way the HTML does not show (fonts, options)."""
REPORT_PART_OPTIONS: dict[str, Any] = {"pdf_tags": True}
"""WeasyPrint options of every part, on top of ``exports.pdf.BASE_OPTIONS``: tagged, so that
the merge can join the parts' structure trees (``exports.report.structure``)."""


@dataclass(frozen=True)
class RenderedPart:
    pdf: bytes
    pages: int
    anchors: dict[str, int]
    """Anchor id -> index of the page (within the part) it is on."""
    links: tuple[tuple[int, str, tuple[float, float, float, float]], ...] = ()
    """Links to anchors of other parts (page index, anchor, rectangle in PDF points): the
    merge makes them link annotations (the part alone cannot resolve them)."""


def part_key(html: str, lang: str) -> str:
    """SHA-256 of everything the part's PDF depends on."""
    digest = hashlib.sha256()
    for piece in (RENDERER_VERSION, lang, html):
        digest.update(piece.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def render_part(html: str, lang: str) -> RenderedPart:
    """Render HTML to PDF (runs in a worker process; imports WeasyPrint there), its
    stylesheet parsed once per process (``exports.pdf.laid_out``)."""
    from exports.pdf import BASE_OPTIONS, laid_out

    document = laid_out(html, options={**BASE_OPTIONS, **REPORT_PART_OPTIONS})
    document.metadata.lang = lang
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, index)
    return RenderedPart(document.write_pdf(**BASE_OPTIONS, **REPORT_PART_OPTIONS),
                        len(document.pages), anchors,
                        _outside_links(document.pages, anchors))


def _outside_links(pages: Any, anchors: dict[str, int]
                   ) -> tuple[tuple[int, str, tuple[float, float, float, float]], ...]:
    """Internal links whose anchor is not in this part, with their rectangles in PDF points
    (WeasyPrint lays out in CSS pixels from the top left; PDF counts points from the bottom
    left)."""
    found = []
    for index, page in enumerate(pages):
        height = page.height * 0.75
        for kind, target, (x1, y1, x2, y2), _box in page.links:
            if kind == "internal" and target not in anchors:
                found.append((index, target, (x1 * 0.75, height - y2 * 0.75,
                                              x2 * 0.75, height - y1 * 0.75)))
    return tuple(found)


class PartCache:
    """Rendered parts on disk: ``<key>.pdf`` and ``<key>.json`` (pages, anchors and, when
    known, ``by``: the ``host:pid`` that rendered it)."""

    def __init__(self, directory: Path | str | None) -> None:
        self.directory = Path(directory) if directory else None
        if self.directory:
            self.directory.mkdir(parents=True, exist_ok=True)

    def get(self, key: str) -> RenderedPart | None:
        if not self.directory:
            return None
        pdf_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            links = tuple((index, anchor, tuple(rect))
                          for index, anchor, rect in meta.get("links", []))
            return RenderedPart(pdf_path.read_bytes(), meta["pages"], meta["anchors"],
                                links)
        except (OSError, ValueError, KeyError):
            return None

    def put(self, key: str, part: RenderedPart, by: str | None = None) -> None:
        if not self.directory:
            return
        pdf_path, meta_path = self._paths(key)
        # Write then rename, so a concurrent reader never sees half a file; a temporary name
        # of its own, since two builds (threads of one worker) may write the same part.
        for path, data in ((pdf_path, part.pdf),
                           (meta_path, json.dumps({"pages": part.pages,
                                                   "anchors": part.anchors,
                                                   "links": part.links,
                                                   "by": by}).encode())):
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)

    def _paths(self, key: str) -> tuple[Path, Path]:
        assert self.directory is not None
        return self.directory / f"{key}.pdf", self.directory / f"{key}.json"
