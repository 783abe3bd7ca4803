"""``flask responses``: export a State's answers to a file, import a filled file."""

from __future__ import annotations

from pathlib import Path

import click

from models import db
from questionnaire.definition import Definition
from questionnaire.fields.base import field_type_for, node_text
from services.cycles import current_response
from services.definitions import definition_of
from services.import_mapping import VersionedImport, read_for
from services.registry import get_state
from services.transfer import (
    FORMATS,
    MAX_IMPORT_BYTES,
    UnknownFormat,
    apply_import,
    export_json,
    export_xlsx,
    format_of,
    plan_import,
)
from web.cli.base import CommandError, OneLineErrors

responses_group = OneLineErrors("responses", help="States' answers: export and import.")


CYCLE_OPTION = click.option("--cycle", "cycle_id", type=int, default=None,
                            help="cycle id (default: the State's newest open cycle)")


def _response_of(iso3: str, cycle_id: int | None = None):
    state = get_state(iso3)
    if state is None:
        raise CommandError(f"unknown State code {iso3!r}")
    response = current_response(state.iso3, cycle_id)
    if response is None:
        raise CommandError(f"{state.iso3} has no response in cycle {cycle_id}" if cycle_id
                           else f"{state.iso3} has no response in an open cycle")
    return response


@responses_group.command("export")
@click.option("--state", "iso3", required=True, help="ISO3 code, e.g. KEN")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--lang", default="en", type=click.Choice(("ar", "zh", "en", "es", "fr", "ru")),
              help="language of the workbook's labels (xlsx only)")
@CYCLE_OPTION
def export_command(iso3: str, fmt: str, out: Path, lang: str, cycle_id: int | None) -> None:
    """Write the State's current answers in a cycle to a file."""
    response = _response_of(iso3, cycle_id)
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
@CYCLE_OPTION
def import_command(iso3: str, path: Path, dry_run: bool, cycle_id: int | None) -> None:
    """Import a JSON or XLSX file, or a snapshot PDF, into the State's draft in a cycle.

    A file exported from an older questionnaire version goes through the newer version's
    mapping: what maps is imported, what does not is listed with its old value and why. Any
    problem (unknown key, wrong value, another State, locked response...) refuses the whole file.
    """
    response = _response_of(iso3, cycle_id)
    definition = definition_of(response.cycle.questionnaire_version)
    try:
        format_of(path.name)
    except UnknownFormat:
        raise CommandError(f"{path.name}: the file must end in .json, .xlsx or .pdf") from None
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    read = read_for(path.name, data, definition)
    plan = plan_import(response, definition, read.parsed)
    plan.problems += read.problems
    if not plan.ok:
        for problem in plan.problems:
            where = f"{problem.where}: " if problem.where else ""
            click.echo(f"{where}{problem.text()}".replace("\n", " "), err=True)
        db.session.rollback()
        raise CommandError(f"{len(plan.problems)} problem(s) in {path.name}: nothing was imported")
    if read.carried is not None:
        _report_mapping(read, definition)
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


def _report_mapping(read: VersionedImport, target: Definition) -> None:
    """What an older version's file became: each mapped key, then each answer left out."""
    assert read.source is not None and read.carried is not None
    carried = read.carried
    click.echo(f"Version {read.source.version} file mapped into version {target.version}: "
               f"{len(carried.values)} answer(s) mapped, {len(carried.unmapped)} not mapped.")
    for key, origins in carried.origins.items():
        click.echo(f"mapped: {', '.join(origins)} -> {key}")
    for item in carried.unmapped:
        old = ""
        if read.source.has_question(item.old_key):
            question = read.source.question(item.old_key)
            old = node_text(field_type_for(question).display(item.value, "en"))
        old = " ".join((old or str(item.value)).split())
        click.echo(f"not mapped: {item.old_key}: {item.reason} Old answer: {old}")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
