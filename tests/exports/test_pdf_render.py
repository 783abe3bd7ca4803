"""render_pdf and its process-isolated, time-limited variant."""

from __future__ import annotations

import pytest
from pdf_inspect import pdftotext_pages, reader

from exports.pdf import RenderError, RenderTimeout, render_pdf, render_pdf_with_timeout

HTML = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Titre HTML</title>
<style>@font-face { font-family: T; src: url("NotoSans-Regular.ttf"); }
html { font-family: T; }</style></head>
<body><h1>Bonjour</h1><p>Texte du rapport.</p></body></html>"""

METADATA = {
    "title": "Rapport national",
    "author": "Point de contact",
    "subject": "Questionnaire 12/4",
    "keywords": ["KEN", "res-12-4"],
}


def test_metadata_is_written():
    document = reader(render_pdf(HTML, lang="fr", metadata=METADATA))
    info = document.metadata
    assert info.title == "Rapport national"
    assert info.author == "Point de contact"
    assert info.subject == "Questionnaire 12/4"
    assert "res-12-4" in info["/Keywords"]
    assert document.trailer["/Root"]["/Lang"] == "fr"


def test_html_title_is_used_without_metadata():
    assert reader(render_pdf(HTML, lang="fr")).metadata.title == "Titre HTML"


def test_unknown_metadata_field_is_an_error():
    with pytest.raises(ValueError, match="unknown metadata"):
        render_pdf(HTML, lang="fr", metadata={"creator": "x"})


def test_relative_font_urls_resolve_to_bundled_fonts():
    pdf = render_pdf(HTML, lang="fr")
    fonts = [
        str(font["/BaseFont"]) for font in reader(pdf).pages[0]["/Resources"]["/Font"].values()
    ]
    assert any(name.endswith("+T") for name in fonts)


def test_tagged_pdf_ua_variant():
    document = reader(render_pdf(HTML, lang="fr", pdf_variant="pdf/ua-1"))
    root = document.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_render_in_child_process_returns_the_pdf():
    pdf = render_pdf_with_timeout(HTML, timeout_s=120, lang="fr", metadata=METADATA)
    assert pdf.startswith(b"%PDF-")
    assert "Texte du rapport." in pdftotext_pages(pdf)[0]
    assert reader(pdf).metadata.title == "Rapport national"


def test_overrunning_render_is_killed():
    # A few thousand pages cannot be laid out in a hundredth of a second.
    huge = "<html><body>" + "<p>ligne</p>" * 50_000 + "</body></html>"
    with pytest.raises(RenderTimeout):
        render_pdf_with_timeout(huge, timeout_s=0.01, lang="fr")


def test_child_errors_are_reported():
    with pytest.raises(RenderError, match="unknown metadata"):
        render_pdf_with_timeout(HTML, timeout_s=120, lang="fr", metadata={"creator": "x"})


def test_fetcher_cannot_cross_the_process_boundary():
    with pytest.raises(TypeError):
        render_pdf_with_timeout(HTML, lang="fr", fetcher=object())
