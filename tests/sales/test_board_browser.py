"""The pipeline board in the browser: a salesperson drags a card to the next stage; the move is
refused with the reason while a step is missing (the card snaps back), and goes through once
it is allowed; the keyboard's "Move to" menu closes a lost opportunity with its reason."""

import pytest
from playwright.sync_api import expect

from sales.models import Opportunity
from tests.sales.factories import make_customer, make_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _card(page, opportunity):
    return page.locator(f'.pipeline-card[data-id="{opportunity.pk}"]')


def _column(page, stage):
    return page.locator(f'.pipeline-column[data-stage="{stage}"]')


def test_salesperson_drags_cards_on_the_board(login, salesperson, live_server, screenshot):
    meeting = make_opportunity(
        make_customer(salesperson, name="張偉"), stage="meeting", expected_premium=20000
    )
    fresh = make_opportunity(make_customer(salesperson, name="林美玲"), expected_premium=5000)
    closing = make_opportunity(make_customer(salesperson, name="陳大文"), stage="contacted")
    page = login(salesperson)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/sales/opportunities/board/")

    # The board fits the window: the page does not scroll, the columns do.
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 768 + 2, height
    expect(page.locator("#main-nav .nav-link.active")).to_have_count(1)

    # A step is missing: the needs analysis. The card goes back, the reason is shown.
    _card(page, meeting).drag_to(_column(page, "needs_analysed").locator(".pipeline-cards"))
    message = page.locator("#board-message .alert-danger")
    expect(message).to_contain_text("請先為客戶記錄需求分析。")
    expect(_column(page, "meeting").locator(f'[data-id="{meeting.pk}"]')).to_have_count(1)
    expect(_column(page, "meeting").locator(".column-count")).to_have_text("1")
    expect(_column(page, "needs_analysed").locator(".column-count")).to_have_text("0")
    expect(_column(page, "meeting").locator(".column-total")).to_have_text("¥20,000.00")
    assert Opportunity.objects.get(pk=meeting.pk).stage == "meeting"
    screenshot(page, "refused")

    # The next stage is allowed: the card stays in its new column and the sums follow.
    _card(page, fresh).drag_to(_column(page, "contacted").locator(".pipeline-cards"))
    expect(page.locator("#board-message .alert-success")).to_contain_text("林美玲")
    expect(_column(page, "contacted").locator(f'[data-id="{fresh.pk}"]')).to_have_count(1)
    expect(_column(page, "contacted").locator(".column-count")).to_have_text("2")
    expect(_column(page, "new").locator(".column-count")).to_have_text("0")
    expect(_column(page, "new").locator(".pipeline-empty")).to_be_visible()
    expect(_column(page, "contacted").locator(".column-total")).to_have_text("¥17,000.00")
    assert Opportunity.objects.get(pk=fresh.pk).stage == "contacted"
    screenshot(page, "moved")

    # Without a mouse: the card's "Move to" menu, then the reason for closing it as lost.
    toggle = _card(page, closing).locator(".move-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    lost = _card(page, closing).locator("button.move-to[value=lost]")
    expect(lost).to_be_visible()
    lost.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#lost-dialog")).to_be_visible()
    page.fill("#lost-reason", "客戶已在他處投保")
    page.keyboard.press("Tab")
    page.click("#lost-form button[type=submit]")
    expect(page.locator("#board-message .alert-success")).to_contain_text("陳大文")
    expect(_column(page, "lost").locator(f'[data-id="{closing.pk}"]')).to_have_count(1)
    closing.refresh_from_db()
    assert (closing.stage, closing.lost_reason) == ("lost", "客戶已在他處投保")
    screenshot(page, "lost")

    # After a reload the board shows what was saved.
    page.reload()
    expect(_column(page, "contacted").locator(f'[data-id="{fresh.pk}"]')).to_have_count(1)
    expect(_column(page, "meeting").locator(f'[data-id="{meeting.pk}"]')).to_have_count(1)


def test_stage_bar_on_the_opportunity_page(login, salesperson, live_server, screenshot):
    opportunity = make_opportunity(make_customer(salesperson, name="張偉"), stage="meeting")
    page = login(salesperson)
    page.goto(f"{live_server.url}{opportunity.get_absolute_url()}")
    expect(page.locator(".stage-bar li.current")).to_have_text("已約面談")
    expect(page.locator(".stage-bar li.done")).to_have_count(2)
    expect(page.locator("button.stage-button[data-stage=needs_analysed]")).to_be_disabled()
    expect(page.locator("#why-needs_analysed")).to_have_text("請先為客戶記錄需求分析。")
    page.click("button.stage-button[data-stage=contacted]")
    expect(page.locator(".stage-bar li.current")).to_have_text("已聯繫")
    assert Opportunity.objects.get(pk=opportunity.pk).stage == "contacted"
    screenshot(page, "stage-bar")
