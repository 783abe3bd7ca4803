"""Translated names for the application's fixed vocabularies (roles, groups, statuses)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from models import JobStatus, PartyStatus, RegionalGroup, Role, TokenEnd, WorkflowState

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

WORKFLOW_LABELS = {
    WorkflowState.NOT_STARTED: _l("Not started"),
    WorkflowState.IN_PROGRESS: _l("In progress"),
    # "Submitted" is also a date column: the context keeps the two apart (UX review m1).
    WorkflowState.SUBMITTED: lazy_pgettext("workflow state", "Submitted"),
    WorkflowState.UNDER_REVIEW: _l("Under review"),
    WorkflowState.RETURNED: _l("Returned for changes"),
    WorkflowState.ACCEPTED: _l("Accepted"),
}

SECTION_STATUS_LABELS = {
    "not_started": _l("Not started"),
    "in_progress": _l("In progress"),
    "complete": _l("Required answers given"),
    "has_errors": _l("Has errors"),
}

ACTION_LABELS = {
    "submit": _l("Certify and submit"),
    "recall": _l("Recall the submission"),
    "start_review": _l("Start the review"),
    "accept": _l("Accept"),
    "return": _l("Return to the State"),
}


#: How an answer changed, as the history page names it (unknown sources show as "Other").
CHANGE_SOURCE_LABELS = {
    "form": _l("Saved with the form"),
    "autosave": _l("Saved automatically while typing"),
    "conflict_resolution": _l("Chosen after a conflict"),
    "import": _l("Imported from a file"),
    "carry_forward": _l("Carried over from an earlier cycle"),
    "demo": _l("Demonstration data"),
}


def change_source_label(source: str) -> str:
    return str(CHANGE_SOURCE_LABELS.get(source, _l("Other")))


def workflow_label(state: WorkflowState | str) -> str:
    return str(WORKFLOW_LABELS[WorkflowState(state)])


def section_status_label(status: str) -> str:
    return str(SECTION_STATUS_LABELS[str(status)])


#: Report builds still going; a finished one shows its download, a failed one its reason.
JOB_STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting to start"),
    JobStatus.RUNNING: _l("Being built"),
}


def job_status_label(status: JobStatus | str) -> str:
    label = JOB_STATUS_LABELS.get(JobStatus(status))
    return str(label) if label else ""


def action_label(action: str) -> str:
    return str(ACTION_LABELS[str(action)])


def retry_refusal_text(blocker: tuple[str, int]) -> str:
    """Why a job cannot be started again yet (``ReportJob.retry_blocker``), for its page."""
    from flask_babel import gettext

    from models.report import LEASE, STALLED_AFTER

    reason, seconds = blocker
    if reason == "done":
        return gettext("This build is finished: there is nothing to start again.")
    if reason == "running":
        return gettext(
            "This build is still running: its worker showed life %(seconds)s seconds ago. "
            "It can be started again only once %(lease)s seconds pass without a sign of life.",
            seconds=seconds, lease=int(LEASE.total_seconds()))
    return gettext(
        "This build is waiting for a worker. It can be started again if it is still waiting "
        "after %(minutes)s minutes.", minutes=int(STALLED_AFTER.total_seconds() // 60))


#: Why an invitation ended before it was accepted, as the administration page says it.
INVITATION_END_LABELS = {
    TokenEnd.WITHDRAWN: _l("Withdrawn"),
    TokenEnd.INVITER_LOST_RIGHT: _l("Ended: the inviter may no longer invite"),
    TokenEnd.INVITEE_DEACTIVATED: _l("Ended: the account is deactivated"),
    TokenEnd.SUPERSEDED: _l("Ended"),
}


def invitation_end_label(reason: TokenEnd | str) -> str:
    return str(INVITATION_END_LABELS[TokenEnd(reason)])
