"""Example answers: what each field type's `example()` draws its values from.

An `ExampleContext` carries the random generator and what leans the answers one way: the
language of free text, how strong the answering State's measures are, and a preference per
choice. Demo data (`web/cli/demo_answers.py`), tests and benchmarks all use the same examples.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Protocol

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
LARGEST_WORD = 120
"""Length of the unbroken words of the largest answers (``FieldType.largest``): wider than a
column of the PDF, as in the security review's draft that always timed out (finding 5)."""
COURTS = ("High Court", "Court of Appeal", "Regional Court", "Supreme Court")


class HasKey(Protocol):
    @property
    def key(self) -> str: ...


@dataclass
class ExampleContext:
    """The random generator and the leanings of one set of example answers."""

    rng: random.Random
    lang: str = "en"
    strength: float = 0.7
    """How likely a measure is to be in place (0 to 1)."""

    def lean(self, question: HasKey, choices: tuple[str, ...]) -> list[float]:
        """A weight for each choice of ``question`` (even here; demo data leans by group)."""
        return [1.0] * len(choices)

    def phrase(self) -> str:
        """A sentence of free text in the context's language."""
        return self.rng.choice(PHRASES.get(self.lang, PHRASES["en"]))


def filler(ctx: ExampleContext, length: int, word: int = 0) -> str:
    """Text of exactly ``length`` characters: the context's sentences one after another, or,
    with ``word``, unbroken runs of ``word`` letters (the hardest text to break into lines)."""
    if word:
        run = ("x" * (word - 1) + " ") * (length // word + 1)
        return run[:length].rstrip().ljust(length, "x")
    text = ""
    while len(text) < length:
        text += ctx.phrase() + " "
    return text[:length].rstrip().ljust(length, ".")


def example_context(source: random.Random | ExampleContext) -> ExampleContext:
    """``source`` itself when it is a context, else a plain English context around it."""
    return source if isinstance(source, ExampleContext) else ExampleContext(source)
