"""Merging rendered parts into one PDF: page numbers stamped across parts, links, an outline.

The parts are merged with pikepdf (qpdf), which copies each part's structure tree along with
its pages (``exports.report.structure``). Each part is rendered without page numbers (its own
counters would restart at 1). After the merge, a transparent overlay document of the same
length, whose only content is "Page X of Y", is laid over each page as a form XObject, drawn as
a pagination artifact: no content stream of the parts is parsed or rewritten, so stamping stays
cheap for long reports.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf, String

from exports.report.fonts import unify_fonts
from exports.report.structure import Structure

OVERLAY_NAME = "/EnvSAQPageNumber"
DRAW_OVERLAY = f"Q\nq /Artifact <</Type /Pagination>> BDC {OVERLAY_NAME} Do EMC Q\n".encode()
"""After a page's own content: its number, marked as a pagination artifact."""
MARKED_CONTENT = {"BDC", "BMC", "EMC", "MP", "DP"}


@dataclass(frozen=True)
class OutlineItem:
    title: str
    page_index: int
    level: int = 1


@dataclass
class Merged:
    """The merged document, its structure tree, and the parts it copies from (open until
    it is written: qpdf reads their streams then)."""

    pdf: Pdf
    structure: Structure
    sources: list[Pdf] = field(default_factory=list)
    version: str = "1.7"
    """The highest PDF version of the parts: the merged document's."""

    def open(self, data: bytes) -> Pdf:
        source = pikepdf.open(io.BytesIO(data))
        self.sources.append(source)
        self.version = max(self.version, source.pdf_version)
        return source


def merge(parts: Sequence[bytes]) -> Merged:
    """The parts one after another, with one structure tree (the first is the front page)."""
    pdf = pikepdf.new()
    merged = Merged(pdf, Structure(pdf))
    for data in parts:
        source = merged.open(data)
        first = len(pdf.pages)
        pdf.pages.extend(source.pages)
        merged.structure.add_part(source, list(pdf.pages[first:]))
    return merged


def _form_content(page: pikepdf.Page) -> bytes:
    """An overlay page's content without its marked-content operators: drawn inside the
    pagination artifact, it cannot carry tagged content of its own."""
    kept = [item for item in pikepdf.parse_content_stream(page)
            if str(item.operator) not in MARKED_CONTENT]
    return pikepdf.unparse_content_stream(kept)


def stamp_overlay(merged: Merged, overlay_pdfs: Sequence[bytes]) -> None:
    """Lay the pages of ``overlay_pdfs`` (taken in order) over the pages of ``merged``."""
    pdf = merged.pdf
    overlays = [(number, page) for number, data in enumerate(overlay_pdfs)
                for page in merged.open(data).pages]
    if len(overlays) != len(pdf.pages):
        raise ValueError(f"overlay has {len(overlays)} pages for {len(pdf.pages)}")
    # The same two streams around every page's own: a page draws its number through its own
    # /Resources, so one "draw the overlay" stream serves them all.
    push = pdf.make_stream(b"q\n")
    pop_and_draw = pdf.make_stream(DRAW_OVERLAY)
    # The overlay's pages share their resources (one font): so do the forms made of them.
    shared: dict[tuple[int, tuple[int, int]], Object] = {}
    for page, (number, over) in zip(pdf.pages, overlays, strict=True):
        form = pdf.make_stream(_form_content(over), Type=Name.XObject, Subtype=Name.Form,
                               BBox=Array(over.mediabox),
                               Resources=_resources(pdf, number, over, shared))
        # The pages of one part share a resources dictionary: each page gets its own copy,
        # else every page of the part would draw the last page's number.
        resources = _copy(page.obj.get("/Resources"))
        xobjects = _copy(resources.get("/XObject"))
        xobjects[OVERLAY_NAME] = form
        resources.XObject = xobjects
        page.obj.Resources = resources
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, Array) else \
            [] if contents is None else [contents]
        page.obj.Contents = Array([push, *streams, pop_and_draw])


def _resources(pdf: Pdf, number: int, over: pikepdf.Page,
               shared: dict[tuple[int, tuple[int, int]], Object]) -> Object:
    """The overlay page's resources copied into ``pdf``, once for the pages sharing them."""
    source = over.obj.Resources
    if not source.is_indirect:
        return pdf.copy_foreign(over.obj).Resources
    key = (number, source.objgen)
    if key not in shared:
        shared[key] = pdf.copy_foreign(source)
    return shared[key]


def _copy(dictionary: Object | None) -> Dictionary:
    """A new direct dictionary with the entries of ``dictionary`` (the values shared)."""
    return Dictionary({key: value for key, value in (dictionary or Dictionary()).items()})


def add_links(merged: Merged,
              links: Sequence[tuple[int, str, Sequence[float]]],
              targets: dict[str, tuple[int, str]]) -> None:
    """Link annotations for links that point into other parts (the contents' entries):
    ``links`` are (page index, anchor, rectangle) in the merged document, ``targets`` map an
    anchor to its page index and a description (the annotation's /Contents). They come from
    the first part (the front page); each annotation goes into the structure tree under the
    /Link element of its entry (the boxes of one link come one after another)."""
    pdf = merged.pdf
    entries = _entry_numbers(links)
    elements = merged.structure.link_elements(0)
    if len(elements) != (entries[-1] + 1 if entries else 0):
        elements = []  # not one element per link: each annotation gets an element of its own
    for (page_index, anchor, rect), entry in zip(links, entries, strict=True):
        if anchor not in targets:
            continue
        target_page, description = targets[anchor]
        annotation = pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([float(v) for v in rect]),
            BS=Dictionary(W=0), Contents=String(description),
            Dest=Array([pdf.pages[target_page].obj, Name.Fit])))
        page = pdf.pages[page_index]
        annotations = page.obj.get("/Annots")
        page.obj.Annots = Array([*(annotations or []), annotation])
        merged.structure.tag_annotation(annotation, page,
                                        elements[entry] if elements else None)


def _entry_numbers(links: Sequence[tuple[int, str, Sequence[float]]]) -> list[int]:
    """For each link box, the number of the link it belongs to (a new anchor, a new link)."""
    numbers: list[int] = []
    previous = None
    for _page, anchor, _rect in links:
        numbers.append((numbers[-1] if numbers else -1) + (anchor != previous))
        previous = anchor
    return numbers


def add_outline(merged: Merged, items: Sequence[OutlineItem]) -> None:
    with merged.pdf.open_outline() as outline:
        parent: pikepdf.OutlineItem | None = None
        for item in items:
            entry = pikepdf.OutlineItem(item.title, item.page_index)
            if item.level == 1 or parent is None:
                outline.root.append(entry)
                parent = entry
            else:
                parent.children.append(entry)


def finish(merged: Merged, *, title: str, lang: str, subject: str = "") -> bytes:
    """The merged document's bytes, packed as WeasyPrint packs one document (compressed
    object streams): one program per font face (``fonts.unify_fonts``), the structure tree,
    the metadata and the language set."""
    pdf = merged.pdf
    unify_fonts(pdf)
    merged.structure.finish()
    pdf.docinfo[Name.Title] = title
    pdf.docinfo[Name.Subject] = subject
    pdf.docinfo[Name.Producer] = "EnvSAQ"
    pdf.Root.Lang = String(lang)
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             min_version=merged.version)
    pdf.close()
    for source in merged.sources:
        source.close()
    return out.getvalue()
