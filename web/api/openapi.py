"""The OpenAPI 3.1 description of the API."""

from __future__ import annotations

from typing import Any

from web.params import MAX_ID

PAGE_PARAMETERS = [
    {"name": "page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
]
CYCLE_PARAMETER = {"name": "cycle_id", "in": "path", "required": True,
                   "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _paged(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["data", "page", "per_page", "total", "pages"],
            "properties": {"data": {"type": "array", "items": item},
                           "page": {"type": "integer"}, "per_page": {"type": "integer"},
                           "total": {"type": "integer"}, "pages": {"type": "integer"},
                           "next": {"type": ["string", "null"], "format": "uri"},
                           "previous": {"type": ["string", "null"], "format": "uri"}}}


def _get(summary: str, schema: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    responses = {
        "200": {"description": "A page of results", "content": {"application/json": {
            "schema": _paged({"$ref": f"#/components/schemas/{schema}"})}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
    }
    if CYCLE_PARAMETER in parameters:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def openapi_document(server_url: str) -> dict[str, Any]:
    nullable_time = {"type": ["string", "null"], "format": "date-time"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "EnvSAQ secretariat API", "version": "1.0.0",
                 "description": "Read-only access to States, cycles, responses and submitted "
                                "snapshots. Authenticate with a personal API token: "
                                "'Authorization: Bearer <token>'."},
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": {
            "/states": _get("States of the registry", "State", PAGE_PARAMETERS),
            "/cycles": _get("Reporting cycles", "Cycle", PAGE_PARAMETERS),
            "/cycles/{cycle_id}/responses": _get(
                "Each invited State's response with its workflow state", "Response",
                [CYCLE_PARAMETER, *PAGE_PARAMETERS]),
            "/cycles/{cycle_id}/submissions": _get(
                "Submitted snapshots with their answers", "Submission",
                [CYCLE_PARAMETER, *PAGE_PARAMETERS,
                 {"name": "current", "in": "query", "description": "1: only snapshots not "
                  "superseded", "schema": {"type": "string", "enum": ["0", "1"]}},
                 {"name": "state", "in": "query", "description": "ISO 3166-1 alpha-3 code",
                  "schema": {"type": "string", "pattern": "^[A-Za-z]{3}$"}}]),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "BadRequest": {"description": "A query argument is unknown, repeated or out "
                               "of range ('detail' says which)", "content": ERROR_CONTENT},
                "Unauthorized": {"description": "No valid token", "content": ERROR_CONTENT},
                "Forbidden": {"description": "The token's owner may not read this",
                              "content": ERROR_CONTENT},
                "NotFound": {"description": "No such cycle", "content": ERROR_CONTENT},
            },
            "schemas": {
                "Error": {"type": "object", "required": ["error", "status"], "properties": {
                    "error": {"type": "string"}, "detail": {"type": "string"},
                    "status": {"type": "integer"}}},
                "State": {"type": "object", "required": ["iso3", "names"], "properties": {
                    "iso3": {"type": "string"}, "m49": {"type": ["string", "null"]},
                    "names": {"type": "object", "additionalProperties": {"type": "string"}},
                    "entity_type": {"type": "string"},
                    "regional_group": {"type": ["string", "null"]},
                    "party_status": {"type": "string",
                                     "enum": ["party", "signatory", "non_party"]},
                    "party_date": {"type": ["string", "null"], "format": "date"}}},
                "Cycle": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"},
                    "status": {"type": "string", "enum": ["open", "closed"]},
                    "deadline": {"type": "string", "format": "date"},
                    "questionnaire": {"type": "object", "properties": {
                        "id": {"type": "string"}, "version": {"type": "string"}}},
                    "created_at": {"type": "string", "format": "date-time"}}},
                "Response": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "state": {"type": "string"},
                    "workflow_state": {"type": "string", "enum": [
                        "not_started", "in_progress", "submitted", "under_review", "returned",
                        "accepted"]},
                    "last_edited_at": nullable_time,
                    "latest_submission": {"type": ["integer", "null"]}}},
                "Submission": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "state": {"type": "string"},
                    "number": {"type": "integer"}, "sha256": {"type": "string"},
                    "created_at": {"type": "string", "format": "date-time"},
                    "accepted_at": nullable_time, "superseded_at": nullable_time,
                    "answer_language": {"type": ["string", "null"]},
                    "answers": {"type": "object", "description": "Question key -> value"}}},
            },
        },
    }
