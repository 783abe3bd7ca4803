"""Translated names for the application's fixed vocabularies (roles, groups, statuses)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models import PartyStatus, RegionalGroup, Role

ROLE_LABELS = {
    Role.SECRETARIAT_ADMIN: _l("Secretariat administrator"),
    Role.SECRETARIAT_REVIEWER: _l("Secretariat reviewer"),
    Role.FOCAL_POINT: _l("National focal point"),
    Role.CONTRIBUTOR: _l("Contributor"),
    Role.OBSERVER: _l("Observer"),
}

GROUP_LABELS = {
    RegionalGroup.AFRICAN: _l("African States"),
    RegionalGroup.ASIA_PACIFIC: _l("Asia-Pacific States"),
    RegionalGroup.EASTERN_EUROPEAN: _l("Eastern European States"),
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: _l("Latin American and Caribbean States"),
    RegionalGroup.WESTERN_EUROPEAN_OTHER: _l("Western European and other States"),
}

PARTY_LABELS = {
    PartyStatus.PARTY: _l("Party to the Convention"),
    PartyStatus.SIGNATORY: _l("Signatory"),
    PartyStatus.NON_PARTY: _l("Not a party"),
}


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role)])


def group_label(group: RegionalGroup | str | None) -> str:
    return str(GROUP_LABELS[RegionalGroup(group)]) if group else str(_l("No regional group"))


def party_label(status: PartyStatus | str) -> str:
    return str(PARTY_LABELS[PartyStatus(status)])
