"""Reporting cycles and each invited State's response in a cycle."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_type, utcnow
from models.questionnaire import QuestionnaireVersion
from models.state import State
from models.user import User
from questionnaire.workflow import WorkflowState

__all__ = ["Cycle", "CycleStatus", "Response", "WorkflowState"]


class CycleStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Cycle(db.Model):
    """A reporting round: one published questionnaire version, a deadline, invited States."""

    __tablename__ = "cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_version.id"))
    deadline: Mapped[date]
    #: The day States are invited to start answering (None for cycles opened before it existed).
    opens_on: Mapped[date | None]
    status: Mapped[CycleStatus] = mapped_column(enum_type(CycleStatus, "cycle_status"),
                                                default=CycleStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # The compiled report's masthead, entered by the secretariat. Without a symbol (assigned
    # by conference services) the report is printed as a draft.
    report_symbol: Mapped[str | None] = mapped_column(String(60))
    #: Place of the expert group's meeting, by language ({"en": "Vienna", "fr": "Vienne"}).
    meeting_place: Mapped[dict[str, str] | None] = mapped_column(JSON)
    meeting_start: Mapped[date | None]
    meeting_end: Mapped[date | None]
    agenda_item: Mapped[str | None] = mapped_column(String(10))
    #: Title of the agenda item, by language.
    agenda_title: Mapped[dict[str, str] | None] = mapped_column(JSON)
    #: Language the report is written in first ("Original: English").
    report_original_language: Mapped[str] = mapped_column(String(5), default="en",
                                                          server_default="en")

    questionnaire_version: Mapped[QuestionnaireVersion] = relationship(lazy="joined")


class Response(db.Model):
    """One State's answers in one cycle, with its place in the workflow."""

    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("cycle_id", "state_iso3"),
        CheckConstraint("revision >= 0", name="revision_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id"), index=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("state.iso3"), index=True)
    workflow_state: Mapped[WorkflowState] = mapped_column(
        enum_type(WorkflowState, "workflow_state"), default=WorkflowState.NOT_STARTED)
    #: The language the State answers in (set from the first editor, changeable).
    answer_language: Mapped[str | None] = mapped_column(String(5))
    #: Bumped by every workflow transition: a transition names the revision it starts from,
    #: so that a double click or a second tab cannot apply it twice.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    last_edited_at: Mapped[datetime | None]
    last_edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: When the response started from an earlier cycle's accepted submission.
    carried_from_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", use_alter=True))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cycle: Mapped[Cycle] = relationship(lazy="joined")
    state: Mapped[State] = relationship(lazy="joined")
    last_edited_by: Mapped[User | None] = relationship(foreign_keys=[last_edited_by_id])
