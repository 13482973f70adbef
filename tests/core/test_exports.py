"""The Excel and PDF helpers, the export log, and the list pages' Excel export."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from core import exports
from core.exports import Column, Sheet, excel_response, render_pdf, write_workbook
from core.models import ExportLog
from tests.factories import make_employee

pytestmark = pytest.mark.django_db


# --- PDF ----------------------------------------------------------------------------------


def pdf_fonts(reader):
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_pdf_renders_chinese_text_in_a_cjk_font(hr, language):
    with translation.override(language):
        data = render_pdf("pdf/base.html", {"body": "客戶 張偉"}, user=hr, title="客戶報告")
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    for word in ("客戶", "張偉", "客戶報告"):
        assert word in text
    fonts = pdf_fonts(reader)
    assert any(marker in name for name in fonts for marker in ("Noto", "CJK", "WenQuanYi")), fonts


def test_pdf_carries_the_watermark_and_page_numbers(hr):
    with translation.override("en"):
        data = render_pdf("pdf/base.html", {"body": "body"}, user=hr, title="Report")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert hr.display_name in text
    assert "exported by" in text
    assert "Page 1 / 1" in text


def test_pdf_response_logs_the_export(hr):
    request = RequestFactory().get("/report/", REMOTE_ADDR="10.1.2.3")
    request.user = hr
    response = exports.pdf_response(
        request,
        template_name="pdf/base.html",
        context={"body": "x"},
        filename="報告.pdf",
        what="Team report",
        row_count=3,
        filters={"team": "A", "q": ""},
    )
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf" in response["Content-Disposition"]
    log = ExportLog.objects.get()
    assert (log.user, log.what, log.file_format, log.row_count) == (hr, "Team report", "pdf", 3)
    assert log.filters == {"team": "A"}
    assert log.ip_address == "10.1.2.3"


# --- Excel --------------------------------------------------------------------------------


def sample_sheet():
    return Sheet(
        "Premiums",
        [
            Column("Customer", width=20),
            Column("Premium", number_format=exports.MONEY, total=True),
            Column("Policies", number_format=exports.INTEGER, total=True),
            Column("Signed", number_format=exports.DATE),
        ],
        [
            ("張偉", Decimal("1234.56"), 2, dt.date(2026, 1, 5)),
            ("=1+1", Decimal("-5.00"), 1, dt.date(2026, 1, 6)),
            ("+86 138", Decimal("0.44"), 0, None),
            ("-2+3", Decimal("10"), 4, dt.date(2026, 2, 1)),
            ("@SUM(A1:A2)", Decimal("1"), 1, dt.date(2026, 2, 2)),
        ],
    )


def build(user, sheets=None, **kwargs):
    out = io.BytesIO()
    with translation.override("en"):
        rows = write_workbook(out, sheets or [sample_sheet()], user=user, **kwargs)
    out.seek(0)
    return rows, load_workbook(out)


def test_workbook_reads_back_with_header_formats_and_totals(hr):
    rows, wb = build(hr, title="Premiums", filters={"team": "A", "q": ""})
    assert rows == 5
    assert wb.sheetnames == ["Premiums", "Export information"]
    ws = wb["Premiums"]
    assert [c.value for c in ws[1]] == ["Customer", "Premium", "Policies", "Signed"]
    assert ws[1][0].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D6"
    assert ws.column_dimensions["A"].width == 20

    assert ws["A2"].value == "張偉"
    assert ws["B2"].value == pytest.approx(1234.56)
    assert ws["B2"].number_format == exports.MONEY
    assert ws["C2"].number_format == exports.INTEGER
    assert ws["D2"].number_format == exports.DATE
    assert ws["D2"].value.date() == dt.date(2026, 1, 5)

    total = [c.value for c in ws[7]]
    assert total[0] == "Total"
    assert total[1] == pytest.approx(1241.0)
    assert total[2] == 8
    assert total[3] is None
    assert ws["B7"].font.bold
    assert ws.max_row == 7


def test_export_information_sheet_names_the_user_and_filters(hr):
    _rows, wb = build(hr, title="Premiums", filters={"team": "A", "q": ""})
    info = {row[0]: row[1] for row in wb["Export information"].iter_rows(values_only=True)}
    assert info["Title"] == "Premiums"
    assert info["Exported by"] == hr.display_name
    assert info["Rows"] == 5
    assert info["Filter: team"] == "A"
    assert "Filter: q" not in info
    assert hr.display_name in info["Classification"]
    assert isinstance(info["Exported at"], dt.datetime)
    assert wb.properties.creator == hr.username


@pytest.mark.parametrize(
    ("cell", "text"),
    [("A3", "=1+1"), ("A4", "+86 138"), ("A5", "-2+3"), ("A6", "@SUM(A1:A2)")],
)
def test_formula_like_text_comes_back_as_text(hr, cell, text):
    _rows, wb = build(hr)
    ws = wb["Premiums"]
    assert ws[cell].data_type == "s"
    assert ws[cell].value == text


def test_formula_injection_in_the_information_sheet_too(hr):
    _rows, wb = build(hr, title='=HYPERLINK("http://evil")', filters={"q": "=cmd|' /C calc'!A0"})
    for row in wb["Export information"].iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value


def test_negative_numbers_stay_numbers(hr):
    _rows, wb = build(hr)
    assert wb["Premiums"]["B3"].data_type == "n"


def test_aware_datetimes_are_written_in_local_time(hr):
    when = dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.UTC)  # 08:30 in Shanghai
    sheet = Sheet("Visits", [Column("When", number_format=exports.DATETIME)], [(when,)])
    _rows, wb = build(hr, [sheet])
    assert wb["Visits"]["A2"].value == dt.datetime(2026, 1, 1, 8, 30)


def test_empty_sheet_still_has_its_header_and_filter(hr):
    sheet = Sheet("Nothing", [Column("A"), Column("B")], [])
    rows, wb = build(hr, [sheet])
    assert rows == 0
    assert wb["Nothing"].auto_filter.ref == "A1:B1"
    assert [c.value for c in wb["Nothing"][1]] == ["A", "B"]


def test_excel_response_logs_who_what_filters_and_rows(hr):
    request = RequestFactory().get("/x/", REMOTE_ADDR="10.0.0.9")
    request.user = hr
    response = excel_response(
        request,
        filename="premiums.xlsx",
        sheets=[sample_sheet()],
        what="Premiums",
        filters={"team": "A", "status": ""},
    )
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert "premiums.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb["Premiums"].max_row == 7
    log = ExportLog.objects.get()
    assert (log.user, log.what, log.file_format, log.row_count) == (hr, "Premiums", "xlsx", 5)
    assert log.filters == {"team": "A"}
    assert log.ip_address == "10.0.0.9"


# --- list pages ---------------------------------------------------------------------------


def exported_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb.worksheets[0]
    return list(ws.iter_rows(min_row=2, values_only=True))


def test_employee_export_has_the_filtered_rows_only(personas, client_for, team_a, team_b):
    make_employee("salesperson", team=team_b, name="=HYPERLINK(1)")
    hr = personas["hr"]
    response = client_for(hr).get(f"/org/employees/?team={team_a.pk}&export=xlsx")
    rows = exported_rows(response)
    names = sorted(row[1] for row in rows)
    expected = sorted(
        p.employee.name
        for p in (personas["clerk"], personas["salesperson"], personas["supervisor"])
    )
    assert names == expected
    log = ExportLog.objects.get()
    assert log.user == hr
    assert log.row_count == 3
    assert log.filters == {"team": str(team_a.pk)}


def test_export_is_restricted_like_the_list(personas, client_for, team_b):
    make_employee("salesperson", team=team_b, name="=HYPERLINK(1)")
    rows = exported_rows(client_for(personas["supervisor"]).get("/org/employees/?export=xlsx"))
    assert len(rows) == 3  # team A only
    rows = exported_rows(client_for(personas["hr"]).get("/org/employees/?export=xlsx&q=HYPER"))
    assert [row[1] for row in rows] == ["=HYPERLINK(1)"]


def test_export_with_invalid_filters_is_empty(personas, client_for):
    rows = exported_rows(client_for(personas["hr"]).get("/org/employees/?team=999999&export=xlsx"))
    assert rows == []


def test_team_export(personas, client_for):
    rows = exported_rows(client_for(personas["hr"]).get("/org/teams/?export=xlsx"))
    assert sorted(row[1] for row in rows) == ["Team A", "Team B"]


def test_formatted_cells_keep_each_rows_value_and_format(hr):
    """A column's formatted cell is reused from row to row: every row keeps its own value,
    and each format stays with its column (money, count, date-time, percent, plain)."""
    when = dt.datetime(2026, 3, 1, 9, 30)
    rows = [
        (Decimal(i) + Decimal("0.25"), i * 1000, when + dt.timedelta(days=i), i / 100, f"r{i}")
        for i in range(1, 40)
    ]
    columns = [
        Column("money", number_format=exports.MONEY, total=True),
        Column("count", number_format=exports.INTEGER),
        Column("when"),
        Column("share", number_format=exports.PERCENT),
        Column("plain"),
    ]
    _count, workbook = build(hr, [Sheet("Rows", columns, iter(rows))])
    ws = workbook["Rows"]
    got = list(ws.iter_rows(min_row=2, max_row=len(rows) + 1))
    for (money, count, at, share, text), want in zip(got, rows, strict=True):
        assert (money.value, count.value, at.value, share.value, text.value) == (
            float(want[0]),
            want[1],
            want[2],
            want[3],
            want[4],
        )
        assert money.number_format == exports.MONEY and count.number_format == exports.INTEGER
        assert at.number_format == exports.DATETIME and share.number_format == exports.PERCENT
        assert text.number_format == "General"
    total = ws.cell(row=len(rows) + 2, column=1)
    assert total.value == float(sum(r[0] for r in rows))
