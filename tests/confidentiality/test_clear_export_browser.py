"""In the browser: a clerk's clear export above the row threshold waits for the supervisor's
approval in My work, runs as a job, and the clerk downloads it (core.clear_exports); and a
supervisor's first sign-in sets up two-factor sign-in by QR code."""

import base64
import io
from pathlib import Path

import openpyxl
import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from core import clear_exports, params
from core.models import ExportLog, ExportRequest
from tests.customers.factories import id_number, make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_large_clear_export_waits_for_the_supervisor(
    login, clerk, salesperson, supervisor, superuser, live_server, screenshot
):
    params.set_value(clear_exports.APPROVAL_ROWS.key, 2, actor=superuser)
    numbers = []
    for _n in range(3):
        numbers.append(id_number())
        make_customer(salesperson, id_type="prc_id", id_number=numbers[-1])

    page = login(clerk)
    page.goto(f"{live_server.url}/customers/customers/")
    page.click("#export-clear")
    expect(page.locator("#needs-approval")).to_be_visible()
    page.fill("#id_purpose", "年度保單檢視")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/core/export-requests/*/")
    request = ExportRequest.objects.get()
    assert request.status == "pending" and request.approver == supervisor
    screenshot(page, "clear-export-waiting")

    page = login(supervisor)  # with the second factor (tests/conftest.py login)
    expect(page.locator("#mywork-count")).to_be_visible()
    page.click("a[href^='/core/export-requests/']")
    page.click(f"a[href='/core/export-requests/{request.pk}/']")
    screenshot(page, "clear-export-approve")
    page.click("button:has-text('核准')")
    page.wait_for_url(f"**/core/export-requests/{request.pk}/**")
    request.refresh_from_db()
    assert request.status == "done" and request.file

    page = login(clerk)
    page.goto(f"{live_server.url}/core/export-requests/{request.pk}/")
    with page.expect_download() as info:
        page.click("#export-download")
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    values = {v for row in book.worksheets[0].iter_rows(values_only=True) for v in row}
    assert set(numbers) <= values
    log = ExportLog.objects.get(user=clerk)
    assert log.clear_values and log.purpose == "年度保單檢視" and log.row_count == 3


def test_supervisor_sets_up_two_factor_sign_in(supervisor, page, live_server, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", supervisor.username)
    page.fill("#id_password", "Test-Password-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/two-factor/enrol/**")
    expect(page.locator("#enrol-qr svg")).to_be_visible()
    screenshot(page, "two-factor-enrol")
    key = page.locator("#enrol-key").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.fill("#id_token", f"{TOTP(secret).token():06d}")
    page.click("#enrol-form button[type=submit]")
    page.wait_for_url("**/two-factor/codes/**")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    screenshot(page, "two-factor-codes")
    page.click("#codes-continue")
    page.wait_for_url(f"{live_server.url}/")
