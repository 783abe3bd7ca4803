"""Published questionnaire versions: their questions are immutable once stored.

Only the gap rules of a stored version may change (they are the analysis of the answers, not
what States answered): see `questionnaire.fingerprint` and docs/questionnaire-format.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint, event, inspect, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow
from questionnaire.fingerprint import questions_fingerprint


class QuestionnaireVersion(db.Model):
    __tablename__ = "questionnaire_version"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    #: The definition file as published (YAML); the single source of its content. Half a
    #: megabyte and more: loaded only when read (``services.definitions.definition_of`` parses
    #: it once per process), not with every cycle and response that joins its version.
    source: Mapped[str] = mapped_column(Text, deferred=True)
    #: SHA-256 of ``source``.
    content_hash: Mapped[str] = mapped_column(String(64))
    title_en: Mapped[str] = mapped_column(String(500))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def label(self) -> str:
        return f"{self.questionnaire_id} v{self.version}"


RULES_ONLY_COLUMNS = frozenset({"source", "content_hash"})


@event.listens_for(QuestionnaireVersion, "before_update")
def _immutable(mapper, connection, target) -> None:
    """Refuse any change but a new source whose questions are the same (new gap rules)."""
    state = inspect(target)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if changed <= RULES_ONLY_COLUMNS:
        table = QuestionnaireVersion.__table__
        stored = connection.execute(
            select(table.c.source).where(table.c.id == target.id)).scalar_one()
        if questions_fingerprint(stored) == questions_fingerprint(target.source):
            return
    raise RuntimeError("the questions of a published questionnaire version are immutable")
