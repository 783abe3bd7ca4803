"""The State registry: loading is idempotent; the command line lists it."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from models import EntityType, PartyStatus, RegionalGroup, State, db
from services.registry import load_states


def test_load_is_idempotent_and_keeps_names_in_six_languages(app):
    assert load_states() == 198
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(State)) == 198
    turkey = db.session.get(State, "TUR")
    assert turkey.name("en") == "Türkiye"
    assert turkey.regional_group is RegionalGroup.WESTERN_EUROPEAN_OTHER
    assert "asia_pacific" in turkey.other_groups
    assert set(turkey.names) == {"ar", "zh", "en", "es", "fr", "ru"}
    eu = db.session.get(State, "EUU")
    assert eu.entity_type is EntityType.REGIONAL_ORGANIZATION and eu.m49 is None
    assert db.session.get(State, "USA").regional_group is None
    assert db.session.get(State, "CHN").name("zh") == "中国"
    assert db.session.get(State, "KEN").party_status is PartyStatus.PARTY


def test_states_list_text_and_csv(runner):
    result = runner.invoke(args=["states", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 198
    assert lines[0].startswith("AFG ")
    result = runner.invoke(args=["states", "list", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 198
    assert next(iter(rows[0])) == "iso3"
    bolivia = next(r for r in rows if r["iso3"] == "BOL")
    assert bolivia["name"] == "Bolivia (Plurinational State of)"
    result = runner.invoke(args=["states", "list", "--lang", "fr"])
    assert any(line.startswith("FRA  France") for line in result.output.splitlines())


def test_states_load_command(runner):
    result = runner.invoke(args=["states", "load"])
    assert result.exit_code == 0
    assert "198" in result.output


def test_states_list_shows_sources(runner):
    """``states list --sources``: each State's Convention status and date with its sources;
    a date no source confirms is marked."""
    result = runner.invoke(args=["states", "list", "--sources"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    bhutan = lines.index(next(line for line in lines if line.startswith("BTN ")))
    assert "party 2023-02-20" in lines[bhutan] and "[unchecked]" not in lines[bhutan]
    assert "UNODC Regional Office for South Asia" in lines[bhutan + 1]
    assert any(line.startswith("KEN ") and "[unchecked]" in line for line in lines)
    result = runner.invoke(args=["states", "list", "--sources", "--format", "csv"])
    rows = {row["iso3"]: row for row in csv.DictReader(io.StringIO(result.output))}
    assert rows["SSD"]["party_status"] == "party" and rows["SSD"]["party_date"] == "2023-10-20"
    assert rows["SSD"]["checked"] == "yes" and "South Sudan" in rows["SSD"]["sources"]
    assert rows["SOM"]["party_date"] == "" and rows["SOM"]["checked"] == "no"
