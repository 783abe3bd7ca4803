"""What the report is built from: States, their snapshots, the secretariat's options."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from questionnaire import LANGUAGES

NO_GROUP = "none"
GROUP_ORDER = ("african", "asia_pacific", "eastern_european", "latin_american_caribbean",
               "western_european_other", NO_GROUP)
PARTY_ORDER = ("party", "signatory", "non_party")
SYMBOL_RE = re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.\-]+)+")
"""A UN document symbol: CTOC/COP/WG.12/2027/2."""
PLACEHOLDER_RE = re.compile(r"(?:^|[/.])[xXnN](?:$|/)")
"""The pieces of a made-up symbol ("CTOC/COP/WG.x/2026/n"): never printed as if real."""


def group_rank(group: str | None) -> int:
    code = group or NO_GROUP
    return GROUP_ORDER.index(code) if code in GROUP_ORDER else len(GROUP_ORDER)


@dataclass(frozen=True)
class StateEntry:
    """A State of the registry as the report needs it."""

    iso3: str
    names: Mapping[str, str]
    group: str | None
    party_status: str
    entity_type: str = "member"

    @property
    def measured(self) -> bool:
        """Parties are measured against the Convention; a non-party's answers are information,
        and so are the European Union's (as on the secretariat's findings page)."""
        return self.party_status == "party" and self.entity_type != "regional_organization"

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.iso3


@dataclass(frozen=True)
class SnapshotEntry:
    """The snapshot of one responding State used in the report."""

    iso3: str
    number: int
    sha256: str
    submitted_at: datetime
    accepted: bool
    answers: Mapping[str, Any]
    language: str | None = None
    """The language the State answered in (quoted answers are marked with it)."""


@dataclass(frozen=True)
class ReportOptions:
    """The secretariat's choices for one build; the meeting fields come from the cycle.

    Without a ``symbol`` the document is a draft: no placeholder symbol is ever printed.
    """

    lang: str = "en"
    anonymous: bool = False
    symbol: str | None = None
    issued: date | None = None
    cutoff: datetime | None = None
    cycle_name: str = ""
    original_language: str = "en"
    accepted_only: bool = False
    meeting_place: str = ""
    meeting_start: date | None = None
    meeting_end: date | None = None
    agenda_item: str = ""
    agenda_title: str = ""

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unsupported language {self.lang!r}")
        if self.original_language not in LANGUAGES:
            raise ValueError(f"unsupported language {self.original_language!r}")

    def front(self) -> dict[str, Any]:
        """The front page's own data (plain JSON)."""
        return {
            "symbol": self.symbol or None,
            "draft": not self.symbol,
            "issued": (self.issued or date.today()).isoformat(),
            "original_language": self.original_language,
            "cycle_name": self.cycle_name,
            "meeting": {"place": self.meeting_place,
                        "start": self.meeting_start.isoformat() if self.meeting_start else None,
                        "end": self.meeting_end.isoformat() if self.meeting_end else None}
            if self.meeting_place or self.meeting_start else None,
            "agenda": {"item": self.agenda_item, "title": self.agenda_title}
            if self.agenda_item else None,
        }


@dataclass
class Numbering:
    """Hands out the document's paragraph numbers in reading order."""

    last: int = 0

    def next(self) -> int:
        self.last += 1
        return self.last
