"""Names of reporting cycles in each language, built from the year.

A cycle named "Reporting cycle 2026" (the default, or the same name typed in any of the six
languages) reads "دورة الإبلاغ لعام 2026" on an Arabic page, "2026年报告周期" on a Chinese
one, and so on. A name of another form is shown as it was given.
"""

from __future__ import annotations

import re

#: How each language names the reporting cycle of a year.
CYCLE_NAMES = {
    "en": "Reporting cycle {year}",
    "fr": "Cycle d'établissement de rapports {year}",
    "es": "Ciclo de presentación de informes de {year}",
    "ru": "Отчетный цикл {year} года",
    "zh": "{year}年报告周期",
    "ar": "دورة الإبلاغ لعام {year}",
}
#: Other ways of writing such a name that are recognized too.
_ALSO_RECOGNIZED = ("{year} reporting cycle", "Reporting cycle of {year}")
_PATTERNS = [
    re.compile("^" + re.escape(pattern).replace(re.escape("{year}"), r"(?P<year>\d{4})") + "$",
               re.IGNORECASE)
    for pattern in (*CYCLE_NAMES.values(), *_ALSO_RECOGNIZED)
]


#: The English patterns: an English name of such a form is kept as it was typed.
_ENGLISH = (_PATTERNS[0], *_PATTERNS[len(CYCLE_NAMES):])


def cycle_year(name: str) -> int | None:
    """The year of a cycle named after it in one of the six languages, else None."""
    text = " ".join(str(name or "").split())
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return int(match.group("year"))
    return None


def cycle_name(name: str, lang: str | None = "en") -> str:
    """``name`` in ``lang`` when it is a reporting cycle named after its year."""
    year = cycle_year(name)
    if year is None:
        return name
    code = (lang or "en").split("_")[0].split("-")[0]
    if code not in CYCLE_NAMES or code == "en":
        text = " ".join(str(name).split())
        return name if any(p.match(text) for p in _ENGLISH) else CYCLE_NAMES["en"].format(
            year=year)
    return CYCLE_NAMES[code].format(year=year)


def default_cycle_name(year: int) -> str:
    """The name a new cycle gets when none is given (shown in each language)."""
    return CYCLE_NAMES["en"].format(year=year)
