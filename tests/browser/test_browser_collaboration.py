"""Two people in one State: a conflict shown and resolved; a contributor kept to their section."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from models import Membership, Role, db
from tests.browser.actions import (
    click_and_load,
    sign_in,
    wait_saved,
    wait_status,
)
from tests.browser.axe import assert_accessible
from tests.browser.site import Site, contributor, focal
from tests.browser.store import fresh, save_value, stored_values, user_by_email

pytestmark = pytest.mark.browser


def make_a_conflict(site: Site, new_context, field: str, their_value: str, my_value: str):
    """Two editors open a section; the other saves first; my autosave then meets a conflict.

    Returns my page, showing the conflict view, and theirs.
    """
    mine = new_context(axe=True).new_page()
    theirs = new_context().new_page()
    sign_in(mine, focal("KEN"))
    sign_in(theirs, contributor("KEN"))
    mine.goto(site.section("general"))
    theirs.goto(site.section("general"))
    expect(theirs.locator("[data-presence-text]")).to_contain_text("Wanjiru Kamau")

    theirs.fill(f"#{field}", their_value)
    wait_saved(theirs)
    mine.fill(f"#{field}", my_value)
    wait_status(mine, "msgConflict")
    assert stored_values(site, "KEN")[field.replace("__", ".")] == their_value

    click_and_load(mine, mine.get_by_role("button", name="Save", exact=True))
    return mine, theirs


def test_a_conflict_from_another_context_is_shown_and_resolved(site: Site, new_context):
    mine, theirs = make_a_conflict(site, new_context, "gen__institution",
                                   "Office of the Attorney General", "Ministry of Environment")
    panel = mine.locator(".conflict-summary")
    expect(panel.get_by_role("heading", level=2)).to_have_text(
        "These answers were changed in another window or by another person while you were "
        "editing")
    expect(panel).to_contain_text("saved by Otieno Mwangi")
    expect(panel.locator(".conflict__version").nth(0)).to_contain_text("Ministry of Environment")
    expect(panel.locator(".conflict__version").nth(1)).to_contain_text(
        "Office of the Attorney General")
    assert_accessible(mine, "the conflict view")

    panel.get_by_label("Keep my version").check()
    click_and_load(mine, panel.get_by_role("button", name="Apply my choices"))
    expect(mine.locator(".conflict-summary")).to_have_count(0)
    expect(mine.locator("#gen__institution")).to_have_value("Ministry of Environment")
    assert stored_values(site, "KEN")["gen.institution"] == "Ministry of Environment"
    theirs.reload()
    expect(theirs.locator("#gen__institution")).to_have_value("Ministry of Environment")


def test_keeping_the_current_version_keeps_it(site: Site, new_context):
    mine, _theirs = make_a_conflict(site, new_context, "gen__focal_point_name",
                                    "A. Contributor", "J. Focal")
    panel = mine.locator(".conflict-summary")
    panel.get_by_label("Keep the current version").check()
    click_and_load(mine, panel.get_by_role("button", name="Apply my choices"))
    mine.fill("#gen__focal_point_contact", "focal@example.org")  # a later, unrelated edit
    wait_saved(mine)
    assert stored_values(site, "KEN")["gen.focal_point_name"] == "A. Contributor"
    expect(mine.locator("#gen__focal_point_name")).to_have_value("A. Contributor")


def limit_to_sections(email: str, sections: list[str]) -> None:
    fresh()
    user = user_by_email(email)
    membership: Membership = next(m for m in user.memberships if m.role is Role.CONTRIBUTOR)
    membership.sections = sections
    db.session.commit()


def test_a_contributor_cannot_edit_a_section_not_assigned(site: Site, page):
    limit_to_sections(contributor("KEN"), ["general"])
    sign_in(page, contributor("KEN"))

    page.goto(site.section("general"))
    expect(page.locator("form.section-form[data-autosave-url]")).to_have_count(1)
    expect(page.locator("#gen__institution")).to_be_editable()

    page.goto(site.section("op1_legislation"))
    expect(page.locator("main .notice[role=status]")).to_have_text(
        "You can read this section but not change it.")
    expect(page.locator("form.section-form")).to_have_count(1)
    expect(page.locator("form.section-form[data-autosave-url]")).to_have_count(0)
    expect(page.locator("#op1__leg__challenges")).to_be_disabled()
    expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)

    token = page.locator("form.section-form input[name=csrf_token]").input_value()
    form = {"csrf_token": token, "op1__leg__challenges": "Not mine to write", "go": "stay"}
    plain = page.request.post(site.section("op1_legislation"), form=form, max_redirects=0)
    assert plain.status == 403
    background = page.request.post(
        site.section("op1_legislation") + "/autosave", form=form,
        headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert background.status == 403
    assert "op1.leg.challenges" not in stored_values(site, "KEN")


def test_editing_one_answer_saves_that_answer_only(site: Site, new_context):
    """Chromium sends a textarea's line breaks as CRLF: an untouched multi-line answer must not
    be saved again, nor raise a conflict with a colleague's newer text (third-party review
    3.4)."""
    fresh()
    save_value(site, "KEN", "gen.contributors", "Ministry of Justice\nCustoms",
               contributor("KEN"))
    page = new_context().new_page()
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    expect(page.locator("#gen__contributors")).to_have_value("Ministry of Justice\nCustoms")
    newer = "Ministry of Justice\nCustoms\nPolice"
    save_value(site, "KEN", "gen.contributors", newer, contributor("KEN"))

    page.fill("#gen__institution", "Office of the Attorney General")
    wait_saved(page)
    values = stored_values(site, "KEN")
    assert values["gen.contributors"] == newer
    assert values["gen.institution"] == "Office of the Attorney General"
    expect(page.locator(".conflict-summary")).to_have_count(0)
