"""``flask states``: load and list the State registry."""

from __future__ import annotations

import csv
import sys

import click
from sqlalchemy import select

from models import State, db
from services.registry import load_states
from web.cli.base import OneLineErrors
from web.labels import group_label

states_group = OneLineErrors("states", help="The State registry.")


@states_group.command("load")
def load_command() -> None:
    """Load or update the registry from its data file (idempotent)."""
    count = load_states()
    db.session.commit()
    click.echo(f"{count} States and organizations loaded.")


@states_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text")
@click.option("--lang", type=click.Choice(["ar", "zh", "en", "es", "fr", "ru"]), default="en")
def list_command(fmt: str, lang: str) -> None:
    """One State a line, the ISO3 code first."""
    states = db.session.scalars(select(State).order_by(State.iso3)).all()
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["iso3", "m49", "name", "type", "regional_group", "party_status",
                         "party_date"])
        for s in states:
            writer.writerow([
                s.iso3, s.m49 or "", s.name(lang), s.entity_type.value,
                s.regional_group.value if s.regional_group else "",
                s.party_status.value, s.party_date.isoformat() if s.party_date else "",
            ])
        return
    for s in states:
        click.echo(f"{s.iso3}  {s.name(lang)}  ({group_label(s.regional_group)})")
