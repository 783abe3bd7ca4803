"""Subsetting a bundled font file to given glyph ids, the way WeasyPrint does it.

WeasyPrint subsets every face with HarfBuzz, keeping glyph ids (``RETAIN_GIDS``), so the
content streams of a PDF address glyphs by their id in the original file. Merged report parts
therefore draw with the same ids, and one subset of the original file made for the union of
their glyphs serves them all (``exports/report/fonts.py``). HarfBuzz is reached through cffi
(WeasyPrint's own bindings cannot create a face from bytes); without ``libharfbuzz-subset``
fontTools does the same, several times slower.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont

from exports.fetcher import FONTS_DIR

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
hb_blob_t *hb_blob_create(const char *data, unsigned int length, int mode, void *user_data,
                          void *destroy);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
unsigned int hb_face_get_glyph_count(const hb_face_t *face);
void hb_set_add_sorted_array(hb_set_t *set, const unsigned int *values, unsigned int count);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned int value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
unsigned int hb_tag_from_string(const char *str, int len);
"""
NO_HINTING, RETAIN_GIDS, DESUBROUTINIZE, PASSTHROUGH = 0x01, 0x02, 0x04, 0x20
SETS_DROP_TABLE_TAG = 3
MEMORY_MODE_READONLY = 1
DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF",
                  b"LTSH", b"PCLT", b"SVG ")
"""The tables WeasyPrint drops (``weasyprint/pdf/fonts.py``): not needed to draw glyphs."""


@cache
def _harfbuzz() -> tuple[Any, Any, Any] | None:
    """(ffi, harfbuzz, harfbuzz-subset) or None when the libraries are missing."""
    try:
        from cffi import FFI
    except ImportError:  # pragma: no cover - cffi comes with WeasyPrint
        return None
    ffi = FFI()
    ffi.cdef(_CDEF)
    libraries = []
    for names in (("libharfbuzz.so.0", "harfbuzz", "libharfbuzz.0.dylib"),
                  ("libharfbuzz-subset.so.0", "harfbuzz-subset",
                   "libharfbuzz-subset.0.dylib")):
        for name in names:
            try:
                libraries.append(ffi.dlopen(name))
                break
            except OSError:
                continue
        else:
            return None
    return ffi, libraries[0], libraries[1]


@cache
def bundled_fonts() -> dict[str, Path]:
    """PostScript name -> file, for every font bundled in ``exports/fonts``."""
    found = {}
    for path in sorted(FONTS_DIR.iterdir()):
        if path.suffix in {".ttf", ".otf"}:
            name = TTFont(str(path), lazy=True)["name"].getDebugName(6)
            if name:
                found[name] = path
    return found


def postscript_name(program: bytes) -> str | None:
    """The PostScript name (name id 6) an embedded font program keeps, if any."""
    try:
        return TTFont(io.BytesIO(program), lazy=True)["name"].getDebugName(6)
    except Exception:  # any unreadable program just cannot be matched
        return None


def subset(path: Path, glyph_ids: Iterable[int]) -> bytes:
    """The font at ``path`` reduced to ``glyph_ids`` (ids kept), without hinting."""
    gids = sorted({int(gid) for gid in glyph_ids} | {0})
    harfbuzz = _harfbuzz()
    if harfbuzz is None:
        return _fonttools_subset(path, gids)
    return _harfbuzz_subset(harfbuzz, path.read_bytes(), gids)


def _harfbuzz_subset(libraries: tuple[Any, Any, Any], data: bytes, gids: list[int]) -> bytes:
    ffi, hb, _subset_library = libraries
    buffer = ffi.from_buffer(data)
    blob = hb.hb_blob_create(buffer, len(data), MEMORY_MODE_READONLY, ffi.NULL, ffi.NULL)
    face = hb.hb_face_create(blob, 0)
    try:
        # First pass: keep the ids, drop the tables WeasyPrint drops.
        first = _run(libraries, face, gids, RETAIN_GIDS | PASSTHROUGH | DESUBROUTINIZE,
                     drop=True)
        # Second pass, as WeasyPrint's: no hinting, and nothing after the last glyph used.
        second = _run(libraries, first, list(range(gids[-1] + 1)),
                      PASSTHROUGH | DESUBROUTINIZE | NO_HINTING, drop=False)
        hb.hb_face_destroy(first)
        out_blob = hb.hb_face_reference_blob(second)
        length = ffi.new("unsigned int *")
        pointer = hb.hb_blob_get_data(out_blob, length)
        result = bytes(ffi.buffer(pointer, length[0]))
        hb.hb_blob_destroy(out_blob)
        hb.hb_face_destroy(second)
    finally:
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
    if not result:
        raise RuntimeError("HarfBuzz could not subset the font")
    return result


def _run(libraries: tuple[Any, Any, Any], face: Any, gids: list[int], flags: int, *,
         drop: bool) -> Any:
    ffi, hb, hbs = libraries
    subset_input = hbs.hb_subset_input_create_or_fail()
    try:
        hb.hb_set_add_sorted_array(hbs.hb_subset_input_glyph_set(subset_input),
                                   ffi.new("unsigned int[]", gids), len(gids))
        hbs.hb_subset_input_set_flags(subset_input, flags)
        if drop:
            tags = sorted(hb.hb_tag_from_string(tag, -1) for tag in DROPPED_TABLES)
            hb.hb_set_add_sorted_array(hbs.hb_subset_input_set(subset_input,
                                                               SETS_DROP_TABLE_TAG),
                                       ffi.new("unsigned int[]", tags), len(tags))
        result = hbs.hb_subset_or_fail(face, subset_input)
    finally:
        hbs.hb_subset_input_destroy(subset_input)
    if result == ffi.NULL:
        raise RuntimeError("HarfBuzz could not subset the font")
    return result


def _fonttools_subset(path: Path, gids: list[int]) -> bytes:
    options = ft_subset.Options(retain_gids=True, passthrough_tables=True,
                                ignore_missing_glyphs=True, hinting=False, desubroutinize=True)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(gids=gids)
    font = TTFont(str(path))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
