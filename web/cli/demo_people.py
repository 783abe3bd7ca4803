"""People in the demo: names in name fields, contact details in contact fields (UX review Q5).

The three demo States' focal points and contributors have people's names, and every demo
State's questionnaire names its focal point (the account's name) and gives a title and an
address, in the language the State answers in. Some names are written in Chinese, Japanese or
Korean script, as real names are.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

#: Focal point and contributor of each demo State.
DEMO_PEOPLE: dict[str, tuple[str, str]] = {
    "KEN": ("Wanjiru Kamau", "Otieno Mwangi"),
    "MEX": ("María Fernanda López", "Jorge Ramírez"),
    "NOR": ("Ingrid Hansen", "Lars Johansen"),
}

#: Names a focal point of each regional group may have (``demo --states all``).
GROUP_NAMES: dict[str | None, tuple[str, ...]] = {
    "african": ("Amani Otieno", "Chinwe Okafor", "Fatou Diallo", "Kwame Mensah",
                "Thandiwe Nkosi", "Yohannes Tesfaye", "Leila Benali"),
    "asia_pacific": ("王芳", "田中 愛子", "김민준", "Arjun Sharma", "Siti Rahman",
                     "Nguyen Thi Lan", "Farhan Ahmed"),
    "eastern_european": ("Anna Novak", "Piotr Kowalski", "Elena Popescu", "Irina Petrova",
                         "Milan Horvat", "Katarzyna Nowak"),
    "latin_american_caribbean": ("Ana Lucía Torres", "Carlos Mendoza", "Beatriz Almeida",
                                 "Diego Fernández", "Camila Rojas", "Andrés Castillo"),
    "western_european_other": ("Sophie Martin", "Jonas Weber", "Emma Johansson",
                               "Luca Bianchi", "Claire Dubois", "Pieter de Vries"),
    None: ("Alex Morgan", "Sam Reyes", "Noor Haddad"),
}

#: A title and a ministry, as the State would write them, by answer language.
POSITIONS = {
    "en": "Head of Legal Affairs, Ministry of Environment",
    "fr": "Chef du service juridique, Ministère de l'environnement",
    "es": "Jefatura de Asuntos Jurídicos, Ministerio de Medio Ambiente",
    "ru": "Начальник правового управления, Министерство природных ресурсов",
    "zh": "生态环境部法律事务司司长",
    "ar": "رئيس الشؤون القانونية، وزارة البيئة",
}

#: Days from today to the deadline of the demo's open cycle, and of its version 2 cycle.
DEADLINE_IN_DAYS = 60
NEXT_DEADLINE_IN_DAYS = 240


def demo_deadline(today: date | None = None, days: int = DEADLINE_IN_DAYS) -> date:
    """A deadline ahead of today, so that the demo never shows one that has passed."""
    return (today or date.today()) + timedelta(days=days)


def focal_point_name(iso3: str, group: str | None, seed: int) -> str:
    """The focal point's name: the demo States' own, another a name of its region."""
    if iso3 in DEMO_PEOPLE:
        return DEMO_PEOPLE[iso3][0]
    names = GROUP_NAMES.get(group) or GROUP_NAMES[None]
    return random.Random(f"{seed}:{iso3}:name").choice(names)


def people_answers(name: str, email: str, lang: str) -> dict[str, Any]:
    """The questionnaire's focal-point questions answered with a name and contact details."""
    return {
        "gen.focal_point_name": name,
        "gen.focal_point_contact": f"{POSITIONS.get(lang, POSITIONS['en'])}; {email}",
    }
