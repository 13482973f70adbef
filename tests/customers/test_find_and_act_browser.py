"""A clerk finds a customer by typing the Simplified form of a Traditional name, opens the
file, and opens an opportunity for them from the file's quick action."""

import pytest
from playwright.sync_api import expect

from sales.models import Opportunity
from tests.customers.factories import make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_finds_a_file_across_scripts_and_opens_an_opportunity(
    login, clerk, salesperson, live_server, screenshot
):
    customer = make_customer(salesperson, name="張偉")
    make_customer(salesperson, name="林美玲")

    page = login(clerk)
    page.goto(f"{live_server.url}/customers/customers/")
    page.fill("input[type=search][name=q]", "张伟")
    page.press("input[type=search][name=q]", "Enter")
    expect(page.locator("main table tbody tr", has_text="林美玲")).to_have_count(0, timeout=15000)
    row = page.locator("main table tbody tr", has_text="張偉")
    expect(row).to_have_count(1)
    screenshot(page, "found-across-scripts")

    row.locator(f"a[href='{customer.get_absolute_url()}']").first.click()
    page.wait_for_url(f"{live_server.url}{customer.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("張偉")
    page.click(f"a[href$='/sales/opportunities/add/?customer={customer.pk}']")
    # the customer is already chosen; the clerk states the need and the next step
    expect(page.locator("#id_customer")).to_have_value(str(customer.pk))
    page.select_option("#id_need", "critical_illness")
    page.select_option("#id_channel", "referral")
    page.fill("#id_next_action", "電話約見面")
    page.click("#object-form button[type=submit]")
    expect(page.locator(".page-title")).to_contain_text("張偉")
    screenshot(page, "opportunity")

    opportunity = Opportunity.objects.get(customer=customer)
    assert opportunity.need == "critical_illness" and opportunity.owner == salesperson
