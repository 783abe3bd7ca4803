"""The masthead of a UN document in each language version, as conference services print it.

These are fixed conventions, not translations, so they are kept here rather than in the
message catalogs (a translator would rightly translate "Distr.: General"; the UN does not):
the Arabic, Chinese and Russian versions print the masthead in English ("Distr.: General",
"Chinese", "Original: English"); the French and Spanish versions print their own
("Distr. générale", "Original : anglais"; "Distr. general", "Original: inglés") with the
language names in lower case. The English version has no version-language line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from babel import Locale

ENGLISH_MASTHEAD = frozenset({"en", "ar", "zh", "ru"})
_OWN = {
    "fr": {"distribution": "Distr. générale", "original": "Original : {language}"},
    "es": {"distribution": "Distr. general", "original": "Original: {language}"},
}
_ENGLISH = {"distribution": "Distr.: General", "original": "Original: {language}"}


def _masthead_lang(lang: str) -> str:
    return "en" if lang in ENGLISH_MASTHEAD else lang


def _language_name(code: str, written_in: str) -> str:
    name = Locale.parse(written_in).languages.get(code, code)
    # English capitalises language names; French and Spanish do not.
    return name[:1].upper() + name[1:] if written_in == "en" else name.lower()


def masthead(lang: str, original: str) -> dict[str, str | None]:
    """The three fixed lines of the masthead for the ``lang`` version of a document written
    originally in ``original``: distribution, version language (None in English), original."""
    own = _masthead_lang(lang)
    words = _OWN.get(own, _ENGLISH)
    version = None
    if lang != "en":
        name = Locale.parse(lang).languages.get(lang, lang) if own == lang \
            else _language_name(lang, "en")
        version = name[:1].upper() + name[1:]
    return {"distribution": words["distribution"], "version": version,
            "original": words["original"].format(language=_language_name(original, own))}


def meeting_dates(start: date, end: date | None, lang: str,
                  format_date: Callable[[date], str]) -> str:
    """"24–26 February 2027": the days of a meeting, the last one written out by
    ``format_date`` (the documents' date style in ``lang``)."""
    if end is None or end <= start:
        return format_date(start)
    if (start.year, start.month) != (end.year, end.month):
        return f"{format_date(start)} – {format_date(end)}"
    if lang == "zh":  # 2027年2月24日至26日
        return f"{format_date(start)}至{end.day}日"
    return f"{start.day}–{format_date(end)}"
