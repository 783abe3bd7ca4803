"""Realistic, varied and deterministic demonstration answers, one generator per field type.

A State's answers depend on a seed, the State and its regional group: each group leans its own
way on each question (a stable preference drawn from the group and the question key), and each
State adds its own strength, so the aggregates show regional patterns, gaps and "not known".
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from questionnaire.definition import Definition, Question
from questionnaire.expressions import is_empty
from questionnaire.fields import field_type_for

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

PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "The environmental code was amended to make trafficking in protected species a "
        "criminal offence.",
        "Coordination between customs, police and the forestry service remains informal.",
        "Prosecutors lack specialised training on financial investigations in these cases.",
        "A national task force meets every quarter to share intelligence on illegal logging.",
        "Data on prosecutions are not broken down by type of environmental offence.",
        "Technical assistance would help us draft rules on managing seized live animals.",
    ),
    "fr": (
        "Le code de l'environnement a été modifié pour ériger en infraction pénale le trafic "
        "d'espèces protégées.",
        "La coordination entre les douanes, la police et les eaux et forêts reste informelle.",
        "Les magistrats du parquet manquent de formation aux enquêtes financières.",
        "Une cellule nationale se réunit chaque trimestre sur l'exploitation illégale du bois.",
        "Les statistiques judiciaires ne distinguent pas les infractions environnementales.",
    ),
    "es": (
        "Se reformó el código penal para tipificar el tráfico de especies protegidas.",
        "La cooperación entre aduanas, policía y la autoridad ambiental es todavía informal.",
        "Los fiscales necesitan capacitación en investigaciones patrimoniales.",
        "Una unidad especializada coordina las causas sobre minería ilegal.",
        "Las estadísticas no distinguen los delitos ambientales de otros delitos.",
    ),
    "ru": (
        "В уголовный кодекс внесены поправки об ответственности за незаконный оборот "
        "охраняемых видов.",
        "Взаимодействие таможни, полиции и природоохранных органов остается неформальным.",
        "Прокурорам не хватает подготовки по финансовым расследованиям.",
        "Статистика не выделяет экологические преступления в отдельную категорию.",
    ),
    "zh": (
        "刑法修正案已将非法贩运受保护物种列为刑事犯罪。",
        "海关、警方和林业部门之间的协调仍不够正式。",
        "检察官在金融调查方面需要更多专门培训。",
        "统计数据尚未按环境犯罪类型分类。",
    ),
    "ar": (
        "عُدّل قانون العقوبات لتجريم الاتجار بالأنواع المحمية.",
        "لا يزال التنسيق بين الجمارك والشرطة وسلطات البيئة غير رسمي.",
        "يحتاج أعضاء النيابة العامة إلى تدريب متخصص على التحقيقات المالية.",
        "لا تميّز الإحصاءات القضائية بين الجرائم البيئية وغيرها.",
    ),
}
LAW_TITLES = ("Environmental Protection Act", "Penal Code", "Forest Act",
              "Wildlife Conservation Act", "Proceeds of Crime Act", "Mining Act",
              "Fisheries Act", "Waste Management Act")
COURTS = ("High Court", "Court of Appeal", "Regional Court", "Supreme Court")


def stable_unit(*parts: str) -> float:
    """A number in [0, 1) fixed by ``parts`` (the same on every run and platform)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass
class StateContext:
    """What a generator knows about the State it answers for."""

    iso3: str
    group: str | None
    lang: str
    strength: float
    rng: random.Random
    seed: int

    def lean(self, question: Question, choices: tuple[str, ...]) -> list[float]:
        """The group's stable preference for each choice of ``question``."""
        return [0.15 + stable_unit(str(self.seed), str(self.group), question.key, choice)
                for choice in choices]

    def phrase(self) -> str:
        return self.rng.choice(PHRASES[self.lang])


Generator = Callable[[Question, StateContext], Any]
GENERATORS: dict[str, Generator] = {}


def generates(*type_names: str) -> Callable[[Generator], Generator]:
    def decorate(function: Generator) -> Generator:
        for name in type_names:
            GENERATORS[name] = function
        return function

    return decorate


@generates("yes_partly_no")
def _yes_partly_no(question: Question, ctx: StateContext) -> Any:
    extra = tuple(question.settings.get("extra") or ())
    if "not_known" in extra and ctx.rng.random() < 0.05:
        return "not_known"
    if "not_applicable" in extra and ctx.rng.random() < 0.02:
        return "not_applicable"
    lean = ctx.lean(question, ("tilt",))[0]
    roll = ctx.rng.random()
    in_place = ctx.strength * (0.6 + 0.6 * lean)
    if roll < in_place:
        return "yes"
    if roll < in_place + (1 - in_place) * 0.55:
        return "partly"
    return "no"


@generates("single_choice")
def _single_choice(question: Question, ctx: StateContext) -> Any:
    values = question.option_values
    return ctx.rng.choices(values, weights=ctx.lean(question, values))[0]


