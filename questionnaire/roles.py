"""The roles a person holds: for the secretariat as a whole, or for one State."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    SECRETARIAT_ADMIN = "secretariat-admin"
    SECRETARIAT_REVIEWER = "secretariat-reviewer"
    FOCAL_POINT = "focal-point"
    CONTRIBUTOR = "contributor"
    OBSERVER = "observer"

    @property
    def is_secretariat(self) -> bool:
        return self in SECRETARIAT_ROLES


SECRETARIAT_ROLES = frozenset({Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_REVIEWER})
STATE_ROLES = frozenset({Role.FOCAL_POINT, Role.CONTRIBUTOR, Role.OBSERVER})
