"""The report's HTML, cut into parts that are rendered (and cached) independently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel import Locale

from exports.i18n import pdf_environment, render_template, text_direction
from exports.report.masthead import masthead, meeting_dates

SUMMARIES_PER_PART = 12
"""State summaries per part: small enough to spread over workers, large enough to amortise
start-up."""


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
    states: tuple[str, ...] = ()
    """The States whose answers the part shows (named when it fails to render)."""

    @property
    def label(self) -> str:
        """``annex-states-2 (Kenya, Mexico)``: the part, and the States in it."""
        return f"{self.key} ({', '.join(self.states)})" if self.states else self.key


def iso(value: str) -> date | datetime:
    """A date or datetime back from the ISO text the model holds."""
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def _context(model: dict[str, Any], **extra: Any) -> dict[str, Any]:
    lang = model["lang"]
    return {"model": model, "iso": iso, "rtl": text_direction(lang) == "rtl",
            "language_name": lambda code: Locale.parse(lang).languages.get(code, code),
            **extra}


def _render(name: str, model: dict[str, Any], **extra: Any) -> str:
    return render_template(f"pdf/report/{name}", model["lang"], _context(model, **extra))


def body_parts(model: dict[str, Any]) -> list[Part]:
    """Every part after the front page, in document order."""
    parts = []
    for index, chapter in enumerate(model["chapters"]):
        parts.extend(_chapter_parts(model, chapter, first_in_document=index == 0))
    if model["respondents"]:
        parts.append(Part("annex-respondents", _render("annex_respondents.html", model),
                          (TocEntry("chapter-annex_respondents", "annex_respondents"),)))
    summaries = model["states"]
    for start in range(0, len(summaries), SUMMARIES_PER_PART):
        toc = (TocEntry("chapter-annex_states", "annex_states"),) if start == 0 else ()
        chosen = summaries[start:start + SUMMARIES_PER_PART]
        parts.append(Part(f"annex-states-{start // SUMMARIES_PER_PART + 1}",
                          _render("annex_states.html", model, states=chosen,
                                  first=start == 0), toc,
                          tuple(f"{s['name']} [{s['iso3']}]" for s in chosen)))
    return parts


def _chapter_parts(model: dict[str, Any], chapter: dict[str, Any], *,
                   first_in_document: bool) -> list[Part]:
    """One part per section of a chapter (the first carries the chapter heading), so that a
    change in one answer re-renders only the section that reports on it."""
    key = chapter["key"]
    pieces = [[section] for section in chapter["sections"]] or [[]]
    parts = []
    number = 0
    for index, sections in enumerate(pieces):
        toc: list[TocEntry] = []
        if index == 0:
            toc.append(TocEntry(f"chapter-{key}", key))
        for section in sections:
            number += 1
            if section.get("title") or section.get("heading"):
                toc.append(TocEntry(f"section-{key}-{number}", section.get("heading")
                                    or "section", section.get("title"), 2))
        html = _render("chapter.html", model, chapter={"key": key, "sections": sections},
                       with_heading=index == 0, first=first_in_document and index == 0,
                       section_number=number)
        parts.append(Part(f"chapter-{key}-{index + 1}", html, tuple(toc)))
    return parts


def front_part(model: dict[str, Any], toc: list[dict[str, Any]]) -> Part:
    """The first page: the masthead of a UN document and the table of contents."""
    lang = model["lang"]
    meeting = model["meeting"]
    meeting_text = None
    if meeting and meeting["start"]:
        meeting_text = meeting_dates(date.fromisoformat(meeting["start"]),
                                     date.fromisoformat(meeting["end"]) if meeting["end"]
                                     else None, lang, pdf_environment(lang).filters["date"])
    html = _render("front.html", model, toc=toc,
                   masthead=masthead(lang, model["original_language"]),
                   meeting_dates=meeting_text)
    return Part("front", html)


def heading_text(lang: str, key: str) -> str:
    """A chapter or annex heading in ``lang`` (the same macro the templates use)."""
    macros = pdf_environment(lang).get_template("pdf/report/macros.html")
    # Plain text (for the PDF outline): the macro's markup and escapes taken out.
    heading: Any = getattr(macros.make_module({}), "heading")  # noqa: B009
    return heading(key).striptags()


def page_number_labels(lang: str, total: int) -> list[str]:
    """"Page X of Y" for every page, in ``lang`` (the catalog's wording)."""
    gettext: Any = pdf_environment(lang).globals["gettext"]
    template = gettext("Page %(page)s of %(pages)s")
    return [template % {"page": number, "pages": total} for number in range(1, total + 1)]


def page_numbers_html(lang: str, labels: list[str]) -> str:
    """Transparent pages carrying only their label: laid over the merged report's pages."""
    return render_template("pdf/report/page_numbers.html", lang, {"labels": labels})
