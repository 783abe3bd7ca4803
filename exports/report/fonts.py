"""One font program per face in a merged PDF, and one program per font name.

Each report part is a PDF of its own, with its own subset of every face it uses, and
WeasyPrint names a subset after the face, not after the glyphs it holds: merged as they are,
the Chinese report carried its CJK face once per part, and one name stood for dozens of
different programs (docs/pdf.md, "Compiled report").

WeasyPrint keeps glyph ids when it subsets (``RETAIN_GIDS``) and addresses glyphs by id
(``/Identity-H``, ``/CIDToGIDMap /Identity``). So the parts' fonts of one face differ only
in which glyphs they carry: ``unify_fonts`` replaces all of them with one subset of the
bundled file made for the union of their glyphs, with the union of their widths and Unicode
maps, and points every resource dictionary at it. No content stream changes. A font that
does not qualify (another encoding, a program not from ``exports/fonts``) stays as it is
but is renamed after its own program, so that no two programs share a name.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from math import ceil
from typing import Any

from pikepdf import Array, Dictionary, Name, Object, Pdf, Stream

from exports.font_subset import bundled_fonts, postscript_name, subset

FONT_FILES = ("/FontFile2", "/FontFile3", "/FontFile")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass
class _Font:
    """One Type0 font object of the merged document and what it is made of."""

    ref: Object
    font: Any
    descendant: Any
    descriptor: Any
    file_key: str
    program: bytes
    widths: dict[int, float] = field(default_factory=dict)
    unicode: dict[int, bytes] | None = None
    """Glyph id -> UTF-16BE hex; None when the map is not one WeasyPrint writes."""


def unify_fonts(pdf: Pdf) -> None:
    """Give each face one program and each program its own name (see the module). The fonts
    replaced are no longer referred to, so they are not written."""
    places = list(_font_places(pdf))
    fonts: dict[tuple[int, int], _Font] = {}
    for _resources, _name, ref in places:
        if ref.objgen not in fonts:
            font = _read(ref)
            if font is not None:
                fonts[ref.objgen] = font
    groups: dict[str, list[_Font]] = defaultdict(list)
    for font in fonts.values():
        groups[_group_key(font)].append(font)
    replacement: dict[tuple[int, int], Object] = {}
    for key, members in groups.items():
        source = bundled_fonts().get(key) if key else None
        if source is None or any(member.unicode is None for member in members):
            for member in members:
                _retag(member)
            continue
        new_ref = _union_font(pdf, members, subset(source, _glyphs(members)))
        for member in members:
            replacement[member.ref.objgen] = new_ref
    for font_dictionary, name, ref in places:
        if ref.objgen in replacement:
            font_dictionary[name] = replacement[ref.objgen]


def _font_places(pdf: Pdf) -> Iterator[tuple[Dictionary, str, Object]]:
    """(font resource dictionary, resource name, font reference) for every Type0 font used by
    a page, its form XObjects, patterns or annotation appearances."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = []
    for page in pdf.pages:
        stack.append(page.obj.get("/Resources"))
        for annotation in page.obj.get("/Annots", Array()):
            appearance = annotation.get("/AP")
            if appearance is not None:
                stack.extend(_streams(appearance))
    while stack:
        resources = stack.pop()
        if not isinstance(resources, Dictionary):
            continue
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        font_dictionary: Any = resources.get("/Font")
        if isinstance(font_dictionary, Dictionary):
            for name, ref in list(font_dictionary.items()):
                if ref.is_indirect and isinstance(ref, Dictionary) and \
                        ref.get("/Subtype") == Name.Type0:
                    yield font_dictionary, name, ref
        for key in ("/XObject", "/Pattern"):
            group: Any = resources.get(key) or Dictionary()
            for value in group.values():
                if isinstance(value, Dictionary | Stream):
                    stack.append(value.get("/Resources"))


def _streams(appearance: Any) -> Iterator[Any]:
    for value in appearance.values():
        if isinstance(value, Stream):
            yield value.get("/Resources")
        elif isinstance(value, Dictionary):
            yield from _streams(value)


def _read(ref: Object) -> _Font | None:
    font: Any = ref
    descendant: Any = font["/DescendantFonts"][0]
    descriptor: Any = descendant.get("/FontDescriptor")
    if descriptor is None:
        return None
    file_key = next((key for key in FONT_FILES if key in descriptor), None)
    if file_key is None:
        return None
    program = descriptor[file_key].read_bytes()
    unicode = None
    if "/ToUnicode" in font:
        unicode = _unicode_map(font["/ToUnicode"].read_bytes())
    return _Font(ref, font, descendant, descriptor, file_key, program,
                 _widths(descendant.get("/W")), unicode)


def _group_key(font: _Font) -> str:
    """The bundled face this font is a subset of ("" when it cannot be merged safely)."""
    if font.font.get("/Encoding") != Name("/Identity-H") or \
            font.descendant.get("/CIDToGIDMap", Name.Identity) != Name.Identity:
        return ""
    return postscript_name(font.program) or ""


