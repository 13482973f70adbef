"""In the browser: HR opens a month, computes it, reviews, approves and locks it; the
employee then finds the payslip under My payslips and downloads its PDF."""

import datetime as dt
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from payroll.models import PayItem, PayrollRun

from .pay_factories import make_item, make_paid_employee, pay_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_runs_a_month_and_the_employee_downloads_the_payslip(login, hr, live_server, screenshot):
    pay_setup()
    employee = make_paid_employee(name="王小明")
    make_item(employee, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))

    page = login(hr)
    page.goto(f"{live_server.url}/payroll/months/add/")
    page.fill("#id_year", "2026")
    page.fill("#id_month", "1")
    page.click("button.btn-primary[type=submit]")
    run = PayrollRun.objects.get(year=2026, month=1)
    page.wait_for_url(f"{live_server.url}{run.get_absolute_url()}")
    page.click("[data-testid=compute]")
    # the job's progress page; the job ran, back to the month
    page.wait_for_url("**/jobs/**")
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    review = page.locator("[data-testid=review]")
    expect(review).to_contain_text("王小明")
    expect(review).to_contain_text("8,298.00")
    screenshot(page, "review")
    page.click("[data-testid=approve]")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=lock]")
    expect(page.locator("[data-testid=lock]")).to_have_count(0)
    run.refresh_from_db()
    assert run.status == PayrollRun.Status.LOCKED

    page = login(employee.user)
    page.goto(f"{live_server.url}/payroll/my-payslips/")
    page.click("text=2026-01")
    expect(page.locator("[data-testid=net]")).to_contain_text("8,298.00")
    screenshot(page, "payslip")
    with page.expect_download() as download:
        page.click("[data-testid=payslip-pdf]")
    assert download.value.suggested_filename.endswith(".pdf")
