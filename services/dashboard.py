"""The monitoring dashboard's rows: one per invited State, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from exports.tabular import to_csv
from models import (
    Answer,
    AuditEvent,
    CommentThread,
    Cycle,
    Membership,
    Response,
    Role,
    State,
    Submission,
    User,
    WorkflowState,
    db,
    utcnow,
)
from questionnaire.definition import Definition
from questionnaire.expressions import is_empty
from questionnaire.l10n import sort_key
from services import audit
from services.notify import notify
from services.secretariat import cycle_definition

NOT_SUBMITTED = frozenset({WorkflowState.NOT_STARTED, WorkflowState.IN_PROGRESS,
                           WorkflowState.RETURNED})
REMINDER_INTERVAL = timedelta(days=1)


@dataclass(frozen=True)
class DashboardRow:
    response_id: int
    iso3: str
    name: str
    group: str | None
    party_status: str
    workflow_state: WorkflowState
    answered: int
    """Questions that hold a valid answer, of the ``relevant`` ones: filling progress for the
    secretariat's follow-up, shown as counts. Never a percentage (issue #13: no percentage per
    named State anywhere) and never in a report for the expert group."""
    relevant: int
    last_activity: datetime | None
    submitted_at: datetime | None
    open_comments: int


@dataclass(frozen=True)
class Filters:
    group: str = ""
    workflow_state: str = ""
    party_status: str = ""

    def admits(self, row: DashboardRow) -> bool:
        return ((not self.group or (row.group or "none") == self.group)
                and (not self.workflow_state or row.workflow_state.value == self.workflow_state)
                and (not self.party_status or row.party_status == self.party_status))


def completion(definition: Definition, values: dict) -> tuple[int, int]:
    """(questions holding a valid answer, questions relevant to these answers): counts only."""
    relevant = definition.relevant_keys(values)
    return sum(1 for key in relevant if key in values), len(relevant)


def dashboard_rows(cycle: Cycle, lang: str) -> list[DashboardRow]:
    definition = cycle_definition(cycle)
    responses = db.session.execute(
        select(Response.id, Response.workflow_state, Response.last_edited_at, State)
        .join(State, Response.state_iso3 == State.iso3)
        .where(Response.cycle_id == cycle.id)).all()
    values: dict[int, dict] = {}
    for response_id, key, value in db.session.execute(
            select(Answer.response_id, Answer.question_key, Answer.value)
            .join(Response, Answer.response_id == Response.id)
            .where(Response.cycle_id == cycle.id, Answer.is_valid.is_(True))):
        if not is_empty(value) and definition.has_question(key):
            values.setdefault(response_id, {})[key] = value
    submitted = dict(db.session.execute(
        select(Submission.response_id, func.max(Submission.created_at))
        .join(Response, Submission.response_id == Response.id)
        .where(Response.cycle_id == cycle.id).group_by(Submission.response_id)).all())
    comments = dict(db.session.execute(
        select(CommentThread.response_id, func.count(CommentThread.id))
        .join(Response, CommentThread.response_id == Response.id)
        .where(Response.cycle_id == cycle.id, CommentThread.resolved_at.is_(None))
        .group_by(CommentThread.response_id)).all())
    filled = {response_id: completion(definition, values.get(response_id, {}))
              for response_id, *_rest in responses}
    rows = [
        DashboardRow(
            response_id=response_id, iso3=state.iso3, name=state.name(lang),
            group=state.regional_group.value if state.regional_group else None,
            party_status=state.party_status.value, workflow_state=workflow_state,
            answered=filled[response_id][0], relevant=filled[response_id][1],
            last_activity=last_edited, submitted_at=submitted.get(response_id),
            open_comments=comments.get(response_id, 0))
        for response_id, workflow_state, last_edited, state in responses
    ]
    return sorted(rows, key=lambda row: sort_key(row.name, lang))


def group_counts(rows: Iterable[DashboardRow]) -> dict[str, Counter]:
    """Regional group -> number of States per workflow state (and 'total')."""
    counts: dict[str, Counter] = {}
    for row in rows:
        counter = counts.setdefault(row.group or "none", Counter())
        counter[row.workflow_state.value] += 1
        counter["total"] += 1
    return counts


CSV_COLUMNS = ("iso3", "state", "regional_group", "party_status", "workflow_state",
               "questions_answered", "questions_relevant", "last_activity", "submitted_at",
               "open_comments")


def dashboard_csv(rows: Iterable[DashboardRow]) -> bytes:
    """The dashboard as CSV, written like every other export (``exports.tabular.to_csv``)."""
    return to_csv(CSV_COLUMNS, ([
        row.iso3, row.name, row.group or "", row.party_status, row.workflow_state.value,
        row.answered, row.relevant,
        row.last_activity.isoformat() if row.last_activity else "",
        row.submitted_at.isoformat() if row.submitted_at else "", row.open_comments]
        for row in rows))


@dataclass(frozen=True)
class ReminderResult:
    sent: list[str]
    skipped_recent: list[str]
    without_focal_point: list[str]


@dataclass(frozen=True)
class ReminderPlan:
    """Who a reminder would reach now: shown for confirmation, then sent as planned."""

    recipients: dict[str, list[tuple[User, State]]]
    """State (ISO3) -> its active focal points, for States due a reminder."""
    skipped_recent: list[str]
    without_focal_point: list[str]


def plan_reminders(cycle: Cycle, rows: Iterable[DashboardRow]) -> ReminderPlan:
    """States that have not submitted, were not reminded in the last day, and have a focal
    point to mail."""
    pending = {row.iso3: row for row in rows if row.workflow_state in NOT_SUBMITTED}
    since = utcnow() - REMINDER_INTERVAL
    recent = set(db.session.scalars(
        select(AuditEvent.state_iso3).where(
            AuditEvent.action == "reminder.sent", AuditEvent.occurred_at >= since,
            AuditEvent.object_type == "cycle", AuditEvent.object_id == str(cycle.id),
            AuditEvent.state_iso3.in_(list(pending)))))
    due = [iso3 for iso3 in pending if iso3 not in recent]
    focal: dict[str, list[tuple[User, State]]] = {}
    for user, state in db.session.execute(
            select(User, State).join(Membership, Membership.user_id == User.id)
            .join(State, State.iso3 == Membership.state_iso3)
            .where(Membership.role == Role.FOCAL_POINT, Membership.state_iso3.in_(due),
                   User.active.is_(True))):
        focal.setdefault(state.iso3, []).append((user, state))
    return ReminderPlan(
        recipients={iso3: focal[iso3] for iso3 in sorted(due) if iso3 in focal},
        skipped_recent=sorted(iso3 for iso3 in recent if iso3),
        without_focal_point=sorted(iso3 for iso3 in due if iso3 not in focal))


def send_reminders(cycle: Cycle, rows: Iterable[DashboardRow], actor: User,
                   link_for: Callable[[str], str]) -> ReminderResult:
    """Mail the focal points of States that have not submitted; once a day per State at most.
    ``link_for(iso3)`` is the address of that State's questionnaire in the cycle (built from
    the configured base URL by the caller); a passed deadline is worded as overdue."""
    plan = plan_reminders(cycle, rows)
    today = utcnow().date()
    overdue_days = max((today - cycle.deadline).days, 0)
    for iso3, users in plan.recipients.items():
        for user, state in users:  # the State named in the recipient's language
            notify(user.email, "reminder", user.locale, cycle=cycle.name,
                   deadline=cycle.deadline, overdue_days=overdue_days, link=link_for(iso3),
                   state=state.name(user.locale),
                   dedupe_key=f"reminder:{cycle.id}:{iso3}:{user.id}:{today.isoformat()}")
        audit.record("reminder.sent", actor=actor, state=iso3, object_type="cycle",
                     object_id=cycle.id, recipients=len(users))
    return ReminderResult(list(plan.recipients), plan.skipped_recent, plan.without_focal_point)
