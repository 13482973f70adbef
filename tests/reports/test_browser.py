"""In the browser: a supervisor looks at the team dashboard, goes to the report archive,
opens last month's team report and downloads its Excel and PDF files."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from core.models import ExportLog
from reports import services
from reports.statistics import Scope
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_downloads_last_months_report(
    login, supervisor, salesperson, team_a, live_server, screenshot, tmp_path
):
    sell(salesperson, day_in(LAST_MONTH), "15000.75", customer_name="王大明")
    for scope in (Scope.company(), Scope.team(team_a)):
        snapshot = services.snapshot_request(scope=scope, period=LAST_MONTH)
        services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)

    page = login(supervisor)
    page.goto(f"{live_server.url}/reports/dashboard/team/{team_a.pk}/")
    expect(page.locator("h1")).to_contain_text(team_a.name)
    screenshot(page, "team-dashboard")

    # the archive, from the menu: only the team's report (not the company's)
    page.click("a[href='/reports/snapshots/']")
    rows = page.locator("tr[data-status]")
    expect(rows).to_have_count(1)
    screenshot(page, "archive")
    rows.first.locator(f"a:has-text('{LAST_MONTH.label}')").click()
    expect(page.locator("#report-figures")).to_contain_text("¥15,000.75")
    screenshot(page, "report")

    with page.expect_download() as info:
        page.click("#download-xlsx")
    xlsx = tmp_path / info.value.suggested_filename
    info.value.save_as(xlsx)
    assert xlsx.name == f"report-team-{team_a.pk}-{LAST_MONTH.label}.xlsx"
    wb = load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert len(wb.sheetnames) == 8

    with page.expect_download() as info:
        page.click("#download-pdf")
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "王大明" in text and "¥15,000.75" in text

    assert list(
        ExportLog.objects.filter(user=supervisor)
        .order_by("pk")
        .values_list("file_format", flat=True)
    ) == ["xlsx", "pdf"]
