"""API endpoints: States, cycles, responses with their workflow state, submissions."""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify

from models import State
from questionnaire.access import is_secretariat
from services import api_data
from services.cycles import get_cycle
from web.api import bp
from web.api.auth import token_required
from web.api.openapi import openapi_document
from web.api.paging import (
    PAGE_ARGUMENTS,
    BadParameter,
    check_arguments,
    one_argument,
    page_of,
)
from web.extensions import csrf
from web.guard import public
from web.links import external_url

#: The query arguments the submissions operation accepts (its OpenAPI parameters).
SUBMISSION_ARGUMENTS = PAGE_ARGUMENTS | {"current", "state"}
STATE_CODE = re.compile(r"[A-Za-z]{3}")


@bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter):
    return jsonify(error="invalid_parameter", detail=str(error), status=400), 400


def _state(state: State) -> dict[str, Any]:
    return {"iso3": state.iso3, "m49": state.m49, "names": state.names,
            "entity_type": state.entity_type.value,
            "regional_group": state.regional_group.value if state.regional_group else None,
            "party_status": state.party_status.value,
            "party_date": state.party_date.isoformat() if state.party_date else None}


@bp.get("/openapi.json")
@public
def openapi():
    """The API's description is public: clients and tools read it before they have a token."""
    return jsonify(openapi_document(external_url("api.states").rsplit("/", 1)[0]))


@bp.get("/states")
@token_required(is_secretariat)
def states():
    return jsonify(page_of(api_data.states(), lambda row: _state(row[0])))


@bp.get("/cycles")
@token_required(is_secretariat)
def cycles():
    def serialize(row) -> dict[str, Any]:
        cycle = row[0]
        return {"id": cycle.id, "name": cycle.name, "status": cycle.status.value,
                "deadline": cycle.deadline.isoformat(),
                "questionnaire": {"id": cycle.questionnaire_version.questionnaire_id,
                                  "version": cycle.questionnaire_version.version},
                "created_at": cycle.created_at.isoformat()}

    return jsonify(page_of(api_data.cycles(), serialize))


@bp.get("/cycles/<int:cycle_id>/responses")
@token_required(is_secretariat)
def responses(cycle_id: int):
    get_cycle(cycle_id)  # NotFound: a 404

    def serialize(row) -> dict[str, Any]:
        return {"id": row.id, "state": row.state_iso3, "workflow_state": row.workflow_state.value,
                "last_edited_at": row.last_edited_at.isoformat() if row.last_edited_at else None,
                "latest_submission": row.number}

    return jsonify(page_of(api_data.responses(cycle_id), serialize))


@bp.get("/cycles/<int:cycle_id>/submissions")
@token_required(is_secretariat)
def submissions(cycle_id: int):
    get_cycle(cycle_id)  # NotFound: a 404
    check_arguments(SUBMISSION_ARGUMENTS)
    current = one_argument("current")
    if current not in (None, "0", "1"):
        raise BadParameter("current must be 0 or 1")
    state = one_argument("state")
    if state is not None and not STATE_CODE.fullmatch(state):
        raise BadParameter("state must be a three-letter ISO 3166-1 code")
    stmt = api_data.submissions(cycle_id, current_only=current == "1", iso3=state)

    def serialize(row) -> dict[str, Any]:
        submission, iso3 = row
        return {"id": submission.id, "state": iso3, "number": submission.number,
                "sha256": submission.sha256, "created_at": submission.created_at.isoformat(),
                "accepted_at": submission.accepted_at.isoformat()
                if submission.accepted_at else None,
                "superseded_at": submission.superseded_at.isoformat()
                if submission.superseded_at else None,
                "answer_language": submission.answer_language, "answers": submission.answers}

    return jsonify(page_of(stmt, serialize, accepted=SUBMISSION_ARGUMENTS))


csrf.exempt(bp)
