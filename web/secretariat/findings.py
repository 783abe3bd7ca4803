"""A cycle's submitted answers as findings by provision (questionnaire.analysis), no State named."""

from __future__ import annotations

from models import Cycle, State
from models.state import EntityType, PartyStatus
from questionnaire.analysis import Findings, Respondent, analyse
from services.secretariat import cycle_definition, snapshots


def is_measured(state: State) -> bool:
    """Parties are measured against the Convention; a non-party's answers are information, and
    so are the European Union's (its declared competence is not recorded per provision)."""
    return (state.party_status is PartyStatus.PARTY
            and state.entity_type is not EntityType.REGIONAL_ORGANIZATION)


def cycle_findings(cycle: Cycle, *, accepted_only: bool = False) -> Findings:
    """Findings from each responding State's latest (accepted) snapshot in ``cycle``."""
    return analyse(cycle_definition(cycle), [
        Respondent(item.answers, is_measured(item.state))
        for item in snapshots(cycle, accepted_only=accepted_only)
    ])
