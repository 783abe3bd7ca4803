"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from models.answer import Answer, AnswerChange
from models.attachment import Attachment
from models.audit import AuditEvent
from models.base import Base, db, utcnow
from models.comment import Comment, CommentThread
from models.cycle import Cycle, CycleStatus, Response, WorkflowState
from models.outbox import OutboxMessage, OutboxStatus
from models.presence import Presence
from models.questionnaire import QuestionnaireVersion
from models.report import ApiToken, JobKind, JobStatus, ReportJob
from models.session import UserSession
from models.state import EntityType, PartyStatus, RegionalGroup, State
from models.submission import Submission
from models.throttle import SignInFailure
from models.token import AccountToken, TokenEnd, TokenPurpose
from models.user import SECRETARIAT_ROLES, STATE_ROLES, Membership, RecoveryCode, Role, User

__all__ = [
    "SECRETARIAT_ROLES",
    "STATE_ROLES",
    "AccountToken",
    "Answer",
    "AnswerChange",
    "ApiToken",
    "Attachment",
    "AuditEvent",
    "Base",
    "Comment",
    "CommentThread",
    "Cycle",
    "CycleStatus",
    "EntityType",
    "JobKind",
    "JobStatus",
    "Membership",
    "OutboxMessage",
    "OutboxStatus",
    "PartyStatus",
    "Presence",
    "QuestionnaireVersion",
    "RecoveryCode",
    "RegionalGroup",
    "ReportJob",
    "Response",
    "Role",
    "SignInFailure",
    "State",
    "Submission",
    "TokenEnd",
    "TokenPurpose",
    "User",
    "UserSession",
    "WorkflowState",
    "db",
    "utcnow",
]
