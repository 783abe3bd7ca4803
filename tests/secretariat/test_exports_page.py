"""The secretariat's exports page: all responses (XLSX/CSV, long/wide, any language, with the
codebook) and the findings, from the UI instead of the command line (UX review m5)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from models import Role

SMALL = ["KEN", "MEX", "NOR"]


def test_exports_are_reachable_from_the_secretariat_pages(client, signed_in, seed_states):
    result = seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    for page in ("/secretariat/", "/secretariat/aggregate"):
        assert 'href="/secretariat/exports' in client.get(page).get_data(as_text=True), page
    html = client.get("/secretariat/exports").get_data(as_text=True)
    assert 'action="/secretariat/exports/responses"' in html
    assert f'<option value="{result.cycle.id}" selected' in html
    assert f"/secretariat/exports/findings.json?cycle={result.cycle.id}" in html
    assert f"/secretariat/dashboard.csv?cycle={result.cycle.id}" in html


def test_all_responses_as_a_workbook_with_its_codebook(client, signed_in, seed_states):
    result = seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    answer = client.get(f"/secretariat/exports/responses?cycle={result.cycle.id}"
                        "&file=xlsx&shape=wide&lang=fr")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="responses-cycle-{result.cycle.id}-wide-fr.xlsx"')
    book = load_workbook(io.BytesIO(answer.data), read_only=True)
    assert book.sheetnames == ["responses", "codebook"]
    rows = list(book["responses"].values)
    assert sorted(row[0] for row in rows[1:]) == SMALL  # wide: one row per State


@pytest.mark.parametrize("shape", ["long", "wide"])
def test_all_responses_as_csv_and_the_codebook_apart(client, signed_in, seed_states, shape):
    result = seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    base = f"/secretariat/exports/responses?cycle={result.cycle.id}&shape={shape}&lang=en"
    data = client.get(base + "&file=csv")
    assert data.mimetype == "text/csv"
    lines = list(csv.DictReader(io.StringIO(data.get_data(as_text=True).lstrip("\ufeff"))))
    assert {line["iso3"] for line in lines} == set(SMALL)
    assert (len(lines) == 3) is (shape == "wide")
    book = client.get(base + "&file=codebook")
    assert "codebook" in book.headers["Content-Disposition"]
    assert "gen.institution" in book.get_data(as_text=True)


def test_findings_name_no_state(client, signed_in, seed_states):
    result = seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    answer = client.get(f"/secretariat/exports/findings.json?cycle={result.cycle.id}")
    document = json.loads(answer.data)
    assert document["cycle"]["id"] == result.cycle.id and document["provisions"]
    assert not any(code in answer.get_data(as_text=True) for code in ('"KEN"', "Kenya"))


def test_exports_are_refused_to_state_roles(client, signed_in, seed_states):
    seed_states(SMALL)
    signed_in(Role.FOCAL_POINT, "KEN")
    for url in ("/secretariat/exports", "/secretariat/exports/responses",
                "/secretariat/exports/findings.json"):
        assert client.get(url).status_code == 403, url


def test_exports_refuse_odd_choices(client, signed_in, seed_states):
    result = seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    base = f"/secretariat/exports/responses?cycle={result.cycle.id}"
    assert client.get(base + "&file=pdf").status_code == 400
    assert client.get(base + "&shape=tall").status_code == 400
    assert client.get(base + "&lang=xx").status_code == 400
    assert client.get("/secretariat/exports/responses?cycle=999999").status_code == 404
