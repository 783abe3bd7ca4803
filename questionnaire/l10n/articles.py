"""Article references that read correctly in every language, right-to-left included.

"6(2)(b)" is a left-to-right run: inside Arabic text the bidi algorithm would reorder its
brackets and numbers ("(b)(2)6"). Each reference is therefore wrapped in a left-to-right
isolate (U+2066 ... U+2069), which works in HTML, in PDFs and in plain-text mails alike.
Arabic writes the sub-paragraph letters as the UN Arabic texts of the Convention do
((أ), (ب), ...) and separates references with the Arabic comma; Chinese with the ideographic
comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LRI, PDI = "\u2066", "\u2069"

#: Sub-paragraph letters of the UN Arabic texts (a, b, c, ... in the abjad order they use).
ARABIC_LETTERS = dict(zip(
    "abcdefghijklmnopqrstuvwxyz",
    ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف",
     "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض"],
    strict=True,
))

_LETTER = re.compile(r"\(([a-z])\)")
_SEPARATORS = {"ar": "، ", "zh": "、"}


def article_reference(reference: str, lang: str | None = "en") -> str:
    """One reference ("6(2)(b)", "OP4") as ``lang`` writes it, isolated as a left-to-right
    run where the text around it runs right to left."""
    text = str(reference).strip()
    if lang == "ar":
        text = _LETTER.sub(lambda match: f"({ARABIC_LETTERS[match.group(1)]})", text)
        return f"{LRI}{text}{PDI}"
    return text


def article_references(references: Iterable[str] | str, lang: str | None = "en") -> str:
    """Several references joined with the list separator of ``lang``; a string is read as a
    list already joined with commas ("6, 6(2)(b)")."""
    if isinstance(references, str):
        references = [part for part in references.split(",") if part.strip()]
    return _SEPARATORS.get(lang or "en", ", ").join(
        article_reference(reference, lang) for reference in references)
