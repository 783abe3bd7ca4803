"""Question numbers (1.4, 1.4a): what pages and PDFs show instead of internal keys.

A section's number is its place in the definition; a question's, its place in the section.
A follow-up question (one whose ``relevant`` condition refers only to the question just
numbered, or to that question's own follow-ups) takes that number with a letter: the legislation
asked for after "Is laundering the proceeds criminalised?" (2.5) is 2.5a. The numbers depend on
the definition alone, never on the answers, so a question keeps its number in every document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from questionnaire.definition import Definition

_REFERENCE = re.compile(r"\$\{([^}]+)\}")


def _letters(index: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    text = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        text = chr(ord("a") + remainder) + text
    return text


@lru_cache(maxsize=16)
def question_numbers(definition: Definition) -> Mapping[str, str]:
    """Question key -> its number, for every question of ``definition``."""
    numbers: dict[str, str] = {}
    for section_number, section in enumerate(definition.sections, start=1):
        main, follow_ups, family = 0, 0, set[str]()
        for question in section.questions:
            references = set(_REFERENCE.findall(question.relevant or ""))
            if main and references and references <= family:
                follow_ups += 1
                numbers[question.key] = f"{section_number}.{main}{_letters(follow_ups)}"
                family.add(question.key)
            else:
                main, follow_ups, family = main + 1, 0, {question.key}
                numbers[question.key] = f"{section_number}.{main}"
    return MappingProxyType(numbers)


def section_numbers(definition: Definition) -> Mapping[str, int]:
    """Section key -> its number (its place in the definition, from 1)."""
    return MappingProxyType({section.key: number for number, section
                             in enumerate(definition.sections, start=1)})
