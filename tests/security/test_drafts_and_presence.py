"""The review's informational points on drafts kept in the browser and on presence (security
review 17): signing out asks the browser to clear them; only editors appear as editing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import Presence, Role, db
from tests.conftest import csrf_token, sign_in
from tests.workspace.test_workspace import hidden, url


def test_signing_out_asks_the_browser_to_clear_the_sites_storage(client, signed_in):
    signed_in(Role.FOCAL_POINT, "KEN")
    response = client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"storage"'  # not "cookies": the language stays
    html = client.get("/").get_data(as_text=True)
    assert 'data-sign-out' not in html  # signed out: no sign-out form left to mark


def test_the_sign_out_form_is_marked_for_the_script_that_forgets_drafts(client, signed_in):
    signed_in(Role.OBSERVER, "KEN")
    html = client.get("/account").get_data(as_text=True)
    assert '/sign-out" class="inline-form" data-sign-out>' in html


@pytest.mark.parametrize(("role", "state", "shown"), [
    (Role.OBSERVER, "KEN", False),
    (Role.SECRETARIAT_REVIEWER, None, False),
    (Role.SECRETARIAT_ADMIN, None, False),
    (Role.CONTRIBUTOR, "KEN", True),
])
def test_only_those_who_may_edit_a_section_appear_as_editing_it(
        app, client, signed_in, make_user, cycle, role, state, shown):
    signed_in(Role.FOCAL_POINT, "KEN")
    other = make_user(role, state, name="Second Person")
    second = app.test_client()
    sign_in(second, other)
    path = url(cycle, tail="sections/general")
    token = hidden(second.get(path).get_data(as_text=True), "csrf_token")
    beat = second.post(path + "/presence", headers={"X-CSRFToken": token,
                                                    "X-Requested-With": "fetch"})
    assert beat.status_code == 200
    html = client.get(path).get_data(as_text=True)
    assert ("Also editing this section now: Second Person" in html) is shown
    rows = db.session.scalars(select(Presence).where(Presence.user_id == other.id)).all()
    assert bool(rows) is shown


def test_a_contributor_limited_to_other_sections_does_not_appear_either(
        app, client, signed_in, make_user, cycle, definition):
    signed_in(Role.FOCAL_POINT, "KEN")
    limited = make_user(Role.CONTRIBUTOR, "KEN", name="Other Sections", sections=["general"])
    second = app.test_client()
    sign_in(second, limited)
    page = url(cycle, tail="sections/general")
    token = hidden(second.get(page).get_data(as_text=True), "csrf_token")
    elsewhere = url(cycle, tail=f"sections/{definition.sections[1].key}")
    beat = second.post(elsewhere + "/presence", headers={"X-CSRFToken": token,
                                                         "X-Requested-With": "fetch"})
    assert beat.status_code == 200
    seen = client.get(elsewhere)
    assert seen.status_code == 200 and "Other Sections" not in seen.get_data(as_text=True)
    second.post(page + "/presence", headers={"X-CSRFToken": token, "X-Requested-With": "fetch"})
    assert "Also editing this section now: Other Sections" in \
        client.get(page).get_data(as_text=True)
