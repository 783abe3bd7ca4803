"""What a person does in the browser, in a few reusable steps."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from tests.browser.site import PASSWORD


def sign_in(page: Page, email: str, password: str = PASSWORD, path: str = "/sign-in") -> None:
    """Sign in through the form (``path`` may carry a ``next``) and wait to leave it."""
    if path is not None:
        page.goto(path)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/sign-in")


def click_and_load(page: Page, target) -> None:
    """Click a control that sends a form or follows a link, and wait for the new page to load.

    Waiting for the load event, not just the new address, matters: the section page's script
    (deferred) must be running before the next keystroke, or autosave would miss it.
    """
    with page.expect_navigation():
        target.click()


def save_status(page: Page):
    return page.locator("[data-save-status]")


def clear_status(page: Page) -> None:
    """Blank the autosave status, so that the next "Saved" seen is from a new save."""
    save_status(page).evaluate("element => { element.textContent = ''; }")


_STATUS_SHOWS = """([name, placeholder]) => {
  const form = document.querySelector('form.section-form');
  const status = form && form.querySelector('[data-save-status]');
  if (!status) { return false; }
  const message = form.dataset[name];
  const text = status.textContent;
  if (!placeholder) { return text === message; }
  const [before, after] = message.split(placeholder);
  return text.length > before.length + after.length && text.startsWith(before)
    && text.endsWith(after);
}"""


def wait_status(page: Page, name: str, placeholder: str | None = None) -> None:
    """Wait for the status to show the form's message ``data-<name>``, in any language.

    ``name`` is the dataset key (``msgOffline``); ``placeholder`` marks the part of the
    message filled in at run time (``{time}``).
    """
    page.wait_for_function(_STATUS_SHOWS, arg=[name, placeholder])


def wait_saved(page: Page) -> None:
    """Wait for the autosave status to say "Saved <time>" (in the page's language)."""
    wait_status(page, "msgSaved", "{time}")


def question(page: Page, name: str):
    """The box of one question, by its field name (``gen__institution``)."""
    return page.locator(f"[data-question='{name}']")
