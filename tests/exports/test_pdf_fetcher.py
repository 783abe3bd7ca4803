"""SafeURLFetcher on its own and inside a real WeasyPrint render."""

from __future__ import annotations

import base64

import pytest
from pdf_inspect import attachment_names, image_count, pdftotext_pages

from exports.fetcher import FONTS_DIR, RefusedURL, SafeURLFetcher
from exports.pdf import render_pdf

PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def test_data_url_is_served():
    fetcher = SafeURLFetcher()
    url = "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()
    response = fetcher.fetch(url)
    assert response.read() == PNG_1X1
    assert fetcher.served == [url]


def test_bundled_font_is_served():
    fetcher = SafeURLFetcher()
    path = FONTS_DIR / "NotoSans-Regular.ttf"
    response = fetcher.fetch(path.as_uri())
    assert response.read() == path.read_bytes()
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "http://example.invalid/x.css",
        "https://example.invalid/font.ttf",
        "ftp://example.invalid/x",
        "file:///etc/passwd",
        "file://remotehost" + str(FONTS_DIR / "NotoSans-Regular.ttf"),
        (FONTS_DIR / "NotoSans-Regular.ttf").as_uri().replace("NotoSans-Regular.ttf", "../pdf.py"),
        (FONTS_DIR / "..%2Fpdf.py").as_uri(),
        (FONTS_DIR / "missing.ttf").as_uri(),
        FONTS_DIR.as_uri(),
        "javascript:alert(1)",
    ],
)
def test_everything_else_is_refused(url):
    fetcher = SafeURLFetcher()
    with pytest.raises((RefusedURL, OSError)):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert fetcher.served == []


def test_symlink_out_of_a_root_is_refused(tmp_path):
    root = tmp_path / "fonts"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("do not embed")
    (root / "innocent.ttf").symlink_to(secret)
    fetcher = SafeURLFetcher(roots=[root])
    with pytest.raises(RefusedURL):
        fetcher.fetch((root / "innocent.ttf").as_uri())
    assert fetcher.refused


def test_symlink_inside_a_root_is_followed(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    (root / "real.css").write_text("p {}")
    (root / "alias.css").symlink_to(root / "real.css")
    assert SafeURLFetcher(roots=[root]).fetch((root / "alias.css").as_uri()).read() == b"p {}"


def test_redirects_are_not_followed():
    handler_names = {type(handler).__name__ for handler in SafeURLFetcher().handlers}
    assert "HTTPRedirectHandler" not in handler_names


def test_raw_html_references_are_refused_during_a_render():
    html = """<html><head>
      <link rel="stylesheet" href="http://example.invalid/evil.css">
      <link rel="attachment" href="file:///etc/passwd">
      <style>@import url("http://example.invalid/more.css");
             @font-face { font-family: X; src: url("file:///etc/passwd"); }
             body { background: url("file:///etc/hostname"); }</style>
      </head><body><p>visible text</p>
      <img src="file:///etc/passwd"><object data="http://example.invalid/o.svg"></object>
      <img src="../fetcher.py"></body></html>"""
    fetcher = SafeURLFetcher()
    pdf = render_pdf(html, lang="en", fetcher=fetcher)
    refused = " ".join(fetcher.refused)
    for fragment in ("evil.css", "more.css", "/etc/passwd", "/etc/hostname", "o.svg", "fetcher.py"):
        assert fragment in refused
    assert fetcher.served == []
    assert image_count(pdf) == 0
    assert attachment_names(pdf) == []
    assert "visible text" in pdftotext_pages(pdf)[0]
