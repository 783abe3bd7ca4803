"""Domain errors raised by services; ``web/errors.py`` maps each kind to an HTTP status."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the caller can explain to the user; ``status`` is its HTTP equivalent."""

    status = 400


class NotFound(DomainError):
    """The object does not exist, or not where the caller looked for it."""

    status = 404


class Forbidden(DomainError):
    """The user may not do this to this object."""

    status = 403


class Conflict(DomainError):
    """Someone else changed the object first, or it is locked."""

    status = 409
