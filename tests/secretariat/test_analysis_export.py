"""``flask analysis export``: counts by question and provision that add up, naming no State."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from models import Cycle, State, db
from models.state import PartyStatus
from web.secretariat.findings import is_measured

STATES = ["KEN", "MEX", "NOR", "IRN", "EUU"]  # IRN a signatory; EUU the European Union


def run_export(runner, tmp_path, *args):
    out = tmp_path / "analysis.json"
    result = runner.invoke(args=["analysis", "export", "--format", "json", "--out", str(out),
                                 *args])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8")), out.read_text(encoding="utf-8"), result


def test_export_counts_add_up_and_name_no_state(app, runner, tmp_path, seed_states):
    seed = seed_states(STATES)
    states = {s.iso3: s for s in db.session.scalars(select(State).where(State.iso3.in_(STATES)))}
    assert states["IRN"].party_status is not PartyStatus.PARTY
    assert not is_measured(states["EUU"]) and not is_measured(states["IRN"])
    measured = sum(is_measured(s) for s in states.values())
    assert measured == 3

    document, text, result = run_export(runner, tmp_path, "--cycle", str(seed.cycle.id))
    assert set(document) == {"cycle", "questionnaire", "respondents", "questions", "provisions"}
    assert document["cycle"] == {"id": seed.cycle.id, "name": seed.cycle.name}
    assert document["questionnaire"] == {"id": "res-12-4", "version": "1"}
    assert document["respondents"] == measured
    assert "2 other respondent(s) reported as information" in result.output
    assert document["questions"] and document["provisions"]
    for item in (*document["questions"], *document["provisions"]):
        assert set(item["counts"]) == {"in_place", "partly", "not_in_place", "not_applicable",
                                       "no_answer"}
        assert sum(item["counts"].values()) == measured, item
        assert item["basis"] in {"obligation", "optional", "encouraged", "good_practice"}
    laundering = [p for p in document["provisions"] if "op1.leg.laundering" in p["questions"]]
    assert {p["provision"] for p in laundering} == {"UNTOC 6(1)", "UNTOC 6(2)(b)",
                                                    "UNTOC 6(2)(c)"}

    every_state = db.session.scalars(select(State)).all()
    for state in every_state:
        assert not re.search(rf"\b{state.iso3}\b", text), state.iso3
    for iso3 in STATES:
        for name in states[iso3].names.values():
            assert name not in text, name


def test_accepted_only_and_default_cycle(app, runner, tmp_path, seed_states):
    seed_states(["KEN", "MEX"])
    document, _text, _result = run_export(runner, tmp_path, "--accepted-only")
    newest = db.session.scalar(select(Cycle).order_by(Cycle.created_at.desc()).limit(1))
    assert document["cycle"]["id"] == newest.id
    assert document["respondents"] <= 2
    for item in document["provisions"]:
        assert sum(item["counts"].values()) == document["respondents"]


def test_unknown_cycle_is_a_clear_error(app, runner, tmp_path):
    result = runner.invoke(args=["analysis", "export", "--cycle", "999", "--format", "json",
                                 "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "no cycle 999" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.json").exists()