def _widths(array: Any) -> dict[int, float]:
    """A CIDFont's /W array as glyph id -> width."""
    widths: dict[int, float] = {}
    items: list[Any] = list(array) if array is not None else []
    index = 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1]
        if isinstance(following, Array):
            for offset, width in enumerate(following):
                widths.setdefault(first + offset, float(width))
            index += 2
        else:
            for gid in range(first, int(following) + 1):
                widths.setdefault(gid, float(items[index + 2]))
            index += 3
    return widths


def _unicode_map(data: bytes) -> dict[int, bytes] | None:
    """A ToUnicode CMap made of ``bfchar`` entries, as glyph id -> UTF-16BE hex."""
    if b"bfrange" in data:
        return None
    mapping: dict[int, bytes] = {}
    for block in _BFCHAR.findall(data):
        for glyph, text in _PAIR.findall(block):
            mapping.setdefault(int(glyph, 16), text)
    return mapping


def _glyphs(members: list[_Font]) -> set[int]:
    glyphs: set[int] = set()
    for member in members:
        glyphs |= member.widths.keys() | (member.unicode or {}).keys()
    return glyphs


def _tag(program: bytes) -> str:
    """Six capitals derived from the program itself: one name, one program."""
    digest = hashlib.sha256(program).digest()
    return "".join(chr(65 + byte % 26) for byte in digest[:6])


def _face_name(font: _Font) -> str:
    return _TAG.sub("", str(font.font["/BaseFont"]).lstrip("/"))


def _retag(font: _Font) -> None:
    name = Name(f"/{_tag(font.program)}+{_face_name(font)}")
    for dictionary in (font.font, font.descendant):
        dictionary.BaseFont = name
    font.descriptor.FontName = name


def _union_font(pdf: Pdf, members: list[_Font], program: bytes) -> Object:
    first = members[0]
    name = Name(f"/{_tag(program)}+{_face_name(first)}")
    widths: dict[int, float] = {}
    unicode: dict[int, bytes] = {}
    for member in members:
        for gid, width in member.widths.items():
            widths.setdefault(gid, width)
        for gid, text in (member.unicode or {}).items():
            unicode.setdefault(gid, text)

    # New streams are left plain: the merged document is saved with its streams compressed.
    file_stream = pdf.make_stream(program)
    original_file: Any = first.descriptor[first.file_key]
    if "/Subtype" in original_file:
        file_stream.Subtype = original_file.Subtype
    if first.file_key == "/FontFile2":
        file_stream.Length1 = len(program)
    descriptor = Dictionary({key: value for key, value in first.descriptor.items()
                             if key not in {*FONT_FILES, "/CIDSet"}})
    descriptor.FontName = name
    descriptor[first.file_key] = file_stream
    bbox = [[float(value) for value in member.descriptor["/FontBBox"]] for member in members]
    descriptor.FontBBox = Array([
        _number(min(box[0] for box in bbox)), _number(min(box[1] for box in bbox)),
        _number(max(box[2] for box in bbox)), _number(max(box[3] for box in bbox))])
    if "/CIDSet" in first.descriptor:
        descriptor.CIDSet = pdf.make_stream(_cid_set(widths))
    descendant = Dictionary({key: value for key, value in first.descendant.items()})
    descendant.BaseFont = name
    descendant.W = _width_array(widths)
    descendant.FontDescriptor = pdf.make_indirect(descriptor)
    font = Dictionary({key: value for key, value in first.font.items()})
    font.BaseFont = name
    font.ToUnicode = pdf.make_stream(_cmap(unicode))
    font.DescendantFonts = Array([pdf.make_indirect(descendant)])
    return pdf.make_indirect(font)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _width_array(widths: dict[int, float]) -> Array:
    array: list[Any] = []
    run: list[Any] = []
    for gid in sorted(widths):
        if not run or gid - 1 not in widths:
            run = []
            array.extend([gid, run])
        run.append(_number(widths[gid]))
    return Array([Array(item) if isinstance(item, list) else item for item in array])


def _cmap(unicode: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap, written as WeasyPrint writes them."""
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo", b"<< /Registry (Adobe)", b"/Ordering (UCS)",
             b"/Supplement 0", b">> def", b"/CMapName /Adobe-Identity-UCS def",
             b"/CMapType 2 def", b"1 begincodespacerange", b"<0000> <ffff>",
             b"endcodespacerange"]
    items = sorted(unicode.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines.extend(b"<%04x> <%s>" % (gid, text) for gid, text in batch)
        lines.append(b"endbfchar")
    lines.extend([b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end",
                  b"end"])
    return b"\n".join(lines)


def _cid_set(widths: dict[int, float]) -> bytes:
    size = ceil((max(widths, default=0) + 1) / 8)
    bits = bytearray(size)
    for gid in widths:
        bits[gid // 8] |= 0x80 >> (gid % 8)
    return bytes(bits)
