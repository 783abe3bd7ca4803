"""Does a quoted answer name a State? For the anonymous report, which leaves such quotes out.

A quote names a State by its name (the registry's, in any of the six languages, and its short
form before a bracket), by a common short or former name, or by its adjective of nationality
("Brazilian", "brésilienne", "бразильского", "البرازيلية"): `demonyms.yaml`. Each script is
matched as its words are written:

- Latin and Cyrillic: whole words (Russian names and adjectives with their case endings open).
  Names are matched in any case, except the few that are also ordinary words written in lower
  case ("china", "chile", "cuba", "чад"), matched only as written, and Russian "Того" (Togo;
  "того" is "of that") only inside a sentence. English adjectives only capitalized.
- Arabic: a word with its attached particles (و ف ب ل ك, and the article for adjectives), so
  "المالي" ("the financial") is not Mali; "مالي" alone names Mali only after a preposition or
  a word such as "جمهورية" (without them it is the adjective "financial").
- Chinese (no spaces): the name anywhere, except inside the words that contain one without
  naming it: "国际" (international: 非法国际, 其中国际), "国家" (发展中国家), a language
  ("西班牙语"), 增加纳税, 东南非洲, 印度洋.

A language is not a State: "in French", "en français", "на китайском языке", "إلى الصينية" are
left out before adjectives are looked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEMONYMS = Path(__file__).with_name("demonyms.yaml")
LANGUAGES = ("en", "fr", "es", "ru", "ar")

CYRILLIC_ENDINGS = frozenset("аяйеоьыи")
ADJECTIVE_ENDINGS = frozenset({"ая", "ий", "ое", "ые", "ой", "ый"})

#: Names that are also ordinary words in lower case: matched only as written.
AS_WRITTEN = frozenset({"China", "Chad", "Guinea", "Chile", "Cuba", "Granada", "Malta",
                        "Того", "Чад", "Чили"})
#: Of those, the ones that begin a sentence as an ordinary word ("Того же мнения ...").
NOT_AT_SENTENCE_START = frozenset({"Того"})
#: Arabic names that are also ordinary words: they name a State only in these contexts.
ARABIC_AMBIGUOUS = frozenset({"مالي"})
ARABIC_NAMING_WORDS = ("في", "إلى", "من", "مع", "عن", "على", "بين", "جمهورية", "حكومة",
                       "دولة", "سلطات")
#: Phrases holding a State's name or adjective that name no State (removed, case-folded).
NOT_NAMES = (
    r"发展中国家", r"西班牙文", r"增加纳[税入]", r"[东西]南非洲", r"印度洋", r"马里兰",
    r"latin americans?", r"south americans?", r"north americans?", r"central americans?",
    r"inter-american", r"pan-american", r"indian ocean",
    r"latino-américain\w*", r"sud-américain\w*", r"nord-américain\w*", r"océan indien",
    r"индийск\w* океан\w*", r"المحيط الهندي",
)
#: After a Chinese name: characters that make it part of another word.
CJK_NOT_AFTER = {"国": "际家", "": "语"}
#: Language names beside the adjectives of nationality, for the language uses below.
LANGUAGE_WORDS = {"en": ("English", "Arabic"), "fr": ("anglais", "arabe"),
                  "es": ("inglés", "árabe"), "ru": ("английск", "арабск"),
                  "ar": ("إنكليزي", "إنجليزي", "عربي")}


def _fold(text: str) -> str:
    """NFKC, and ё as е (Russian is printed without ё)."""
    return unicodedata.normalize("NFKC", text).replace("ё", "е").replace("Ё", "Е")


def _script(word: str) -> set[str]:
    return {unicodedata.name(char, "").split()[0] for char in word if char.isalpha()}


def _cyrillic_stem(word: str) -> str:
    """A Russian word with its case ending left open ("Российск\\w{0,3}" for Российская);
    short words are kept whole, or "Мали" would find "малые"."""
    ending = 2 if word[-2:] in ADJECTIVE_ENDINGS else 1 if word[-1:] in CYRILLIC_ENDINGS else 0
    stem = word[:len(word) - ending]
    return re.escape(word) if ending == 0 or len(stem) < 4 else re.escape(stem) + r"\w{0,3}"


def _arabic_word(core: str, endings: str = "") -> str:
    """An Arabic word with attached particles in front; ``core`` is a pattern."""
    return rf"(?<!\w)(?:[وف]?[بلك]?|[وف]?لل(?=\w))(?:{core}){endings}(?!\w)"


def name_pattern(name: str) -> str:
    """One name as a pattern over case-folded text (see the module docstring)."""
    folded = _fold(name).casefold()
    scripts = _script(name)
    if scripts == {"CYRILLIC"}:  # declined: "Кения", "Кении", "Кенией"
        return r"(?<!\w)" + r"\s+".join(_cyrillic_stem(w) for w in folded.split()) + r"(?!\w)"
    if scripts <= {"LATIN", "CYRILLIC"}:
        return rf"(?<!\w){re.escape(folded)}(?!\w)"
    if scripts == {"ARABIC"}:
        if folded.startswith("ال"):  # ل + الصين is written للصين
            return _arabic_word(rf"{re.escape(folded)}|(?<=لل){re.escape(folded[2:])}")
        return _arabic_word(re.escape(folded))
    after = "".join(chars for end, chars in CJK_NOT_AFTER.items() if folded.endswith(end))
    return re.escape(folded) + (rf"(?![{after}])" if after else "")


def name_variants(name: str) -> set[str]:
    """The name, and its part before a bracket or comma ("Bolivia" for "Bolivia
    (Plurinational State of)")."""
    variants = {name.strip()}
    for mark in (" (", "(", "（", ","):
        head = name.split(mark)[0].strip()
        if len(head) >= 3:
            variants.add(head)
    return {v for v in variants if v}


def _spanish_forms(form: str) -> list[str]:
    """The masculine singular's feminine and plurals."""
    if form.endswith("o"):
        return [form[:-1] + end for end in ("o", "a", "os", "as")]
    if form.endswith(("és", "án")):
        base = form[:-2] + {"é": "e", "á": "a"}[form[-2]] + form[-1]
        return [form, base + "a", base + "as", base + "es"]
    if form.endswith(("í", "ú")):
        return [form, form + "es", form + "s"]
    if form.endswith(("e", "a")):
        return [form, form + "s"]
    return [form, form + "es", form + "a", form + "as"]


def _adjective(lang: str, form: str) -> str:
    """One adjective of nationality as a pattern over folded text (case-folded but in
    English, where it is capitalized)."""
    if lang == "en":
        return rf"(?<!\w){re.escape(_fold(form))}s?(?!\w)"
    form = _fold(form).casefold()
    if lang == "fr":
        return rf"(?<!\w){re.escape(form)}(?:n?nes?|es?|s)?(?!\w)"
    if lang == "es":
        return r"(?<!\w)(?:" + "|".join(map(re.escape, _spanish_forms(form))) + r")(?!\w)"
    if lang == "ru":
        return rf"(?<!\w){re.escape(form)}\w{{0,4}}(?!\w)"
    base = re.escape(form)
    return _arabic_word(rf"(?:ال)?{base}|(?<=لل){base}", "(?:ة|ون|ين|ات|تين|تان)?")


def _language_uses(lang: str, forms: Iterable[str]) -> str:
    """Where an adjective names a language, not a State: "in French and Spanish", "на
    китайском языке", "باللغة الفرنسية"."""
    words = [*forms, *LANGUAGE_WORDS[lang]]
    if lang == "ar":
        each = "|".join(re.escape(_fold(w)) for w in words)
        one = rf"ال(?:{each})ة"
        return (rf"(?:(?:اللغة|اللغات|لغة|إلى|من|عن)\s+|(?<!\w)[وف]?ب){one}"
                rf"(?:\s+و?{one})*(?!\w)")
    if lang == "en":
        one = "(?:" + "|".join(re.escape(_fold(w)) for w in words) + ")"
        return (rf"(?<!\w)(?:in|into|from|to)\s+{one}(?:\s*(?:,|and|or)\s*{one})*"
                rf"(?=\s*(?:[,.;:)]|$)|\s+(?:is|are|was|were|only|too|also)(?!\w))|{one}\s*-?\s*(?:language|translation|version|"
                rf"speaking)s?(?!\w)")
    one = "(?:" + "|".join(_adjective(lang, w) for w in words) + ")"
    if lang == "fr":
        return (rf"(?<!\w)(?:en|langues?|versions?|traductions?)\s+{one}"
                rf"(?:\s*(?:,|et|ou)\s*(?:en\s+)?{one})*|(?<!\w)(?:le|du|au)\s+{one}"
                rf"(?=\s*(?:[,.;:)]|$|\s+(?:et|ou|est|sont)(?!\w)))")
    if lang == "es":
        return (rf"(?<!\w)(?:en|al|del|idiomas?|lenguas?|versión|versiones|traducción)\s+"
                rf"{one}(?:\s*(?:,|y|o|e|u)\s*(?:(?:en|al)\s+)?{one})*")
    return (rf"(?<!\w)(?:на|с|со)\s+{one}(?:\s*(?:,|и|или)\s*{one})*"
            rf"(?=\s*(?:[,.;:)]|$|язык))|{one}\s+язык\w*")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, dict[str, Any]]:
    """ISO3 -> {language: "form|form", "aliases": {language: [name, ...]}}."""
    data = yaml.safe_load(DEMONYMS.read_text(encoding="utf-8"))
    return {code: entry or {} for code, entry in data.items()}


