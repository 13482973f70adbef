"""In the browser: an employee requests annual leave on My leave, the supervisor opens it
from My work and approves it, and the employee sees the balance drop."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from payroll.models import LeaveRequest

from .factories_attendance import leave_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _next_weekday(day):
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def test_employee_requests_leave_supervisor_approves_balance_drops(
    login, salesperson, supervisor, live_server, screenshot
):
    types = leave_types()
    today = dt.date.today()
    start = _next_weekday(today + dt.timedelta(days=14))
    if start.year != today.year:  # keep the leave in this year's balance
        start = _next_weekday(dt.date(today.year, 12, 1) if today.month < 12 else today)

    page = login(salesperson)
    page.goto(f"{live_server.url}/payroll/my-leave/")
    expect(page.locator("#balance-remaining")).to_have_text("5")
    page.click("#request-leave")
    page.select_option("#id_leave_type", str(types["annual"].pk))
    page.fill("#id_start", start.isoformat())
    page.fill("#id_end", start.isoformat())
    page.fill("#id_reason", "回老家")
    screenshot(page, "request-form")
    page.locator("form button[type=submit]").last.click()
    request = LeaveRequest.objects.get(employee=salesperson.employee)
    assert request.status == "pending" and request.days == 1

    page = login(supervisor)
    page.goto(f"{live_server.url}/")
    page.locator("a[href*='/payroll/leave-requests/?status=pending']").first.click()
    page.locator("#table-area a[href*='/payroll/leave-requests/']").first.click()
    screenshot(page, "decide")
    page.click("#leave-approve")
    expect(page.locator("body")).to_contain_text(supervisor.employee.name)
    request.refresh_from_db()
    assert request.status == "approved"

    page = login(salesperson)
    page.goto(f"{live_server.url}/payroll/my-leave/")
    expect(page.locator("#balance-remaining")).to_have_text("4")
    screenshot(page, "balance")
