"""A cycle's report details: entered on the cycle's page by a secretariat administrator."""

from __future__ import annotations

from datetime import date

from models import Cycle, Role, db
from tests.conftest import csrf_token
from web.cli.demo_states import ensure_cycle, ensure_version

FORM = {"symbol": "CTOC/COP/WG.12/2027/2", "original_language": "en",
        "meeting_start": "2027-02-24", "meeting_end": "2027-02-26", "agenda_item": "2",
        "meeting_place_en": "Vienna", "meeting_place_fr": "Vienne",
        "agenda_title_en": "Stock-taking  of the application"}


def _page(cycle: Cycle) -> str:
    return f"/secretariat/cycles/{cycle.id}/report"


def test_an_administrator_saves_the_report_details(app, client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    db.session.commit()
    page = client.get("/secretariat/cycles/").get_data(as_text=True)
    assert _page(cycle) in page
    token = csrf_token(client, _page(cycle))
    response = client.post(_page(cycle), data={"csrf_token": token, **FORM})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(cycle)
    assert cycle.report_symbol == "CTOC/COP/WG.12/2027/2"
    assert (cycle.meeting_start, cycle.meeting_end) == (date(2027, 2, 24), date(2027, 2, 26))
    assert cycle.meeting_place == {"en": "Vienna", "fr": "Vienne"}
    assert cycle.agenda_title == {"en": "Stock-taking of the application"}
    assert cycle.agenda_item == "2" and cycle.report_original_language == "en"
    assert 'value="Vienne"' in client.get(_page(cycle)).get_data(as_text=True)


def test_a_placeholder_symbol_and_impossible_dates_are_refused_and_nothing_is_lost(
        app, client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    db.session.commit()
    token = csrf_token(client, _page(cycle))
    response = client.post(_page(cycle), data={
        "csrf_token": token, **FORM, "symbol": "CTOC/COP/WG.x/2026/n",
        "meeting_end": "2027-02-20"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This is a placeholder, not a symbol." in html
    assert "The last day cannot be before the first day." in html
    assert 'value="Vienne"' in html  # what was typed stays in the form
    db.session.refresh(cycle)
    assert cycle.report_symbol is None and cycle.meeting_place is None
    response = client.post(_page(cycle), data={"csrf_token": token, **FORM,
                                               "symbol": "see the note verbale"})
    assert response.status_code == 400
    assert "Enter a document symbol such as" in response.get_data(as_text=True)


def test_only_an_administrator_changes_the_details(app, client, signed_in):
    signed_in(Role.SECRETARIAT_REVIEWER)
    cycle = ensure_cycle(ensure_version(), None, only=["NOR"])
    db.session.commit()
    page = client.get(_page(cycle))
    assert page.status_code == 200
    assert "Only a secretariat administrator can change these details." in \
        page.get_data(as_text=True)
    token = csrf_token(client, _page(cycle))
    assert client.post(_page(cycle), data={"csrf_token": token, **FORM}).status_code == 403
    db.session.refresh(cycle)
    assert cycle.report_symbol is None
