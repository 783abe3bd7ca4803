"""People's names on pages: isolated from the surrounding text's direction, and marked with
their language when their script says it (kana: Japanese, Hangul: Korean), so that the style
sheet's font stack for that language draws them (UX review p17)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def script_language(text: str) -> str | None:
    """``ja`` for a name with kana, ``ko`` for one with Hangul; None otherwise (Han alone is
    shared by Chinese, Japanese and Korean names: the page's CJK fallback fonts draw it)."""
    if KANA.search(text):
        return "ja"
    if HANGUL.search(text):
        return "ko"
    return None


def person_name(user: Any) -> Markup:
    """A user's name (or, without one, e-mail address) as ``<bdi>``, with ``lang`` when known."""
    text = (getattr(user, "name", "") or getattr(user, "email", "") or "") if user else ""
    lang = script_language(text)
    if lang:
        return Markup('<bdi class="person" lang="{}">{}</bdi>').format(lang, text)
    return Markup('<bdi class="person">{}</bdi>').format(text)
