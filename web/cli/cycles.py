"""``flask cycles``: open, list and close reporting cycles (the service the admin page uses)."""

from __future__ import annotations

from datetime import date

import click

from models import db
from questionnaire.loader import DefinitionError
from services.cycles import close_cycle, create_cycle, invited_count, list_cycles
from services.definitions import DEFINITIONS_DIR, PublishRefused, find_version, publish
from services.errors import DomainError
from web.cli.base import CommandError, OneLineErrors

cycles_group = OneLineErrors("cycles", help="Reporting cycles: create, list, close.")


def _version(questionnaire_id: str, version: str):
    """The published version; a shipped definition not yet published is published first."""
    stored = find_version(questionnaire_id, version)
    if stored is not None:
        return stored
    path = DEFINITIONS_DIR / questionnaire_id / f"v{version}.yaml"
    if not path.is_file():
        raise CommandError(f"questionnaire {questionnaire_id} v{version} is neither published "
                           f"nor shipped (no {path.relative_to(DEFINITIONS_DIR.parents[1])})")
    try:
        stored, _created = publish(path)
    except DefinitionError as error:
        raise CommandError(f"{questionnaire_id} v{version} has {len(error.problems)} "
                           "problem(s); run 'questionnaire validate'") from None
    except PublishRefused as refused:
        raise CommandError(str(refused)) from None
    click.echo(f"Published {stored.label}")
    return stored


@cycles_group.command("create")
@click.option("--name", required=True, help='e.g. "2027 reporting cycle"')
@click.option("--questionnaire", "questionnaire_id", default="res-12-4", show_default=True)
@click.option("--version", required=True, help="questionnaire version, e.g. 2")
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), required=True,
              help="YYYY-MM-DD")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]), required=True,
              help="YYYY-MM-DD")
@click.option("--states", default="all", show_default=True,
              help="'all' or ISO3 codes separated by commas, e.g. KEN,MEX")
def create_command(name: str, questionnaire_id: str, version: str, opens, deadline,
                   states: str) -> None:
    """Open a cycle on a questionnaire version and invite States to it."""
    stored = _version(questionnaire_id, version)
    codes = None if states.strip().lower() == "all" else states.split(",")
    try:
        cycle = create_cycle(name, stored, deadline.date(), codes, None, opens=opens.date())
    except DomainError as refused:
        db.session.rollback()
        raise CommandError(f"no cycle was opened: {refused}") from None
    db.session.commit()
    invited = invited_count(cycle.id)
    click.echo(f"Opened cycle {cycle.id} ({cycle.name}) on {stored.label}: {invited} State(s), "
               f"opens {opens.date().isoformat()}, deadline {deadline.date().isoformat()}")


@cycles_group.command("list")
def list_command() -> None:
    """Every cycle, newest first: id, status, questionnaire version, dates, States."""
    summaries = list_cycles()
    if not summaries:
        click.echo("No cycle has been opened yet.")
        return
    for summary in summaries:
        cycle = summary.cycle
        opens = cycle.opens_on.isoformat() if isinstance(cycle.opens_on, date) else "-"
        label = cycle.questionnaire_version.label
        click.echo(f"{cycle.id:>4}  {cycle.status.value:<6}  {label:<18}  opens {opens:<10}"
                   f"  deadline {cycle.deadline.isoformat()}"
                   f"  {summary.states:>3} State(s)  {cycle.name}")


@cycles_group.command("close")
@click.argument("cycle_id", type=int)
def close_command(cycle_id: int) -> None:
    """Close a cycle: its responses can no longer be changed."""
    try:
        cycle = close_cycle(cycle_id, None)
    except DomainError as refused:
        db.session.rollback()
        raise CommandError(str(refused)) from None
    db.session.commit()
    click.echo(f"Closed cycle {cycle.id} ({cycle.name})")
