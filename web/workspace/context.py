"""Loading a response for a request: 404 when absent, 403 when not allowed, then the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import abort
from flask_login import current_user
from sqlalchemy import delete, select

from models import Presence, Response, User, db, utcnow
from questionnaire import access
from questionnaire.definition import Definition, Section
from questionnaire.workflow import Capacity, is_editable
from services.definitions import definition_of
from services.workflow import capacities_for
from web.guard import ensure

PRESENCE_SECONDS = 120


@dataclass
class Workspace:
    response: Response
    definition: Definition
    user: User
    capacities: set[Capacity]
    editable: set[str]

    @property
    def iso3(self) -> str:
        return self.response.state_iso3

    @property
    def is_open_for_edits(self) -> bool:
        return is_editable(self.response.workflow_state)

    def can_edit(self, section: Section) -> bool:
        return self.is_open_for_edits and section.key in self.editable

    def section_or_404(self, key: str) -> Section:
        for section in self.definition.sections:
            if section.key == key:
                return section
        abort(404)


def load_workspace(iso3: str, cycle_id: int) -> Workspace:
    iso3 = iso3.upper()
    response = db.session.scalar(
        select(Response).where(Response.state_iso3 == iso3, Response.cycle_id == cycle_id))
    if response is None:
        abort(404)
    user: User = current_user._get_current_object()
    ensure(access.can_read_state(user, iso3))
    definition = definition_of(response.cycle.questionnaire_version)
    keys = [s.key for s in definition.sections]
    return Workspace(response=response, definition=definition, user=user,
                     capacities=capacities_for(user, response, keys),
                     editable=access.editable_sections(user, iso3, keys))


def touch_presence(workspace: Workspace, section_key: str) -> None:
    """Show the user to the section's other editors ("Also editing this section"). Only those
    who may change the section appear: an observer or the secretariat reading it does not."""
    if section_key not in workspace.editable:
        return
    now = utcnow()
    presence = db.session.get(Presence, (workspace.user.id, workspace.response.id, section_key))
    if presence is None:
        db.session.add(Presence(user_id=workspace.user.id, response_id=workspace.response.id,
                                section_key=section_key, seen_at=now))
    else:
        presence.seen_at = now


def others_present(workspace: Workspace, section_key: str) -> list[str]:
    since = utcnow() - timedelta(seconds=PRESENCE_SECONDS)
    rows = db.session.scalars(select(Presence).where(
        Presence.response_id == workspace.response.id, Presence.section_key == section_key,
        Presence.user_id != workspace.user.id, Presence.seen_at > since))
    return sorted({p.user.name or p.user.email for p in rows})


def leave_presence(workspace: Workspace, section_key: str) -> None:
    db.session.execute(delete(Presence).where(
        Presence.user_id == workspace.user.id, Presence.response_id == workspace.response.id,
        Presence.section_key == section_key))
