"""Merging rendered parts into one PDF: page numbers stamped across parts, an outline.

Each part is rendered without page numbers (its own counters would restart at 1). After the
merge, a transparent overlay document of the same length, whose only content is "Page X of Y",
is laid over each page as a form XObject: no content stream of the parts is parsed or rewritten,
so stamping stays cheap for long reports.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)

from exports.report.fonts import unify_fonts

OVERLAY_NAME = "/EnvSAQPageNumber"


@dataclass(frozen=True)
class OutlineItem:
    title: str
    page_index: int
    level: int = 1


def merge(parts: Sequence[bytes]) -> PdfWriter:
    writer = PdfWriter()
    for data in parts:
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
    return writer


def _stream(writer: PdfWriter, data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def stamp_overlay(writer: PdfWriter, overlay_pdfs: Sequence[bytes]) -> None:
    """Lay the pages of ``overlay_pdfs`` (taken in order) over the pages of ``writer``."""
    overlays = [page for data in overlay_pdfs for page in PdfReader(io.BytesIO(data)).pages]
    if len(overlays) != len(writer.pages):
        raise ValueError(f"overlay has {len(overlays)} pages for {len(writer.pages)}")
    # The same two streams around every page's own: a page draws its number through its own
    # /Resources, so one "draw the overlay" stream serves them all.
    push = _stream(writer, b"q\n")
    pop_and_draw = _stream(writer, f"Q\nq {OVERLAY_NAME} Do Q\n".encode())
    # The overlay's pages share their resources (one font): so do the forms made of them.
    shared_resources: dict[int, Any] = {}
    for page, over in zip(writer.pages, overlays, strict=True):
        content = over.get_contents()
        form = DecodedStreamObject()
        form.set_data(content.get_data() if content is not None else b"")
        source = over["/Resources"].get_object()
        assert source is not None, "an overlay page always has resources"
        if id(source) not in shared_resources:
            shared_resources[id(source)] = writer._add_object(source.clone(writer))
        form.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(over.mediabox),
            NameObject("/Resources"): shared_resources[id(source)],
        })
        form_ref = writer._add_object(form)
        # The pages of one part share a resources dictionary: each page gets its own copy,
        # else every page of the part would draw the last page's number.
        resources = page.get("/Resources")
        resources = DictionaryObject(resources.get_object() if resources is not None else {})
        xobjects = resources.get("/XObject")
        xobjects = DictionaryObject(xobjects.get_object() if xobjects is not None else {})
        xobjects[NameObject(OVERLAY_NAME)] = form_ref
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents = page.get("/Contents")
        existing = contents.get_object() if contents is not None else ArrayObject()
        streams = list(existing) if isinstance(existing, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([push, *streams, pop_and_draw])


def add_links(writer: PdfWriter,
              links: Sequence[tuple[int, str, Sequence[float]]],
              targets: dict[str, tuple[int, str]]) -> None:
    """Link annotations for links that point into other parts (the contents' entries):
    ``links`` are (page index, anchor, rectangle) in the merged document, ``targets`` map an
    anchor to its page index and a description (the annotation's /Contents)."""
    for page_index, anchor, rect in links:
        if anchor not in targets:
            continue
        target_page, description = targets[anchor]
        annotation = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(FloatObject(value) for value in rect),
            NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(0)}),
            NameObject("/Contents"): _text(description),
            NameObject("/Dest"): ArrayObject([writer.pages[target_page].indirect_reference,
                                              NameObject("/Fit")]),
        })
        page = writer.pages[page_index]
        annotations = page.get("/Annots")
        annotations = ArrayObject(annotations.get_object() if annotations is not None else [])
        annotations.append(writer._add_object(annotation))
        page[NameObject("/Annots")] = annotations


def add_outline(writer: PdfWriter, items: Sequence[OutlineItem]) -> None:
    parent = None
    for item in items:
        if item.level == 1:
            parent = writer.add_outline_item(title=item.title, page_number=item.page_index)
        else:
            writer.add_outline_item(title=item.title, page_number=item.page_index,
                                    parent=parent)


def finish(writer: PdfWriter, *, title: str, lang: str, subject: str = "") -> bytes:
    """The merged document's bytes: one program per font face (``fonts.unify_fonts``), the
    metadata and the language set."""
    unify_fonts(writer)
    writer.add_metadata({"/Title": title, "/Subject": subject, "/Producer": "EnvSAQ"})
    writer._root_object[NameObject("/Lang")] = _text(lang)
    out = io.BytesIO()
    writer.write(out)
    return compact(out.getvalue())


def compact(pdf: bytes) -> bytes:
    """``pdf`` as WeasyPrint would write it: pypdf writes each object on its own and
    uncompressed, qpdf packs them into compressed object streams, drops what nothing refers
    to and compresses the streams left plain (the page-number overlays)."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(out, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _text(value: str):
    from pypdf.generic import TextStringObject

    return TextStringObject(value)
