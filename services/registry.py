"""Loading the State registry from its data file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import EntityType, PartyStatus, RegionalGroup, State, db

STATES_FILE = Path(__file__).resolve().parents[1] / "models" / "data" / "states.json"


def read_states_file(path: Path = STATES_FILE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def load_states(path: Path = STATES_FILE) -> int:
    """Insert or update every entry of the data file; returns how many entries it holds."""
    entries = read_states_file(path)
    existing = {s.iso3: s for s in db.session.scalars(select(State))}
    for entry in entries:
        state = existing.get(entry["iso3"]) or State(iso3=entry["iso3"])
        party = entry.get("party") or {}
        state.m49 = entry.get("m49")
        state.entity_type = EntityType(entry["type"])
        group = entry.get("regional_group")
        state.regional_group = RegionalGroup(group) if group else None
        state.other_groups = list(entry.get("other_groups") or [])
        state.party_status = PartyStatus(party.get("status", "non_party"))
        state.party_date = date.fromisoformat(party["date"]) if party.get("date") else None
        state.names = dict(entry["names"])
        state.note = entry.get("note")
        db.session.add(state)
    db.session.flush()
    return len(entries)


def get_state(iso3: str) -> State | None:
    return db.session.get(State, (iso3 or "").strip().upper())
