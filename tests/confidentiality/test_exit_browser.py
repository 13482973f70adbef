"""In the browser: HR starts the exit audit of a salesperson who is still signed in, closes
the account on the leaving date, revokes the shares, hands the book over, ticks the laptop
returned and files the signed reminder; compliance reviews the last 90 days and closes the
audit. The leaver's open session is refused and the successor sees the book."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from confidentiality.models import ExitAudit
from core.roles import Role
from tests.customers.factories import PDF_BYTES, make_customer
from tests.factories import make_employee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, field, text):
    box = page.locator(f"#id_{field}_search")
    box.click()
    box.press_sequentially(text, delay=50)
    matches = page.locator(f"#id_{field}_results [data-value]")
    expect(matches).to_have_count(1)
    matches.first.click()


def test_an_exit_audit_from_hrs_start_to_compliances_close(
    login, hr, compliance, team_a, live_server, browser, screenshot, tmp_path
):
    leaver = make_employee(Role.SALESPERSON, team=team_a, username="leaver", name="歐陽離職")
    successor = make_employee(Role.SALESPERSON, team=team_a, username="heir", name="司馬接手")
    make_customer(leaver, name="交接客戶甲")
    scan = tmp_path / "reminder.pdf"
    scan.write_bytes(PDF_BYTES)

    # the leaver is signed in, in a browser of their own
    own = browser.new_context(locale="zh-TW")
    leaver_page = own.new_page()
    leaver_page.goto(f"{live_server.url}/accounts/login/")
    leaver_page.fill("#id_username", "leaver")
    leaver_page.fill("#id_password", "Test-Password-2026")
    leaver_page.click("button[type=submit]")
    leaver_page.wait_for_url(f"{live_server.url}/")
    assert leaver_page.goto(f"{live_server.url}/customers/customers/").status == 200

    page = login(hr)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/confidentiality/exits/add/")
    _pick(page, "employee", "歐陽")
    page.fill("#id_leaving_on", dt.date.today().isoformat())
    _pick(page, "successor", "司馬")
    page.fill("#id_devices", "筆記型電腦")
    screenshot(page, "exit-start")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("#exit-facts")).to_contain_text("司馬接手")
    expect(page.locator("#handover-table")).to_contain_text("1")
    page.click("#deactivate-button")
    expect(page.locator('[data-step="deactivated"]')).to_have_attribute("data-done", "1")
    page.click("#revoke-button")
    expect(page.locator('[data-step="grants"]')).to_have_attribute("data-done", "1")
    page.click("#handover-button")
    expect(page.locator('[data-step="handover"]')).to_have_attribute("data-done", "1")
    page.locator("#items form button").first.click()
    expect(page.locator('[data-step="items"]')).to_have_attribute("data-done", "1")
    page.set_input_files("#reminder-form input[type=file]", str(scan))
    page.locator("#reminder-form button[type=submit]").click()
    expect(page.locator("#reminder-link")).to_be_visible()
    screenshot(page, "exit-hr-done")

    # the leaver's session has ended: the next request is refused
    response = leaver_page.goto(f"{live_server.url}/customers/customers/")
    assert "/accounts/login/" in leaver_page.url
    assert response.status == 200  # the sign-in page, not the list
    own.close()

    page = login(compliance)
    audit = ExitAudit.objects.get(employee__user=leaver)
    page.goto(f"{live_server.url}{audit.get_absolute_url()}")
    page.click("#report-link")
    expect(page.locator("#views-table")).to_be_visible()
    screenshot(page, "exit-report")
    page.go_back()
    page.fill("#review-form textarea", "近90天無異常匯出。")
    page.locator("#review-form button[type=submit]").click()
    expect(page.locator('[data-step="activity"]')).to_have_attribute("data-done", "1")
    page.locator("#close-form button[type=submit]").click()
    expect(page.locator(".object-header")).to_contain_text("已結案")
    screenshot(page, "exit-closed")
    audit.refresh_from_db()
    assert audit.status == ExitAudit.Status.CLOSED

    page = login(successor)
    page.goto(f"{live_server.url}/customers/customers/")
    expect(page.locator("#table-area")).to_contain_text("交接客戶甲")
    screenshot(page, "successor-book")
