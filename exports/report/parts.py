"""The report's HTML, cut into parts that are rendered (and cached) independently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel import Locale

from exports.i18n import pdf_environment, render_template, text_direction
from exports.report import charts

PROFILES_PER_PART = 12
"""Profiles per part: small enough to spread over workers, large enough to amortise start-up."""


@dataclass(frozen=True)
class TocEntry:
    """A heading the table of contents lists: its anchor, heading key or title, and level."""

    anchor: str
    key: str
    title: str | None = None
    level: int = 1


@dataclass(frozen=True)
class Part:
    key: str
    html: str
    toc: tuple[TocEntry, ...] = ()


def iso(value: str) -> date | datetime:
    """A date or datetime back from the ISO text the model holds."""
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def _context(model: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"model": model, "chart": charts, "iso": iso,
            "rtl": text_direction(model["lang"]) == "rtl", **extra}


def _render(name: str, model: dict[str, Any], **extra: Any) -> str:
    return render_template(f"pdf/report/{name}", model["lang"], _context(model, **extra))


def body_parts(model: dict[str, Any]) -> list[Part]:
    """Every part after the front page, in document order."""
    parts = []
    for index, chapter in enumerate(model["chapters"]):
        parts.extend(_chapter_parts(model, chapter, first_in_document=index == 0))
    # The annexes are cut by regional group: one State's new submission re-renders one piece.
    groups = list(dict.fromkeys(r["group"] for r in sorted(
        model["respondents"], key=lambda r: _group_rank(r["group"])))) or [None]
    for index, group in enumerate(groups):
        toc = (TocEntry("chapter-annex_respondents", "annex_respondents"),) if index == 0 else ()
        parts.append(Part(f"annex-respondents-{index + 1}",
                          _render("annex_respondents.html", model, groups=[group] if group
                                  else [], first=index == 0), toc))
    matrix_groups = list(dict.fromkeys(row["group"] for row in model["matrix"]["rows"])) or [None]
    for index, group in enumerate(matrix_groups):
        toc = (TocEntry("chapter-annex_matrix", "annex_matrix"),) if index == 0 else ()
        rows = [row for row in model["matrix"]["rows"] if row["group"] == group]
        parts.append(Part(f"annex-matrix-{index + 1}",
                          _render("annex_matrix.html", model, rows=rows, first=index == 0),
                          toc))
    profiles = model["profiles"]
    for start in range(0, max(1, len(profiles)), PROFILES_PER_PART):
        chunk = profiles[start:start + PROFILES_PER_PART]
        toc = (TocEntry("chapter-annex_profiles", "annex_profiles"),) if start == 0 else ()
        parts.append(Part(f"annex-profiles-{start // PROFILES_PER_PART + 1}",
                          _render("annex_profiles.html", model, profiles=chunk,
                                  first=start == 0), toc))
    return parts


def _chapter_parts(model: dict[str, Any], chapter: dict[str, Any], *,
                   first_in_document: bool) -> list[Part]:
    """One part per section of a chapter (the first carries the chapter heading), so that a
    change in one answer re-renders only the section that reports on it."""
    key = chapter["key"]
    pieces: list[dict[str, Any]] = [{"sections": [section]} for section in chapter["sections"]]
    if "analysis" in chapter:
        pieces.append({"sections": [], "analysis": chapter["analysis"]})
    if not pieces:
        pieces = [{"sections": []}]
    parts = []
    number = 0
    for index, piece in enumerate(pieces):
        toc: list[TocEntry] = []
        if index == 0:
            toc.append(TocEntry(f"chapter-{key}", key))
        for section in piece["sections"]:
            number += 1
            if section["title"]:
                toc.append(TocEntry(f"section-{key}-{number}", "section", section["title"], 2))
        if "analysis" in piece:
            toc.append(TocEntry("section-gap-analysis", "gap_analysis", None, 2))
        html = _render("chapter.html", model, chapter={"key": key, **piece},
                       with_heading=index == 0, first=first_in_document and index == 0,
                       section_number=number)
        parts.append(Part(f"chapter-{key}-{index + 1}", html, tuple(toc)))
    return parts


def _group_rank(group: str) -> int:
    from questionnaire.report_model import GROUP_ORDER

    return GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)


#: Versions whose masthead keeps "Distr.: General" and "Original: English" in English.
ENGLISH_MASTHEAD = frozenset({"ar", "zh", "ru"})


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` as the masthead of the ``lang`` version writes it:
    in English for ar, zh and ru ("Original: English"), lower case in French and Spanish
    ("Original : anglais", "Original: inglés")."""
    if lang in ENGLISH_MASTHEAD:
        return Locale.parse("en").languages.get(code, code)
    name = Locale.parse(lang).languages.get(code, code)
    return name if lang in ("fr", "es") else name[:1].upper() + name[1:]


def front_part(model: dict[str, Any], toc: list[dict[str, Any]]) -> Part:
    """The first page: document header and the table of contents with page numbers."""
    html = _render("front.html", model, toc=toc,
                   original_language_name=language_name(model["original_language"],
                                                        model["lang"]))
    return Part("front", html)


def heading_text(lang: str, key: str) -> str:
    """A chapter or annex heading in ``lang`` (the same macro the templates use)."""
    macros = pdf_environment(lang).get_template("pdf/report/macros.html")
    # Plain text (for the PDF outline): the macro's markup and escapes taken out.
    heading: Any = getattr(macros.make_module({"chart": charts}), "heading")  # noqa: B009
    return heading(key).striptags()


def page_number_labels(lang: str, total: int) -> list[str]:
    """"Page X of Y" for every page, in ``lang`` (the catalog's wording)."""
    gettext: Any = pdf_environment(lang).globals["gettext"]
    template = gettext("Page %(page)s of %(pages)s")
    return [template % {"page": number, "pages": total} for number in range(1, total + 1)]


def page_numbers_html(lang: str, labels: list[str]) -> str:
    """Transparent pages carrying only their label: laid over the merged report's pages."""
    return render_template("pdf/report/page_numbers.html", lang, {"labels": labels})
