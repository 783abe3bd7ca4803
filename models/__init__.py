"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from models.audit import AuditEvent
from models.base import Base, db, utcnow
from models.state import EntityType, PartyStatus, RegionalGroup, State
from models.throttle import SignInFailure
from models.token import AccountToken, TokenPurpose
from models.user import SECRETARIAT_ROLES, STATE_ROLES, Membership, RecoveryCode, Role, User

__all__ = [
    "SECRETARIAT_ROLES",
    "STATE_ROLES",
    "AccountToken",
    "AuditEvent",
    "Base",
    "EntityType",
    "Membership",
    "PartyStatus",
    "RecoveryCode",
    "RegionalGroup",
    "Role",
    "SignInFailure",
    "State",
    "TokenPurpose",
    "User",
    "db",
    "utcnow",
]
