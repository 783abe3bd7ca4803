"""``flask responses``: export a State's answers to a file, import a filled file."""

from __future__ import annotations

from pathlib import Path

import click

from models import db
from questionnaire.fields.base import field_type_for, node_text
from services.registry import get_state
from web.cli.base import CommandError, OneLineErrors
from web.questionnaires.store import definition_of
from web.workspace.cycles import current_response
from web.workspace.transfer import (
    FORMATS,
    MAX_IMPORT_BYTES,
    UnknownFormat,
    apply_import,
    export_json,
    export_xlsx,
    format_of,
    parse_import,
    plan_import,
)

responses_group = OneLineErrors("responses", help="States' answers: export and import.")


def _response_of(iso3: str):
    state = get_state(iso3)
    if state is None:
        raise CommandError(f"unknown State code {iso3!r}")
    response = current_response(state.iso3)
    if response is None:
        raise CommandError(f"{state.iso3} has no response in an open cycle")
    return response


@responses_group.command("export")
@click.option("--state", "iso3", required=True, help="ISO3 code, e.g. KEN")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--lang", default="en", type=click.Choice(("ar", "zh", "en", "es", "fr", "ru")),
              help="language of the workbook's labels (xlsx only)")
def export_command(iso3: str, fmt: str, out: Path, lang: str) -> None:
    """Write the State's current answers in the open cycle to a file."""
    response = _response_of(iso3)
    definition = definition_of(response.cycle.questionnaire_version)
    data = (export_json(response, definition) if fmt == "json"
            else export_xlsx(response, definition, lang))
    try:
        out.write_bytes(data)
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror}") from None
    click.echo(f"Wrote {out} ({response.state_iso3}, {response.cycle.name}, {fmt})")


@responses_group.command("import")
@click.option("--state", "iso3", required=True, help="ISO3 code, e.g. KEN")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="show the changes; save nothing")
def import_command(iso3: str, path: Path, dry_run: bool) -> None:
    """Import a JSON or XLSX file into the State's draft in the open cycle.

    Any problem (unknown key, wrong value, locked response...) refuses the whole file.
    """
    response = _response_of(iso3)
    definition = definition_of(response.cycle.questionnaire_version)
    try:
        format_of(path.name)
    except UnknownFormat:
        raise CommandError(f"{path.name}: the file must end in .json or .xlsx") from None
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    plan = plan_import(response, definition, parse_import(path.name, data, definition))
    if not plan.ok:
        for problem in plan.problems:
            where = f"{problem.where}: " if problem.where else ""
            click.echo(f"{where}{problem.text()}".replace("\n", " "), err=True)
        db.session.rollback()
        raise CommandError(f"{len(plan.problems)} problem(s) in {path.name}: nothing was imported")
    for change in plan.changes:
        field_type = field_type_for(definition.question(change.key))
        before = node_text(field_type.display(change.current, "en")) or "(empty)"
        after = node_text(field_type.display(change.new, "en")) or "(empty)"
        click.echo(f"{change.key}: {_short(before)} -> {_short(after)}")
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {len(plan.changes)} change(s) would be imported; nothing was saved.")
        return
    result = apply_import(response, definition, plan.as_changes(), None, filename=path.name)
    if result.conflicts:  # only if someone saved between the plan and now
        db.session.rollback()
        raise CommandError("answers changed while importing: nothing was imported; try again")
    db.session.commit()
    click.echo(f"Imported {len(plan.changes)} change(s) into {response.state_iso3}, "
               f"{response.cycle.name}.")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