@dataclass(frozen=True)
class StateNames:
    """Finds the States named in a text: `found(text, lang)` gives the first name met, or
    None."""

    names: re.Pattern[str]
    """Names and aliases over case-folded text."""
    as_written: re.Pattern[str]
    arabic_ambiguous: re.Pattern[str]
    not_names: re.Pattern[str]
    languages: Mapping[str, re.Pattern[str]]
    """Per language: where an adjective of nationality names a language."""
    adjectives: Mapping[str, re.Pattern[str]]
    """Per language: the adjectives of nationality (over case-folded text but in English)."""

    def found(self, text: str, lang: str | None = None) -> str | None:
        """The first State name or adjective in ``text``. Adjectives are those of ``lang``,
        the language the text was written in ("china" is Spanish for Chinese, and English
        for porcelain); of every language when it is not known."""
        text = self.not_names.sub(" ", _fold(text))
        folded = text.casefold()
        for pattern, where in ((self.names, folded), (self.arabic_ambiguous, text)):
            match = pattern.search(where)
            if match:
                return match.group(0)
        for match in self.as_written.finditer(text):
            before = text[:match.start()].rstrip()
            if match.group(0) in NOT_AT_SENTENCE_START and (not before or before[-1] in ".!?…"):
                continue
            return match.group(0)
        codes = [lang] if lang is not None and lang in self.adjectives else list(self.adjectives)
        for code in codes:
            plain = self.languages[code].sub(" ", text)
            match = self.adjectives[code].search(plain if code == "en" else plain.casefold())
            if match:
                return match.group(0)
        return None


