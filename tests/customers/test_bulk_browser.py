"""A supervisor ticks ten customer files on the list, picks "reassign", confirms the count
and the new salesperson, and sees the ten files handed over."""

import pytest
from playwright.sync_api import expect

from core.models import AuditEvent
from core.roles import Role
from customers.models import Customer
from tests.customers.factories import make_customer
from tests.factories import make_employee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_reassigns_ten_customers(
    login, supervisor, salesperson, team_a, live_server, screenshot
):
    newcomer = make_employee(Role.SALESPERSON, team=team_a, username="newcomer", name="新同事")
    customers = [make_customer(salesperson, name=f"交接客戶{i:02d}") for i in range(12)]

    page = login(supervisor)
    page.goto(f"{live_server.url}/customers/customers/?q=交接客戶&sort=name")
    rows = page.locator("input.bulk-row")
    expect(rows).to_have_count(12)
    bar = page.locator("#bulk-form")
    expect(bar).to_be_hidden()
    # Ticking the page offers every row matching the filter (there is only this page here).
    page.locator("input.bulk-page").check()
    expect(bar).to_be_visible()
    expect(bar.locator(".bulk-count")).to_contain_text("12")
    expect(bar.locator(".bulk-all-offer")).to_be_hidden()
    # Keep ten: the last two are unticked from the keyboard.
    for index in (10, 11):
        rows.nth(index).focus()
        page.keyboard.press("Space")
    expect(bar.locator(".bulk-count")).to_contain_text("10")
    expect(page.locator("input.bulk-page")).not_to_be_checked()
    page.select_option("#bulk-action", "reassign")
    screenshot(page, "selected")
    page.click("#bulk-continue")

    expect(page.locator("#bulk-count")).to_contain_text("10")
    page.locator("#id_owner_search").press_sequentially("新同事", delay=30)
    page.locator("#id_owner_results [data-value]", has_text="新同事").click()
    page.fill("#id_reason", "業務調整")
    screenshot(page, "confirm")
    page.click("#bulk-run")

    result = page.locator("#bulk-result")
    expect(result).to_contain_text("10")
    expect(page.locator("#bulk-refused")).to_have_count(0)
    screenshot(page, "result")

    moved = Customer.objects.filter(owner=newcomer).order_by("name")
    assert [c.name for c in moved] == [f"交接客戶{i:02d}" for i in range(10)]
    assert Customer.objects.filter(owner=salesperson).count() == 2
    assert (
        AuditEvent.objects.filter(
            verb="reassigned", object_id__in=[str(c.pk) for c in customers]
        ).count()
        == 10
    )
    assert all(c.history.first().history_user == supervisor for c in moved)
