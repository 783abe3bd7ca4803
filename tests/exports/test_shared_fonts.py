"""One font configuration per process: the bundled fonts are registered once, and again only
when their copies have gone from disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from exports.pdf import render_pdf
from exports.shared_fonts import fonts_folder, shared_font_configuration
from tests.exports.pdf_inspect import fonts

HTML = """<!DOCTYPE html><html lang="en"><head><style>
@font-face { font-family: "Bundled"; src: url("NotoSans-Regular.ttf"); }
@font-face { font-family: "Bundled CJK"; src: url("NotoSansCJKsc-Regular.otf"); }
body { font-family: "Bundled", "Bundled CJK"; }
</style></head><body><p>Shared fonts 共享字体</p></body></html>"""


def _font_names(pdf: bytes) -> set[str]:
    return {font.name.split("+", 1)[-1] for font in fonts(pdf) if font.embedded}


def _registered_copies() -> list[Path]:
    folder = fonts_folder(shared_font_configuration())
    return sorted(folder.iterdir()) if folder else []


def test_renders_in_a_process_share_one_configuration_and_register_each_font_once():
    first = render_pdf(HTML, lang="en")
    config, copies = shared_font_configuration(), _registered_copies()
    second = render_pdf(HTML, lang="en")
    assert shared_font_configuration() is config
    assert _registered_copies() == copies and len(copies) >= 2
    assert _font_names(first) == _font_names(second) == {"Bundled", "Bundled-CJK"}


def test_fonts_removed_from_disk_are_registered_again_in_a_new_configuration():
    render_pdf(HTML, lang="en")
    config = shared_font_configuration()
    shutil.rmtree(fonts_folder(config))
    pdf = render_pdf(HTML, lang="en")
    assert shared_font_configuration() is not config
    assert _font_names(pdf) == {"Bundled", "Bundled-CJK"}