def _alternation(pieces: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(pieces), key=len, reverse=True)
    return re.compile("|".join(ordered) or r"(?!x)x")


@lru_cache(maxsize=8)
def _compile(names: frozenset[str], codes: frozenset[str]) -> StateNames:
    table = demonyms()
    entries = [table.get(code, {}) for code in sorted(codes)]
    aliases = {alias for entry in entries
               for listed in (entry.get("aliases") or {}).values() for alias in listed}
    variants = {v for name in names | aliases for v in name_variants(name)}
    forms: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for entry in entries:
        for lang in LANGUAGES:
            forms[lang].update(f for f in str(entry.get(lang) or "").split("|") if f)
    return StateNames(
        names=_alternation(name_pattern(v) for v in variants
                           if v not in AS_WRITTEN and _fold(v) not in ARABIC_AMBIGUOUS),
        as_written=_alternation(rf"(?<!\w){re.escape(v)}(?!\w)" for v in variants
                                if v in AS_WRITTEN),
        arabic_ambiguous=_alternation(
            rf"(?:(?<!\w)(?:{'|'.join(ARABIC_NAMING_WORDS)})\s+|(?<!\w)[وف]?[بلك])"
            rf"{re.escape(v)}(?!\w)" for v in variants if _fold(v) in ARABIC_AMBIGUOUS),
        not_names=re.compile("|".join(NOT_NAMES), re.IGNORECASE),
        languages={lang: re.compile(_language_uses(lang, forms[lang]), re.IGNORECASE)
                   for lang in LANGUAGES},
        adjectives={lang: _alternation(_adjective(lang, f) for f in forms[lang])
                    for lang in LANGUAGES},
    )


def state_names(names: Iterable[str], codes: Iterable[str] = ()) -> StateNames:
    """What finds ``names`` (any language) and, for the States ``codes``, their adjectives
    and common short names (`demonyms.yaml`)."""
    return _compile(frozenset(names), frozenset(codes))


def names_a_state(text: str, names: StateNames, lang: str | None = None) -> bool:
    return names.found(text, lang) is not None


__all__ = ["StateNames", "demonyms", "name_pattern", "name_variants", "names_a_state",
           "state_names"]

