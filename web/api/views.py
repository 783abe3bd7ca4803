"""API endpoints: States, cycles, responses with their workflow state, submissions."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, jsonify, request
from sqlalchemy import Select, func, select

from models import Cycle, Response, State, Submission, db
from questionnaire.access import is_secretariat
from web.api import bp
from web.api.auth import token_required
from web.api.openapi import openapi_document
from web.extensions import csrf
from web.guard import public
from web.links import external_url
from web.params import MAX_ID, db_int

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50


class BadParameter(Exception):
    """A query argument the API does not accept; answered 400 with the reason."""


#: The query arguments each operation accepts (its OpenAPI parameters); any other is a 400.
PAGE_ARGUMENTS = frozenset({"page", "per_page"})
SUBMISSION_ARGUMENTS = PAGE_ARGUMENTS | {"current", "state"}
STATE_CODE = re.compile(r"[A-Za-z]{3}")


def _one_argument(name: str) -> str | None:
    values = request.args.getlist(name)
    if len(values) > 1:
        raise BadParameter(f"{name} may be given once")
    return values[0] if values else None


def _whole(name: str, default: int, low: int, high: int) -> int:
    text = _one_argument(name)
    if text is None:
        return default
    try:
        number = db_int(text)
    except ValueError:
        number = -1
    if not low <= number <= high:
        raise BadParameter(f"{name} must be a whole number from {low} to {high}")
    return number


def _check_arguments(accepted: frozenset[str]) -> None:
    unknown = sorted(set(request.args) - accepted)
    if unknown:
        raise BadParameter(f"unknown query argument: {', '.join(unknown)}")


def _page(stmt: Select, serialize, *, accepted: frozenset[str] = PAGE_ARGUMENTS
          ) -> dict[str, Any]:
    """``?page=N&per_page=M`` over ``stmt``, with links to the neighbouring pages."""
    _check_arguments(accepted)
    page = _whole("page", 1, 1, MAX_ID)
    per_page = _whole("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    pages = max(1, -(-total // per_page))
    offset = (page - 1) * per_page
    rows = db.session.execute(stmt.limit(per_page).offset(offset)).all() if page <= pages else []
    # Links carry only the accepted arguments, rebuilt from their checked values.
    args = {**request.view_args, **{name: request.args[name] for name in accepted - PAGE_ARGUMENTS
                                    if name in request.args}, "per_page": per_page}
    return {
        "data": [serialize(row) for row in rows],
        "page": page, "per_page": per_page, "total": total, "pages": pages,
        "next": external_url(request.endpoint, **{**args, "page": page + 1})
        if page < pages else None,
        "previous": external_url(request.endpoint, **{**args, "page": min(page - 1, pages)})
        if page > 1 else None,
    }


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
    return jsonify(_page(select(State).order_by(State.iso3), lambda row: _state(row[0])))


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

    return jsonify(_page(select(Cycle).order_by(Cycle.id), serialize))


@bp.get("/cycles/<int:cycle_id>/responses")
@token_required(is_secretariat)
def responses(cycle_id: int):
    db.session.get(Cycle, cycle_id) or abort(404)
    latest = (select(Submission.response_id, func.max(Submission.number).label("number"))
              .group_by(Submission.response_id).subquery())
    stmt = (select(Response.id, Response.state_iso3, Response.workflow_state,
                   Response.last_edited_at, latest.c.number)
            .outerjoin(latest, latest.c.response_id == Response.id)
            .where(Response.cycle_id == cycle_id).order_by(Response.state_iso3))

    def serialize(row) -> dict[str, Any]:
        return {"id": row.id, "state": row.state_iso3, "workflow_state": row.workflow_state.value,
                "last_edited_at": row.last_edited_at.isoformat() if row.last_edited_at else None,
                "latest_submission": row.number}

    return jsonify(_page(stmt, serialize))


@bp.get("/cycles/<int:cycle_id>/submissions")
@token_required(is_secretariat)
def submissions(cycle_id: int):
    db.session.get(Cycle, cycle_id) or abort(404)
    stmt = (select(Submission, Response.state_iso3)
            .join(Response, Submission.response_id == Response.id)
            .where(Response.cycle_id == cycle_id).order_by(Response.state_iso3,
                                                            Submission.number))
    _check_arguments(SUBMISSION_ARGUMENTS)
    current = _one_argument("current")
    if current not in (None, "0", "1"):
        raise BadParameter("current must be 0 or 1")
    if current == "1":
        stmt = stmt.where(Submission.superseded_at.is_(None))
    state = _one_argument("state")
    if state is not None:
        if not STATE_CODE.fullmatch(state):
            raise BadParameter("state must be a three-letter ISO 3166-1 code")
        stmt = stmt.where(Response.state_iso3 == state.upper())

    def serialize(row) -> dict[str, Any]:
        submission, iso3 = row
        return {"id": submission.id, "state": iso3, "number": submission.number,
                "sha256": submission.sha256, "created_at": submission.created_at.isoformat(),
                "accepted_at": submission.accepted_at.isoformat()
                if submission.accepted_at else None,
                "superseded_at": submission.superseded_at.isoformat()
                if submission.superseded_at else None,
                "answer_language": submission.answer_language, "answers": submission.answers}

    return jsonify(_page(stmt, serialize, accepted=SUBMISSION_ARGUMENTS))


csrf.exempt(bp)
