"""pydyf tuned for tagged documents: the same PDF objects as pydyf alone would write, deflated
at zlib's default level, page references built once per page list."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pydyf

from exports import pdf_writer_tuning
from exports.pdf import DRAFT_OPTIONS, SNAPSHOT_OPTIONS, render_pdf

PAGES = 6
HTML = ("<!DOCTYPE html><html lang='en'><head><title>Tuning</title><style>"
        "section { break-after: page; }</style></head><body>"
        + "".join(f"<section><h1>Part {n}</h1><p>Paragraph {n}, <a href='#p{n}'>a link</a>.</p>"
                  f"<table><tr><th>Year</th><td id='p{n}'>{2020 + n}</td></tr></table></section>"
                  for n in range(PAGES))
        + "</body></html>")


def _render(**options) -> bytes:
    return render_pdf(HTML, lang="en", options=options)


def test_the_pinned_pydyf_is_tuned_and_a_new_one_is_looked_at_again():
    assert pdf_writer_tuning.supported(), (
        f"pydyf {pydyf.__version__}: check whether PDF.page_references and the deflate level "
        "still cost what exports/pdf_writer_tuning.py says, then list the version there")
    assert pdf_writer_tuning.installed()


def test_tuned_and_plain_pydyf_write_the_same_objects():
    for options in (DRAFT_OPTIONS, SNAPSHOT_OPTIONS):
        tuned = _render(**options, uncompressed_pdf=True)
        with pdf_writer_tuning.uninstalled():
            plain = _render(**options, uncompressed_pdf=True)
            assert not pdf_writer_tuning.installed()
        assert pdf_writer_tuning.installed()
        assert tuned == plain


def test_structure_elements_point_at_their_own_pages():
    with pikepdf.open(io.BytesIO(_render(**DRAFT_OPTIONS))) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        headings = [element for element in pdf.objects
                    if isinstance(element, pikepdf.Dictionary)
                    and element.get("/S") == pikepdf.Name.H1]
        assert sorted(pages[heading.Pg.objgen] for heading in headings) == list(range(PAGES))


def test_page_references_follow_pages_added_after_a_read():
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert pdf.page_references is first  # built once while the pages are the same
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 2
    assert pdf.page_references[:1] == first


def test_streams_are_deflated_at_the_default_level():
    content = b"\n".join(b"BT /F1 10 Tf 72 %d Td (Line %d) Tj ET" % (n, n) for n in range(2000))
    stream = pydyf.Stream([content], compress=True)
    deflated = stream.data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(deflated) == content
    assert deflated == zlib.compress(content, zlib.Z_DEFAULT_COMPRESSION)
    with pdf_writer_tuning.uninstalled():
        plain = pydyf.Stream([content], compress=True).data
    assert plain.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0] == zlib.compress(content, 9)
