"""Shared pieces of the command line: one-line errors, never a traceback."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from services import audit
from services.errors import DomainError


class OneLineErrors(AppGroup):
    """A command group whose usage errors are one line (``Error: ...``) with exit code 2, and
    whose services' refusals (:mod:`services.errors`) are one line with exit code 1. What its
    commands change is audited as the operator's (``cli``)."""

    def invoke(self, ctx: click.Context):
        try:
            with audit.acting_as("cli"):
                return super().invoke(ctx)
        except click.UsageError as error:
            raise CommandError(error.format_message(), exit_code=2) from None
        except DomainError as error:
            raise CommandError(str(error)) from None


class CommandError(click.ClickException):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
