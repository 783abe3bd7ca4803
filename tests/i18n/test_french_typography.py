"""French typography: a no-break space before : ; ? ! and inside « », in the interface catalog,
the fixed vocabulary and every questionnaire definition the terminology test scans."""

from __future__ import annotations

import re

from questionnaire.fingerprint import questions_fingerprint
from tests.i18n.test_terminology import DEFINITIONS, all_texts

#: An ordinary space where French needs a no-break one.
BREAKABLE = re.compile(r"(?<=\S) [:;?!»]|« ")


def breakable_spaces(texts) -> list[tuple[str, str]]:
    return [(where, text[:80]) for where, _english, text in texts
            if text and BREAKABLE.search(text)]


def test_french_punctuation_keeps_to_its_word():
    assert breakable_spaces(all_texts("fr")) == []


def test_the_check_can_fail():
    sample = [("sample", "Status: open", "Statut : ouvert"), ("sample", "", "« Non »")]
    assert len(breakable_spaces(sample)) == 2
    assert breakable_spaces([("ok", "", "Statut\u00a0: «\u00a0Non\u00a0»")]) == []


def test_typography_is_not_a_change_of_questions():
    """Correcting French spacing in a published version keeps its questions' fingerprint; a
    changed word does not."""
    source = (DEFINITIONS / "res-12-4" / "v2.yaml").read_text(encoding="utf-8")
    assert "\u00a0:" in source
    plain = source.replace("\u00a0", " ")
    assert questions_fingerprint(plain) == questions_fingerprint(source)
    reworded = source.replace("Pollution sonore", "Nuisances sonores", 1)
    assert reworded != source
    assert questions_fingerprint(reworded) != questions_fingerprint(source)
