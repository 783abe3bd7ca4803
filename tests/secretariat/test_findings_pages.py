"""Secretariat findings pages: counts by provision and legal force; no score, rank, percentage or
colour per State or group; words follow legal force; non-parties reported as information."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from models import Role, State, Submission, db
from tests.secretariat.test_secretariat_pages import SMALL

STATES = [*SMALL, "IRN"]  # IRN: a signatory, not a party


def _set_answers(iso3: str, **answers) -> None:
    """Give the State's latest submission these answers (a statement below the ORM: snapshots
    are immutable to the application)."""
    from models import Response

    submission = db.session.scalars(
        select(Submission).join(Response, Submission.response_id == Response.id)
        .where(Response.state_iso3 == iso3).order_by(Submission.number.desc())).first()
    db.session.execute(update(Submission).where(Submission.id == submission.id)
                       .values(answers={**submission.answers, **answers}))
    db.session.commit()
    db.session.expire_all()


def test_findings_page_counts_by_provision_without_naming_or_scoring_states(
        client, signed_in, seed_states):
    seed_states(STATES)
    signed_in(Role.SECRETARIAT_REVIEWER)
    html = client.get("/secretariat/gaps").get_data(as_text=True)
    assert "Responding parties measured: 3" in html
    assert "Other respondents, reported as information only: 1" in html
    assert "Mandate (a)" in html and "Mandate (b)" in html and "Mandate (c)" in html
    assert "UNTOC 10(2)" in html and "GA 76/185" in html
    assert "Measure not (yet) adopted" in html and ">Gap<" in html
    names = [state.name("en") for state in db.session.scalars(
        select(State).where(State.iso3.in_(STATES)))]
    for name in names:
        assert name not in html.split("<main", 1)[-1], name
    assert "%" not in re.sub(r"<(style|script)[^>]*>.*?</\1>", "", html, flags=re.S)
    assert "score" not in html.lower() or "no State is scored" in html


def test_a_states_page_is_descriptive_and_words_follow_legal_force(
        client, signed_in, seed_states):
    seed_states(STATES)
    _set_answers("KEN", **{"op1.leg.participation": "no",
                           "op1.coop.joint_investigations": "no",
                           "op1.leg.legal_persons": ["administrative"]})
    signed_in(Role.SECRETARIAT_REVIEWER)
    html = client.get("/secretariat/gaps/KEN").get_data(as_text=True)
    rows = re.findall(r"<tr><td>(.*?)</td>.*?<td>([^<]*)</td><td>([^<]*)</td></tr>", html, re.S)
    by_label = {label: (basis, status) for label, basis, status in rows}
    participation = next(v for k, v in by_label.items() if "participation" in k.lower())
    assert participation == ("Obligation", "Gap")
    joint = next(v for k, v in by_label.items() if "joint investigation" in k.lower())
    assert joint == ("Optional measure", "Measure not (yet) adopted")
    assert "reported as information" not in html
    irn = client.get("/secretariat/gaps/IRN").get_data(as_text=True)
    assert "reported as information" in irn


def test_dashboard_links_the_measures_reported_without_a_score(client, signed_in, seed_states):
    seed_states(SMALL)
    signed_in(Role.SECRETARIAT_REVIEWER)
    html = client.get("/secretariat/").get_data(as_text=True)
    assert "Measures reported" in html
    assert "share_in_place" not in html and "heat" not in html.lower()


def test_aggregation_shows_counts_not_percentages_for_a_selection_of_states(
        client, signed_in, seed_states):
    seed_states(["KEN", "MEX", "NOR"])
    signed_in(Role.SECRETARIAT_ADMIN)
    page = client.get("/secretariat/aggregate?section=op1_legislation&group=african"
                      ).get_data(as_text=True)
    assert "Percentage" not in page
    assert not re.search(r"\d%<", page)


def test_a_version_2_cycle_is_compared_with_the_version_1_cycle_by_provision(
        client, signed_in, seed_states):
    from datetime import date

    from services.cycles import create_cycle
    from services.definitions import publish
    from services.secretariat import latest_cycle
    from web.cli.demo_next import NEXT_DEFINITION

    seed_states(STATES)
    first = latest_cycle()
    version, _created = publish(NEXT_DEFINITION)
    second = create_cycle("2027 reporting cycle", version, date(2027, 6, 30), SMALL, None,
                          opens=date(2027, 1, 1))
    db.session.commit()
    seed_states(SMALL)  # the newest cycle, on version 2
    signed_in(Role.SECRETARIAT_REVIEWER)
    page = client.get(f"/secretariat/gaps?cycle={second.id}").get_data(as_text=True)
    assert f'<option value="{first.id}">' in page  # offered, not yet compared
    html = client.get(f"/secretariat/gaps?cycle={second.id}&compare={first.id}"
                      ).get_data(as_text=True)
    assert "Compared with" in html and "are compared" in html
    assert "are new in this version and are not compared" in html
    assert "In the earlier cycle: 3" in html  # parties only: IRN is information
    assert "UNTOC 34(2)" in html.split('id="comparison"', 1)[1]
    for name in (state.name("en") for state in db.session.scalars(
            select(State).where(State.iso3.in_(STATES)))):
        assert name not in html.split("<main", 1)[-1], name
    # Only an earlier cycle of another version can be compared.
    assert client.get(f"/secretariat/gaps?cycle={second.id}&compare={second.id}"
                      ).status_code == 404
    assert client.get(f"/secretariat/gaps?cycle={first.id}&compare={second.id}"
                      ).status_code == 404
