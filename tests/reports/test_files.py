"""The report files read back: the workbook's sheets, headers, formats and totals; the PDF's
text (Chinese in a real font, the figures, the page numbers)."""

import io

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from core import exports
from reports import services, statistics
from reports.statistics import Scope
from tests.reports import factories as f
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(team_a, supervisor, salesperson, clerk):
    """Team A's report of last month: two sales, one visit, a monthly target."""
    day = day_in(LAST_MONTH)
    sell(salesperson, day, "12000.50", customer_name="王大明")
    sell(salesperson, day, "3000.25", customer_name="李小華")
    cust = f.customer(salesperson, name="陳美玲")
    f.visit(cust, starts_at=f.local(day.year, day.month, day.day, 10))
    f.target(team_a, LAST_MONTH.start, user=salesperson, premium="20000", new_policies=4)
    snapshot = services.snapshot_request(scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk)
    return services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)


def company_text(source):
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(source)


def test_workbook_sheets_headers_formats_and_totals(report, salesperson):
    with report.excel.open("rb") as fh:
        wb = load_workbook(io.BytesIO(fh.read()))
    expected_sheets = [
        company_text(name)
        for name in (
            "Summary",
            "By salesperson",
            "By team",
            "By product",
            "By insurer",
            "By channel",
            "New policy details",
            "Export information",
        )
    ]
    assert wb.sheetnames == [s[:31] for s in expected_sheets]

    summary = wb[wb.sheetnames[0]]
    assert summary.freeze_panes == "A2"
    assert summary.auto_filter.ref.startswith("A1:H")
    assert [c.value for c in summary[1]][:3] == [
        company_text("Figure"),
        company_text("Actual"),
        company_text("Target"),
    ]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=2)}
    with translation.override(settings.LANGUAGE_CODE):
        premium_label = str(statistics.FIGURES_BY_KEY["premium_total"].label)
        policies_label = str(statistics.FIGURES_BY_KEY["new_policies"].label)
        first_year_label = str(statistics.FIGURES_BY_KEY["premium_first_year"].label)
    premium = rows[premium_label]
    assert str(premium[1].value) == "15000.75"
    assert premium[1].number_format == exports.MONEY
    policies = rows[policies_label]
    assert policies[1].value == 2 and policies[1].number_format == exports.INTEGER
    first_year = rows[first_year_label]
    assert first_year[2].value == 20000  # the month's target
    assert first_year[3].number_format == exports.PERCENT  # completion
    assert float(first_year[3].value) == pytest.approx(15000.75 / 20000, abs=1e-4)

    people = wb[wb.sheetnames[1]]
    header = [c.value for c in people[1]]
    assert header[0] == company_text("Salesperson")
    col = header.index(premium_label)
    data = list(people.iter_rows(min_row=2, values_only=True))
    by_name = {row[0]: row for row in data}
    assert str(by_name[salesperson.display_name][col]) == "15000.75"
    total_row = data[-1]
    assert total_row[0] == company_text("Total")
    assert str(total_row[col]) == "15000.75"

    detail = wb[wb.sheetnames[6]]
    detail_header = [c.value for c in detail[1]]
    with translation.override(settings.LANGUAGE_CODE):
        assert detail_header == [str(c) for c in statistics.NEW_POLICY_COLUMNS]
    detail_rows = list(detail.iter_rows(min_row=2, values_only=True))
    assert {r[3] for r in detail_rows[:-1]} == {"王大明", "李小華"}
    premium_col = 9
    assert detail[2][premium_col].number_format == exports.MONEY
    assert detail_rows[-1][0] == company_text("Total")
    assert str(detail_rows[-1][premium_col]) == "15000.75"
    assert detail.freeze_panes == "A2" and detail.auto_filter.ref == "A1:O3"
    # sensible widths: set for every column
    assert all(detail.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJKLMNO")


def test_pdf_has_chinese_text_and_the_figures(report, team_a, salesperson):
    with report.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert team_a.name in text
    assert "王大明" in text and "李小華" in text  # the new policies, in a CJK font
    assert salesperson.display_name in text
    assert "¥15,000.75" in text
    assert LAST_MONTH.label in text
    assert f"1 / {len(reader.pages)}" in text.replace("\n", " ")
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("CJK" in name or "WenQuanYi" in name or "ZenHei" in name for name in fonts), fonts


def test_an_empty_period_still_gives_both_files(team_b):
    snapshot = services.snapshot_request(scope=Scope.team(team_b), period=LAST_MONTH)
    done = services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)
    assert done.is_ready and done.detail_rows == 0
    with done.pdf.open("rb") as fh:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    assert team_b.name in text
