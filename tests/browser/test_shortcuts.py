"""Keyboard shortcuts: / focuses the search, n opens "new", Ctrl+Enter saves, ? shows the
sheet and Esc closes it; the cursor starts in the first field of a form."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_shortcuts(login, salesperson, live_server, screenshot):
    page = login(salesperson)
    page.goto(f"{live_server.url}/sales/visits/")
    page.keyboard.press("/")
    expect(page.locator('#filter-form input[name="q"]')).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-sheet")).to_be_visible()
    # Bootstrap takes the keyboard once the sheet has faded in and holds the focus
    for _ in range(50):
        if page.evaluate(
            "document.getElementById('shortcuts-sheet').contains(document.activeElement)"
        ):
            break
        page.wait_for_timeout(100)
    screenshot(page, "sheet")
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-sheet")).to_be_hidden()
    page.keyboard.press("n")
    page.wait_for_url(f"{live_server.url}/sales/visits/add/")
    first = page.locator("#object-form").locator("input:not([type=hidden]), select, textarea").first
    expect(first).to_be_focused()
    page.locator("#object-form textarea").first.fill("測試")
    page.keyboard.press("Control+Enter")  # an incomplete form: saved, so refused with messages
    expect(
        page.locator("#object-form .invalid-feedback, #object-form .alert-danger").first
    ).to_be_visible()
