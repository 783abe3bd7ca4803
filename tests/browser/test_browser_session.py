"""A session that ends while someone types: nothing typed is lost."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.actions import sign_in, wait_saved, wait_status
from tests.browser.site import Site, focal
from tests.browser.store import save_value, stored_values

pytestmark = pytest.mark.browser

SESSION_COOKIE = "envsaq_session"
TYPED = "Directorate of Criminal Investigations, Environmental Crimes Unit"


def local_copy(page: Page) -> dict:
    """This browser's copy of the section's unsaved values (the page's own storage key)."""
    key = page.locator("form.section-form").get_attribute("data-storage-key")
    return json.loads(page.evaluate("key => localStorage.getItem(key) || '{}'", key))


def test_typing_after_the_session_ended_is_kept_and_saved_after_signing_in(site: Site,
                                                                            page: Page):
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    # A response still on its way (the presence call) would set the cookie again.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies(name=SESSION_COOKIE)
    assert page.context.cookies() == []

    page.fill("#gen__institution", TYPED)
    wait_status(page, "msgOffline")
    assert local_copy(page)["fields"]["gen__institution"] == [TYPED]
    assert "gen.institution" not in stored_values(site, "KEN")

    # The status says so in red and links to signing in, which comes back to this page.
    expect(page.locator("[data-save-status]")).to_have_class("save-status save-status--error")
    page.locator("[data-save-link]").click()
    expect(page.locator(".notice--warning")).to_contain_text("Your session has ended")
    sign_in(page, focal("KEN"), path=None)  # same browser, same storage
    expect(page).to_have_url(site.url + site.section("general"))
    expect(page.locator("#gen__institution")).to_have_value(TYPED)
    wait_status(page, "msgRestored")
    wait_saved(page)
    assert stored_values(site, "KEN")["gen.institution"] == TYPED
    assert local_copy(page) == {}  # forgotten once the server has it


def test_unticking_every_box_after_the_session_ended_is_restored(site: Site, page: Page):
    """A question whose boxes were all unticked has no entry in the kept copy: restoring
    must untick them too, not leave the server's ticks in place."""
    save_value(site, "KEN", "gen.coordination", ["single_institution"], focal("KEN"))
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies(name=SESSION_COOKIE)

    box = page.locator("input[name=gen__coordination][value=single_institution]")
    box.uncheck()
    wait_status(page, "msgOffline")
    assert "gen__coordination" not in local_copy(page)["fields"]

    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    wait_status(page, "msgRestored")
    expect(box).not_to_be_checked()
    wait_saved(page)
    assert not stored_values(site, "KEN").get("gen.coordination")


def kept_keys(page: Page) -> list[str]:
    return page.evaluate("""() => Object.keys(localStorage)
                               .filter(k => k.startsWith('envsaq:')).sort()""")


def test_signing_out_forgets_the_drafts_kept_in_this_browser(site: Site, page: Page):
    """Security review 17: another person at a shared computer must not read them. Copies
    of another user are dropped when a section opens; all go at sign-out."""
    sign_in(page, focal("KEN"))
    page.goto(site.section("general"))
    page.wait_for_load_state("networkidle")
    own = page.locator("form.section-form").get_attribute("data-storage-key")
    someone_else = own.rsplit(":", 1)[0] + ":999999"
    page.evaluate("""([own, other]) => {
        localStorage.setItem(own, JSON.stringify({at: Date.now(), fields: {}}));
        localStorage.setItem(other, JSON.stringify({at: Date.now(), fields: {x: ['secret']}}));
        localStorage.setItem('unrelated', 'kept');
    }""", [own, someone_else])
    page.reload()
    page.wait_for_load_state("networkidle")
    assert someone_else not in kept_keys(page)

    page.fill("#gen__institution", TYPED)  # an edit in progress: kept locally at once
    expect(page.locator("#gen__institution")).to_have_value(TYPED)
    page.evaluate("key => localStorage.setItem(key, JSON.stringify({at: 1, fields: {}}))", own)
    assert kept_keys(page) == [own]
    page.locator("form[data-sign-out] button[type=submit]").click()
    page.wait_for_url(lambda url: url.endswith("/sign-in"))
    assert kept_keys(page) == []
