"""Writing to the audit log.

Who acts and from which address comes from the caller: ``web/`` puts a function returning
``(user, address)`` in the session's ``info`` under :data:`AUDIT_CONTEXT` for each request, so
that services record the signed-in user without knowing about requests. Without it (the CLI, the
worker) an event has the actor it is given and no address; the command line marks its events
as the operator's with :func:`acting_as`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Select, func, select

from models import AuditEvent, User, db

#: Key in ``db.session.info``: a callable giving the current ``(user or None, address or None)``.
AUDIT_CONTEXT = "envsaq_audit_context"
AuditContext = Callable[[], tuple[User | None, str | None]]

#: Who acts when an event names no actor and no signed-in user does (``"cli"``).
_OPERATOR: ContextVar[str | None] = ContextVar("envsaq_audit_operator", default=None)

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


@contextmanager
def acting_as(operator: str) -> Iterator[None]:
    """Record the events of this block that have no actor as ``operator``'s."""
    token = _OPERATOR.set(operator)
    try:
        yield
    finally:
        _OPERATOR.reset(token)


def _context() -> tuple[User | None, str | None]:
    context: AuditContext | None = db.session.info.get(AUDIT_CONTEXT)
    return context() if context is not None else (None, None)


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
    current_actor, address = _context()
    if actor is None:
        actor = current_actor
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_email=escape_controls(
            actor_email or (actor.email if actor else "") or _OPERATOR.get() or "") or None,
        state_iso3=state,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        address=address,
        details=_clean(details),
    )
    db.session.add(event)
    return event


def events_matching(action: str = "", actor: str = "", state: str = "") -> Select:
    """Audit events, newest first, whose action starts with ``action``, whose actor's email
    contains ``actor`` and that concern ``state`` (each filter only when given)."""
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action))
    if actor:
        stmt = stmt.where(func.lower(AuditEvent.actor_email).contains(actor.lower()))
    if state:
        stmt = stmt.where(AuditEvent.state_iso3 == state.upper())
    return stmt
