"""The registry of States and organizations that report."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import JSON, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, enum_type


class EntityType(enum.StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    NON_MEMBER_PARTY = "non_member_party"
    REGIONAL_ORGANIZATION = "regional_organization"


class RegionalGroup(enum.StrEnum):
    AFRICAN = "african"
    ASIA_PACIFIC = "asia_pacific"
    EASTERN_EUROPEAN = "eastern_european"
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean"
    WESTERN_EUROPEAN_OTHER = "western_european_other"


class PartyStatus(enum.StrEnum):
    PARTY = "party"
    SIGNATORY = "signatory"
    NON_PARTY = "non_party"


class State(db.Model):
    """A reporting entity: a Member State, an observer State, a non-member party or the EU."""

    __tablename__ = "state"
    __table_args__ = (
        CheckConstraint("length(iso3) = 3", name="iso3_length"),
        CheckConstraint(
            "(party_status = 'party') OR (party_date IS NULL)", name="party_date_only_for_parties"
        ),
    )

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    #: UN M49 numeric code, three digits; none for the European Union.
    m49: Mapped[str | None] = mapped_column(String(3), unique=True)
    entity_type: Mapped[EntityType] = mapped_column(enum_type(EntityType, "entity_type"))
    regional_group: Mapped[RegionalGroup | None] = mapped_column(
        enum_type(RegionalGroup, "regional_group"), index=True
    )
    #: Further groups the State takes part in (e.g. Türkiye), as a list of group codes.
    other_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    party_status: Mapped[PartyStatus] = mapped_column(enum_type(PartyStatus, "party_status"))
    #: Date of ratification, accession, approval or acceptance of the Convention.
    party_date: Mapped[date | None]
    #: UN short name per language code (ar, zh, en, es, fr, ru).
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(String(500))

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def __repr__(self) -> str:
        return f"<State {self.iso3}>"
