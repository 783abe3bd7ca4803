"""A document's one stylesheet is parsed once per process, and taken out of the document it
lays out exactly as it did inside it."""

from __future__ import annotations

import io

import pikepdf

from exports.fetcher import SafeURLFetcher
from exports.pdf import _parsed_stylesheet, render_pdf
from exports.submission_pdf import submission_html
from testing.sample_data import sample_submission


def _page_streams(pdf: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [page.Contents.read_bytes() for page in document.pages]


def test_the_stylesheet_is_parsed_once_and_lays_out_as_it_did_inside_the_document():
    html = submission_html(sample_submission("fr"))
    inside = render_pdf(html, lang="fr", fetcher=SafeURLFetcher())  # a caller's fetcher: as is
    before = _parsed_stylesheet.cache_info()
    first = render_pdf(html, lang="fr")
    second = render_pdf(html, lang="fr")
    after = _parsed_stylesheet.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 1
    assert _page_streams(first) == _page_streams(inside) == _page_streams(second)


def test_a_document_with_more_than_one_style_element_is_laid_out_as_it_is():
    html = ("<html><head><style>p { margin: 0 }</style><style>p { margin: 2cm }</style>"
            "</head><body><p>x</p></body></html>")
    before = _parsed_stylesheet.cache_info()
    render_pdf(html, lang="en")
    assert _parsed_stylesheet.cache_info() == before
