"""A clerk enters a new customer: the ID number fills birth date and gender, a possible
duplicate is shown before saving, and the file is saved after confirming."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from customers.models import Customer
from tests.customers.factories import id_number, make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_enters_a_customer(login, clerk, salesperson, live_server, screenshot):
    existing = make_customer(salesperson, name="林志強", mobile="13900001111")
    number = id_number(dt.date(1986, 4, 23), male=False, region="440305")

    page = login(clerk)
    page.goto(f"{live_server.url}/customers/customers/add/")
    page.fill("#id_name", "林美華")
    page.fill("#id_id_number", number)
    # Derived at once from the ID number: birth date, gender, province.
    expect(page.locator("#id_birth_date")).to_have_value("1986-04-23")
    expect(page.locator("input[name=gender][value=female]")).to_be_checked()
    expect(page.locator("#id_province")).to_have_value("廣東省")
    expect(page.locator(".id-check")).to_have_class("form-text id-check text-success")
    page.fill("#id_mobile", "139 0000 1111")
    page.locator("#id_mobile").blur()
    warning = page.locator("#duplicate-warning")
    expect(warning).to_be_visible()
    expect(warning.locator("a")).to_have_attribute("href", existing.get_absolute_url())
    screenshot(page, "duplicate-warning")

    # the salesperson is chosen by typing part of the name into the picker
    page.locator("#id_owner_search").press_sequentially(salesperson.display_name[:4], delay=30)
    match = page.locator("#id_owner_results [data-value]", has_text=salesperson.display_name)
    match.click()
    expect(page.locator("#id_owner")).to_have_value(str(salesperson.pk))
    page.click("#object-form button[type=submit]")
    # Saving without confirming is refused, with the warning still shown.
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.locator("#duplicate-warning")).to_be_visible()
    page.check("#id_confirm_duplicate")
    page.click("#object-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/customers/customers/*/")
    expect(page.locator("h1")).to_contain_text("林美華")
    screenshot(page, "saved")

    customer = Customer.objects.get(name="林美華")
    assert customer.birth_date == dt.date(1986, 4, 23) and customer.gender == "female"
    assert customer.owner == salesperson and customer.clerk == clerk
    assert customer.history.get().history_user == clerk


def test_bad_checksum_is_flagged_while_typing(login, clerk, salesperson, live_server):
    page = login(clerk)
    page.goto(f"{live_server.url}/customers/customers/add/")
    good = id_number()
    page.fill("#id_id_number", good[:17] + ("0" if good[17] != "0" else "1"))
    expect(page.locator(".id-check")).to_have_class("form-text id-check text-danger")
    expect(page.locator("#id_birth_date")).to_have_value("")
