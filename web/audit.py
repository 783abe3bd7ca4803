"""Writing to the audit log."""

from __future__ import annotations

import re
from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from models import AuditEvent, User, db

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """Make control characters visible (``\\x0a``) so that user text cannot forge log lines."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return escape_controls(value)
    if isinstance(value, dict):
        return {escape_controls(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def client_address() -> str | None:
    return request.remote_addr if has_request_context() else None


def record(
    action: str,
    *,
    actor: User | None = None,
    actor_email: str | None = None,
    state: str | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event to the current transaction (committed with the request)."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_email=escape_controls(actor_email or (actor.email if actor else "") or "") or None,
        state_iso3=state,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        address=client_address(),
        details=_clean(details),
    )
    db.session.add(event)
    return event