@generates("multiple_choice")
def _multiple_choice(question: Question, ctx: StateContext) -> Any:
    values = question.option_values
    most = max(1, min(len(values), round(3.2 * (0.5 + ctx.strength))))
    count = ctx.rng.randint(1, most)
    weights = ctx.lean(question, values)
    picked: list[str] = []
    while len(picked) < count:
        choice = ctx.rng.choices(values, weights=weights)[0]
        if choice not in picked:
            picked.append(choice)
    return [value for value in values if value in picked]


@generates("short_text", "long_text")
def _text(question: Question, ctx: StateContext) -> Any:
    sentences = 1 if question.type == "short_text" else ctx.rng.randint(1, 3)
    text = " ".join(ctx.phrase() for _ in range(sentences))
    limit = field_type_for(question).max_length()  # type: ignore[attr-defined]
    return text[:limit]


@generates("integer")
def _integer(question: Question, ctx: StateContext) -> Any:
    return int(ctx.rng.paretovariate(1.3) * 3 * ctx.strength)


@generates("decimal")
def _decimal(question: Question, ctx: StateContext) -> Any:
    return round(ctx.rng.uniform(10_000, 2_000_000), 2)


@generates("year")
def _year(question: Question, ctx: StateContext) -> Any:
    return ctx.rng.randint(1995, 2024)


@generates("date")
def _date(question: Question, ctx: StateContext) -> Any:
    return (date(2001, 1, 1) + timedelta(days=ctx.rng.randint(0, 7000))).isoformat()


@generates("citations")
def _citations(question: Question, ctx: StateContext) -> Any:
    return [
        {"title": ctx.rng.choice(LAW_TITLES), "articles": f"art. {ctx.rng.randint(1, 120)}",
         "year": ctx.rng.randint(1990, 2024),
         "status": "bill" if ctx.rng.random() < 0.1 else "in_force"}
        for _ in range(ctx.rng.randint(1, 3))
    ]


@generates("cases")
def _cases(question: Question, ctx: StateContext) -> Any:
    return [
        {"summary": ctx.phrase(), "year": ctx.rng.randint(2015, 2024),
         "court": ctx.rng.choice(COURTS), "outcome": ctx.phrase()}
        for _ in range(ctx.rng.randint(1, 2))
    ]


@generates("penalty")
def _penalty(question: Question, ctx: StateContext) -> Any:
    roll = ctx.rng.random()
    if roll < 0.06:
        return {"kind": "life"}
    if roll < 0.14:
        return {"kind": "none", "fine": "Up to 50,000 in local currency"}
    years = max(1, round(ctx.rng.gauss(2 + 6 * ctx.strength, 3)))
    return {"kind": "term", "years": min(years, 25)}


@generates("statistics")
def _statistics(question: Question, ctx: StateContext) -> Any:
    field_type = field_type_for(question)
    measures = [key for key, _label in field_type.measures()]  # type: ignore[attr-defined]
    unknown = ctx.rng.random() < 0.25
    table = {}
    for year in field_type.years():  # type: ignore[attr-defined]
        row: dict[str, Any] = {}
        for key in measures:
            if unknown and ctx.rng.random() < 0.7:
                row[key] = "not_known"
            else:
                row[key] = int(ctx.rng.paretovariate(1.1) * 8)
        table[str(year)] = row
    return table


@generates("crime_matrix")
def _crime_matrix(question: Question, ctx: StateContext) -> Any:
    field_type = field_type_for(question)
    columns = field_type.columns()  # type: ignore[attr-defined]
    gate_key, gate = columns[0] if columns else (None, None)
    table = {}
    for crime_type in field_type.crime_types():  # type: ignore[attr-defined]
        row = {}
        for key, column in columns:
            if ctx.rng.random() < 0.08:
                continue
            cell = GENERATORS[column.question.type](column.question, ctx)
            if not is_empty(cell):
                row[key] = cell
        # The first column says whether the law covers the crime type at all ("criminalized");
        # where it does not, there is no penalty or liability to report.
        if gate is not None and gate.question.type == "yes_partly_no" and \
                row.get(gate_key) == "no":
            row = {gate_key: "no"}
        if row:
            table[crime_type.key] = row
    return table


@generates("attachment")
def _attachment(question: Question, ctx: StateContext) -> Any:
    return None  # files come through the upload view, never from the demo


def context_for(iso3: str, group: str | None, seed: int) -> StateContext:
    rng = random.Random(f"{seed}:{iso3}")
    base = GROUP_STRENGTH.get(group, 0.6)
    strength = min(0.95, max(0.1, rng.gauss(base, 0.15)))
    languages = GROUP_LANGUAGES.get(group, ("en",))
    lang = rng.choices(languages, weights=[2 ** -i for i in range(len(languages))])[0]
    return StateContext(iso3, group, lang, strength, rng, seed)


def demo_answers(definition: Definition, ctx: StateContext, attempts: int = 12) -> dict[str, Any]:
    """A complete, valid set of answers: every relevant required question answered."""
    answers: dict[str, Any] = {}
    for question in definition.questions:
        if not question.required and ctx.rng.random() < SKIP_OPTIONAL:
            continue
        field_type = field_type_for(question)
        for _attempt in range(attempts * (4 if question.required else 1)):
            value = GENERATORS[question.type](question, ctx)
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
