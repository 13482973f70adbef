"""Attendance and leave pages: query counts pinned (2 rows and 30 cost the same), the month
grid, My leave, the Excel import (all or nothing, errors by row), the benefits summary and
the appraisal evidence."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from core import evidence
from core.services import save_checked
from org.models import CalendarDay
from payroll.attendance import importer
from payroll.attendance.evidence import attendance_evidence
from payroll.models import AttendanceRecord
from tests.factories import make_employee

from .factories_attendance import (
    approved_leave,
    make_attendance,
    make_benefit,
    make_leave,
    make_overtime,
)

pytestmark = pytest.mark.django_db

# warm: session, user, then the page (count, rows) and the drop-downs
LIST_QUERIES = 5
LISTS = (
    "payroll:leaverequest_list",
    "payroll:attendancerecord_list",
    "payroll:overtimerecord_list",
    "payroll:annualleaveaccount_list",
    "payroll:benefitrecord_list",
    "payroll:leavetype_list",
)


def _rows(user, supervisor, n, start):
    from payroll.attendance import services

    for i in range(n):
        person = make_employee("salesperson", team=user.employee.team, username=f"p{start}{i}")
        day = dt.date(2026, 3, 2) + dt.timedelta(days=i % 5)
        make_leave(person, start=day)
        make_attendance(person, day=day, status="late")
        make_overtime(person, day=day)
        make_benefit(person, day=day)
        services.annual_leave_account_open(actor=None, employee=person.employee, year=2026)


def _count(client, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", LISTS)
def test_lists_cost_the_same_for_few_and_many_rows(
    url_name, hr, salesperson, supervisor, client_for, django_assert_num_queries
):
    client = client_for(hr)
    url = reverse(url_name)
    _rows(salesperson, supervisor, 2, "a")
    few = _count(client, url, django_assert_num_queries)
    _rows(salesperson, supervisor, 28, "b")
    many = _count(client, url, django_assert_num_queries)
    assert few == many
    assert many == LIST_QUERIES


def test_month_grid_marks_holidays_and_costs_the_same(
    hr, salesperson, supervisor, client_for, django_assert_num_queries
):
    save_checked(CalendarDay(day=dt.date(2026, 4, 6), kind="statutory", name="清明節"), None)
    save_checked(CalendarDay(day=dt.date(2026, 4, 26), kind="makeup", name="勞動節調休"), None)
    make_attendance(salesperson, day=dt.date(2026, 4, 1), status="late")
    approved_leave(salesperson, supervisor, start=dt.date(2026, 4, 2))
    client = client_for(hr)
    url = reverse("payroll:attendance_month") + "?month=2026-04"
    few = _count(client, url, django_assert_num_queries)
    _rows(salesperson, supervisor, 10, "c")
    assert _count(client, url, django_assert_num_queries) == few
    assert few == 8
    page = client.get(url).content.decode()
    assert "清明節" in page and "勞動節調休" in page
    row = next(
        r for r in client.get(url).context["grid"]["rows"] if r["employee"] == salesperson.employee
    )
    assert (row["late"], row["leave"]) == (1, 1)
    # the supervisor sees the team, the salesperson only themself
    grid = client_for(salesperson).get(url).context["grid"]
    assert [r["employee"] for r in grid["rows"]] == [salesperson.employee]
    grid = client_for(supervisor).get(url).context["grid"]
    assert salesperson.employee in [r["employee"] for r in grid["rows"]]


def test_my_leave_shows_the_balance(salesperson, supervisor, client_for):
    approved_leave(
        salesperson, supervisor, code="annual", start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 3)
    )
    response = client_for(salesperson).get(reverse("payroll:leave_mine"))
    balance = response.context["balance"]
    assert balance.entitlement == 5
    if dt.date.today().year == 2026:
        assert balance.remaining == 3


def test_request_form_refuses_with_the_field_named(salesperson, client_for):
    from payroll.models import LeaveType

    from .factories_attendance import leave_types

    leave_types()
    response = client_for(salesperson).post(
        reverse("payroll:leaverequest_add"),
        {
            "leave_type": LeaveType.objects.get(code="personal").pk,
            "start": "2026-03-07",
            "end": "2026-03-08",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"]


def _upload(rows, header=("工號", "姓名", "日期", "狀態", "上班時間", "下班時間", "備註")):
    wb = Workbook()
    ws = wb.active
    ws.title = "考勤"
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("a.xlsx", out.getvalue())


def test_import_is_all_or_nothing_with_row_errors(hr, salesperson):
    no = salesperson.employee.employee_no
    result = importer.attendance_import(
        actor=hr,
        upload=_upload(
            [
                (no, "", "2026-03-02", "出勤", "09:01", "18:00", ""),
                ("X999", "", "2026-03-02", "出勤", None, None, ""),
                (no, "", "2026-13-40", "遲到", None, None, ""),
                (no, "", "2026-03-03", "睡覺", "9點", None, ""),
            ]
        ),
    )
    assert not result.ok and result.imported == 0
    assert sorted(result.errors) == [3, 4, 5]
    assert "工號" in result.errors[3][0]
    assert "日期" in result.errors[4][0]
    assert any("狀態" in e for e in result.errors[5]) and any(
        "上班時間" in e for e in result.errors[5]
    )
    assert not AttendanceRecord.objects.exists()
    result = importer.attendance_import(
        actor=hr,
        upload=_upload(
            [
                (no, "", dt.datetime(2026, 3, 2), "出勤", "09:01", "18:00", ""),
                (no, "", "2026-03-03", "迟到", dt.time(9, 40), None, "地鐵延誤"),
            ]
        ),
    )
    assert result.ok and result.imported == 2
    assert AttendanceRecord.objects.get(day=dt.date(2026, 3, 3)).status == "late"


def test_import_page_and_template(hr, client_for):
    client = client_for(hr)
    template = client.get(reverse("payroll:attendance_template"))
    wb = load_workbook(
        io.BytesIO(b"".join(template.streaming_content) if template.streaming else template.content)
    )
    assert [c.value for c in wb["考勤"][1]][:4] == ["工號*", "姓名", "日期*", "狀態*"]
    response = client.post(
        reverse("payroll:attendance_import"), {"file": _upload([("X1", "", "x", "出勤")])}
    )
    assert response.status_code == 200 and response.context["result"].errors


def test_benefit_summary_excel(hr, salesperson, other_salesperson, client_for):
    make_benefit(salesperson, kind="health_check", cost=D("800"))
    make_benefit(salesperson, kind="holiday", holiday="spring", cost=D("500.50"))
    make_benefit(other_salesperson, kind="birthday", cost=D("200"))
    make_benefit(other_salesperson, kind="trip", cost=D("1500"), day=dt.date(2025, 9, 1))
    response = client_for(hr).get(reverse("payroll:benefit_summary", args=[2026]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    by_kind = wb.worksheets[1] if wb.worksheets[0].title != "By employee" else wb["By kind"]
    values = [[c.value for c in row] for row in by_kind.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert D("1500.50") in [D(str(v)) for v in flat if isinstance(v, (int, float))]
    # the employee's own summary holds only their records
    response = client_for(salesperson).get(reverse("payroll:benefit_summary", args=[2026]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert other_salesperson.employee.name not in text


def test_evidence_provider(salesperson, supervisor):
    assert attendance_evidence in evidence.providers()
    make_attendance(salesperson, day=dt.date(2026, 3, 3), status="late")
    make_attendance(salesperson, day=dt.date(2026, 3, 4), status="absent")
    make_attendance(salesperson, day=dt.date(2026, 3, 5), status="present")
    make_attendance(salesperson, day=dt.date(2026, 4, 1), status="late")  # outside
    approved_leave(
        salesperson, supervisor, code="sick", start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 10)
    )
    with translation.override("en"):
        (group,) = attendance_evidence(
            salesperson.employee, dt.date(2026, 3, 1), dt.date(2026, 4, 1)
        )
    assert group.code == "attendance"
    values = {str(line.label): line.value for line in group.lines}
    assert values["Days late"] == "1" and values["Days absent without leave"] == "1"
    assert values["Leave: 病假"] == "2"
    (empty,) = attendance_evidence(salesperson.employee, dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    assert empty.lines == []


def test_my_work_counts_what_waits_for_the_supervisor(
    salesperson, supervisor, other_salesperson, hr, django_assert_num_queries
):
    from payroll.attendance.providers import decisions_waiting

    make_leave(salesperson)
    make_leave(other_salesperson)
    make_overtime(salesperson)
    decisions_waiting(supervisor)  # the access profile and permissions, once
    with django_assert_num_queries(2):
        items = decisions_waiting(supervisor)
    assert [i.count for i in items] == [1, 1]
    for n in range(5):
        person = make_employee("salesperson", team=salesperson.employee.team, username=f"w{n}")
        make_leave(person)
    with django_assert_num_queries(2):
        items = decisions_waiting(supervisor)
    assert [i.count for i in items] == [6, 1]
    assert [i.count for i in decisions_waiting(hr)] == [7, 1]
    assert [i.count for i in decisions_waiting(salesperson)] == []
