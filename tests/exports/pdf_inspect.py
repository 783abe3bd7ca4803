"""Read rendered PDFs back: page texts (pypdf and poppler), fonts, annotations, attachments;
and one render of a submission with what it was read back as (``Rendered``)."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass

import pypdf
from pypdf.generic import DictionaryObject, IndirectObject

PDFTOTEXT = "/usr/bin/pdftotext"
PDFFONTS = "/usr/bin/pdffonts"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Arabic vowel marks and shadda: poppler places them apart from their base letter.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
WHITESPACE = re.compile(r"\s+")
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def normalize(text: str) -> str:
    """Fold text so extraction artefacts (line breaks, bidi marks, split vowels) do not count."""
    text = unicodedata.normalize("NFKC", text)
    text = BIDI_CONTROLS.sub("", text)
    text = ARABIC_MARKS.sub("", text)
    return WHITESPACE.sub("", text)


def comparable_pieces(expected: str) -> list[str]:
    """Pieces of ``expected`` that must appear contiguously in extracted text.

    Inside right-to-left lines, runs of digits or Latin letters are laid out left to right and
    extractors cut the line around them (and around clause punctuation), so Arabic strings are
    checked clause by clause.
    """
    if not re.search("[\u0600-\u06ff]", expected):
        return [normalize(expected)]
    runs = re.split(r"[0-9A-Za-z/().,:;\-\u060c\u061f]+", expected)
    return [normalize(run) for run in runs if len(normalize(run)) >= 2]


def pdftotext_pages(pdf: bytes, *, layout: bool = False) -> list[str]:
    """Per-page text from poppler's pdftotext (pages are separated by form feeds)."""
    with_layout = ["-layout"] if layout else []
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", *with_layout, "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pypdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


@dataclass(frozen=True)
class FontInfo:
    name: str
    subtype: str
    embedded: bool

    @property
    def subsetted(self) -> bool:
        return bool(SUBSET_TAG.match(self.name))


def _resolve(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _font_descriptor(font: DictionaryObject) -> DictionaryObject | None:
    if font.get("/Subtype") == "/Type0":
        descendant = _resolve(font["/DescendantFonts"][0])
        return _resolve(descendant.get("/FontDescriptor"))
    return _resolve(font.get("/FontDescriptor"))


def _walk_resources(resources: DictionaryObject | None, seen: set[int], out: dict,
                    objects: dict[str, list[DictionaryObject]] | None = None) -> None:
    if resources is None or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (_resolve(resources.get("/Font")) or {}).values():
        font = _resolve(font)
        if objects is not None:
            objects.setdefault(str(font.get("/BaseFont", "")).lstrip("/"), []).append(font)
        descriptor = _font_descriptor(font)
        embedded = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        name = str(font.get("/BaseFont", ""))
        out[name] = FontInfo(name.lstrip("/"), str(font.get("/Subtype")), embedded)
    # Fonts may also live in form XObjects and patterns (WeasyPrint uses both).
    for key in ("/XObject", "/Pattern"):
        for item in (_resolve(resources.get(key)) or {}).values():
            stream = _resolve(item)
            _walk_resources(_resolve(stream.get("/Resources")), seen, out, objects)


def fonts(pdf: bytes) -> list[FontInfo]:
    """Every font referenced from any page, its form XObjects or patterns."""
    found: dict[str, FontInfo] = {}
    seen: set[int] = set()
    for page in reader(pdf).pages:
        _walk_resources(_resolve(page.get("/Resources")), seen, found)
    return list(found.values())


def font_programs(pdf: bytes) -> dict[str, set[str]]:
    """Font name (with its subset tag) -> SHA-256 of every distinct program embedded under that
    name, over every font the pages, their form XObjects and patterns use."""
    programs: dict[str, set[str]] = {}
    found: dict[str, list[DictionaryObject]] = {}
    seen: set[int] = set()
    for page in reader(pdf).pages:
        _walk_resources(_resolve(page.get("/Resources")), seen, {}, found)
    for name, objects in found.items():
        for font in objects:
            descriptor = _font_descriptor(font)
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if descriptor is not None and key in descriptor:
                    programs.setdefault(name, set()).add(
                        hashlib.sha256(_resolve(descriptor[key]).get_data()).hexdigest())
    return programs


def pdffonts_names(pdf: bytes) -> list[str]:
    """The font names poppler's pdffonts lists (one row per font object it finds)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        output = subprocess.run([PDFFONTS, handle.name], capture_output=True, check=True,
                                text=True).stdout
    return [line.split()[0] for line in output.splitlines()[2:] if line.strip()]


def image_count(pdf: bytes) -> int:
    count = 0
    for page in reader(pdf).pages:
        xobjects = _resolve(_resolve(page.get("/Resources", {})).get("/XObject")) or {}
        count += sum(1 for x in xobjects.values() if _resolve(x).get("/Subtype") == "/Image")
    return count


def link_targets(pdf: bytes) -> list[str]:
    """Every link annotation's external URI (internal destinations are skipped)."""
    uris = []
    for page in reader(pdf).pages:
        for annotation in page.get("/Annots", []) or []:
            action = _resolve(_resolve(annotation).get("/A"))
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def attachment_names(pdf: bytes) -> list[str]:
    """Names of the embedded files, then one entry per file attachment annotation."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        names = sorted(document.attachments)
        annotations = [str(annotation.get("/Subtype")) for page in document.pages
                       for annotation in page.obj.get("/Annots", [])]
    return names + [subtype for subtype in annotations if subtype == "/FileAttachment"]


def toc_page_numbers(toc_text: str, titles: list[str]) -> list[int]:
    """Page numbers the table of contents gives, in ``titles`` order.

    Entries read ``<n>. <title> ..... <page>``; in Arabic the extractor may put the page number
    first, so the entry's own number is removed and the other number is the page.
    """
    lines = toc_text.splitlines()
    numbers = []
    for index, title in enumerate(titles, start=1):
        wanted = normalize(title)
        line = next(line for line in lines if wanted in normalize(line))
        digits = re.findall(r"\d+", normalize(line).replace(wanted, " "))
        digits.remove(str(index))
        assert len(digits) == 1, (title, line)
        numbers.append(int(digits[0]))
    return numbers


class Rendered:
    """One render with its input, what the fetcher saw, and the text read back two ways."""

    def __init__(self, data: dict) -> None:
        from exports.fetcher import SafeURLFetcher
        from exports.submission_pdf import render_submission_pdf

        self.data = data
        self.fetcher = SafeURLFetcher()
        self.pdf = render_submission_pdf(data, fetcher=self.fetcher)
        self.poppler = pdftotext_pages(self.pdf)
        self.pypdf = pypdf_pages(self.pdf)
