"""A reviewer reaches a State's response from the secretariat pages (UX review M1, p1)."""

from __future__ import annotations

import re

from sqlalchemy import select

from models import Response, Role, WorkflowState, db
from services.secretariat import latest_cycle

SMALL = ["KEN", "MEX", "NOR"]


def _set_state(iso3: str, state: WorkflowState) -> None:
    response = db.session.scalar(select(Response).where(
        Response.cycle_id == latest_cycle().id, Response.state_iso3 == iso3))
    response.workflow_state = state
    db.session.commit()


def test_dashboard_links_each_state_to_its_response_and_queues_what_awaits_review(
        client, signed_in, seed_states):
    seed_states(SMALL)
    cycle = latest_cycle()
    _set_state("KEN", WorkflowState.SUBMITTED)
    _set_state("MEX", WorkflowState.UNDER_REVIEW)
    _set_state("NOR", WorkflowState.ACCEPTED)
    signed_in(Role.SECRETARIAT_REVIEWER)
    page = client.get("/secretariat/").get_data(as_text=True)
    for iso3 in SMALL:
        assert f'href="/states/{iso3}/cycles/{cycle.id}/"' in page, iso3
    queue = page.split('id="review-queue"')[1].split("<h2")[0]
    assert "Kenya" in queue and "Mexico" in queue and "Norway" not in queue
    reviews = re.findall(r'href="/states/(\w+)/cycles/\d+/">Review', page)
    assert sorted(set(reviews)) == ["KEN", "MEX"]
    # Following the link gives the reviewer the review actions.
    overview = client.get(f"/states/KEN/cycles/{cycle.id}/").get_data(as_text=True)
    assert "Start the review" in overview


def test_empty_queue_says_so(client, signed_in, seed_states):
    seed_states(["NOR"])
    _set_state("NOR", WorkflowState.ACCEPTED)
    signed_in(Role.SECRETARIAT_ADMIN)
    assert "No response awaits review." in client.get("/secretariat/").get_data(as_text=True)


def test_the_submission_profile_links_back_to_the_response(client, signed_in, seed_states):
    seed_states(["KEN"])
    cycle = latest_cycle()
    signed_in(Role.SECRETARIAT_REVIEWER)
    page = client.get(f"/secretariat/gaps/KEN?cycle={cycle.id}").get_data(as_text=True)
    assert f'href="/states/KEN/cycles/{cycle.id}/"' in page


def test_secretariat_tabs_mark_the_current_page(client, signed_in):
    signed_in(Role.SECRETARIAT_ADMIN)
    page = client.get("/secretariat/api-tokens").get_data(as_text=True)
    nav = page.split('class="subnav"')[1].split("</nav>")[0]
    assert nav.count('aria-current="page"') == 1
    assert 'href="/secretariat/api-tokens" aria-current="page"' in nav
    assert 'class="tags"' not in nav
