"""API endpoints: States, cycles, responses with their workflow state, submissions."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request
from sqlalchemy import Select, func, select

from models import Cycle, Response, State, Submission, db
from questionnaire.access import is_secretariat
from web.api import bp
from web.api.auth import token_required
from web.api.openapi import openapi_document
from web.extensions import csrf
from web.links import external_url

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50


def _page(stmt: Select, serialize) -> dict[str, Any]:
    """``?page=N&per_page=M`` over ``stmt``, with links to the neighbouring pages."""
    page = max(1, request.args.get("page", 1, type=int) or 1)
    per_page = min(MAX_PER_PAGE, max(1, request.args.get("per_page", DEFAULT_PER_PAGE,
                                                         type=int) or DEFAULT_PER_PAGE))
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    args = {**request.view_args, **request.args.to_dict(), "per_page": per_page}
    pages = max(1, -(-total // per_page))
    return {
        "data": [serialize(row) for row in rows],
        "page": page, "per_page": per_page, "total": total, "pages": pages,
        "next": external_url(request.endpoint, **{**args, "page": page + 1})
        if page < pages else None,
        "previous": external_url(request.endpoint, **{**args, "page": page - 1})
        if page > 1 else None,
    }


def _state(state: State) -> dict[str, Any]:
    return {"iso3": state.iso3, "m49": state.m49, "names": state.names,
            "entity_type": state.entity_type.value,
            "regional_group": state.regional_group.value if state.regional_group else None,
            "party_status": state.party_status.value,
            "party_date": state.party_date.isoformat() if state.party_date else None}


@bp.get("/openapi.json")
@token_required(is_secretariat)
def openapi():
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
    if request.args.get("current") == "1":
        stmt = stmt.where(Submission.superseded_at.is_(None))
    if request.args.get("state"):
        stmt = stmt.where(Response.state_iso3 == request.args["state"].upper())

    def serialize(row) -> dict[str, Any]:
        submission, iso3 = row
        return {"id": submission.id, "state": iso3, "number": submission.number,
                "sha256": submission.sha256, "created_at": submission.created_at.isoformat(),
                "accepted_at": submission.accepted_at.isoformat()
                if submission.accepted_at else None,
                "superseded_at": submission.superseded_at.isoformat()
                if submission.superseded_at else None,
                "answer_language": submission.answer_language, "answers": submission.answers}

    return jsonify(_page(stmt, serialize))


csrf.exempt(bp)
