"""``flask states``: load and list the State registry."""

from __future__ import annotations

import csv
import sys

import click
from sqlalchemy import select

from models import State, db
from services.registry import load_states, read_states_file
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
@click.option("--sources", is_flag=True,
              help="Show each State's Convention status and date with the sources that confirm it.")
def list_command(fmt: str, lang: str, sources: bool) -> None:
    """One State a line, the ISO3 code first."""
    states = db.session.scalars(select(State).order_by(State.iso3)).all()
    if sources:
        _list_sources(states, fmt, lang)
        return
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


def _list_sources(states: list[State], fmt: str, lang: str) -> None:
    """Party status and date of each State, with the registry's sources for them."""
    parties = {entry["iso3"]: entry["party"] for entry in read_states_file()}
    writer = csv.writer(sys.stdout, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(["iso3", "name", "party_status", "party_date", "instrument", "checked",
                         "sources"])
    for s in states:
        party = parties.get(s.iso3, {})
        date = s.party_date.isoformat() if s.party_date else ""
        cited = " | ".join(party.get("sources") or [])
        if writer:
            writer.writerow([s.iso3, s.name(lang), s.party_status.value, date,
                             party.get("instrument") or "", "yes" if party.get("checked") else "no",
                             cited])
            continue
        mark = "" if party.get("checked") or s.party_status.value != "party" else " [unchecked]"
        click.echo(f"{s.iso3}  {s.name(lang)}  {s.party_status.value} {date}{mark}")
        for source in party.get("sources") or []:
            click.echo(f"      {source}")
