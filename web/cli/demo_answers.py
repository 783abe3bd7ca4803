"""Realistic, varied and deterministic demonstration answers, from each field type's example.

A State's answers depend on a seed, the State and its regional group: each group leans its own
way on each question (a stable preference drawn from the group and the question key), and each
State adds its own strength, so the aggregates show regional patterns, gaps and "not known".
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from questionnaire.definition import Definition
from questionnaire.expressions import is_empty
from questionnaire.fields import field_type_for
from questionnaire.fields.examples import ExampleContext, HasKey

#: Languages a State of each group may answer in (weights follow the order).
GROUP_LANGUAGES: dict[str | None, tuple[str, ...]] = {
    "african": ("en", "fr", "ar"),
    "asia_pacific": ("en", "zh", "ar", "ru"),
    "eastern_european": ("ru", "en"),
    "latin_american_caribbean": ("es", "en", "fr"),
    "western_european_other": ("en", "fr", "es"),
    None: ("en",),
}
#: How likely each group's States are to have a measure fully / partly in place.
GROUP_STRENGTH: dict[str | None, float] = {
    "african": 0.45,
    "asia_pacific": 0.55,
    "eastern_european": 0.6,
    "latin_american_caribbean": 0.55,
    "western_european_other": 0.75,
    None: 0.7,
}
SKIP_OPTIONAL = 0.12
"""Share of optional questions a State leaves unanswered."""
#: The registry's Convention status as the questionnaire's answer option.
PARTY_ANSWER = {"party": "party", "signatory": "signatory", "non_party": "not_party"}


def stable_unit(*parts: str) -> float:
    """A number in [0, 1) fixed by ``parts`` (the same on every run and platform)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass
class StateContext(ExampleContext):
    """Example leanings of one State: its group leans each question its own way."""

    iso3: str = ""
    group: str | None = None
    seed: int = 0
    known: dict[str, Any] = field(default_factory=dict)
    """Answers fixed by what the registry knows of the State (None: left unanswered)."""

    def lean(self, question: HasKey, choices: tuple[str, ...]) -> list[float]:
        """The group's stable preference for each choice of ``question``."""
        return [0.15 + stable_unit(str(self.seed), str(self.group), question.key, choice)
                for choice in choices]


def registry_answers(party_status: str, party_date: date | None) -> dict[str, Any]:
    """What a State says of itself that the registry already knows: its Convention status
    and, for a party, the date of its instrument (so demo answers agree with the registry)."""
    return {
        "gen.untoc_status": PARTY_ANSWER[party_status],
        "gen.untoc_date": party_date.isoformat()
        if party_status == "party" and party_date else None,
    }


def context_for(iso3: str, group: str | None, seed: int,
                known: dict[str, Any] | None = None) -> StateContext:
    rng = random.Random(f"{seed}:{iso3}")
    base = GROUP_STRENGTH.get(group, 0.6)
    strength = min(0.95, max(0.1, rng.gauss(base, 0.15)))
    languages = GROUP_LANGUAGES.get(group, ("en",))
    lang = rng.choices(languages, weights=[2 ** -i for i in range(len(languages))])[0]
    return StateContext(rng, lang, strength, iso3=iso3, group=group, seed=seed,
                        known=dict(known or {}))


def demo_answers(definition: Definition, ctx: StateContext, attempts: int = 12) -> dict[str, Any]:
    """A complete, valid set of answers: every relevant required question answered."""
    answers: dict[str, Any] = {}
    for question in definition.questions:
        if question.key in ctx.known:
            if ctx.known[question.key] is not None:
                answers[question.key] = ctx.known[question.key]
            continue
        if not question.required and ctx.rng.random() < SKIP_OPTIONAL:
            continue
        field_type = field_type_for(question)
        for _attempt in range(attempts * (4 if question.required else 1)):
            value = field_type.example(ctx)
            if is_empty(value) or not field_type.validate(value, answers):
                break
        else:
            value = None
        if not is_empty(value):
            answers[question.key] = value
    relevant = definition.relevant_keys(answers)
    return {key: value for key, value in answers.items() if key in relevant}


def missing_required(definition: Definition, answers: Mapping[str, Any]) -> list[str]:
    relevant = definition.relevant_keys(answers)
    return [q.key for q in definition.questions
            if q.required and q.key in relevant and is_empty(answers.get(q.key))]
