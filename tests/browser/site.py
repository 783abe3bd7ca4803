"""Where things are on the live server, and who signs in: the demo accounts."""

from __future__ import annotations

from dataclasses import dataclass

from questionnaire.definition import Definition
from web.cli.demo import DEMO_PASSWORD

PASSWORD = DEMO_PASSWORD
ADMIN = "admin@envsaq.example"
REVIEWER = "reviewer@envsaq.example"


def focal(iso3: str = "KEN") -> str:
    return f"focal.{iso3.lower()}@envsaq.example"


def contributor(iso3: str = "KEN") -> str:
    return f"contributor.{iso3.lower()}@envsaq.example"


@dataclass(frozen=True)
class Site:
    """The live server's origin, its open cycle and the questionnaire it serves."""

    url: str
    cycle_id: int
    definition: Definition

    def workspace(self, iso3: str = "KEN", tail: str = "") -> str:
        return f"/states/{iso3}/cycles/{self.cycle_id}/{tail}"

    def section(self, key: str, iso3: str = "KEN") -> str:
        return self.workspace(iso3, f"sections/{key}")
