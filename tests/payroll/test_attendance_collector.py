"""The collector the payroll run reads: its figures for a month, and a constant number of
queries whatever the number of employees."""

import datetime as dt
from decimal import Decimal as D

import pytest

from core.services import save_checked
from org.models import CalendarDay
from payroll import inputs
from payroll.attendance import services
from payroll.attendance.collector import collector
from tests.factories import make_employee

from .factories_attendance import approved_leave, make_attendance, make_leave, make_overtime

pytestmark = pytest.mark.django_db


def test_month_figures(salesperson, supervisor, hr):
    save_checked(CalendarDay(day=dt.date(2026, 4, 6), kind="statutory", name="清明節"), None)
    # personal leave 31 March – 2 April: 2 days in April (1 and 2), 1 in March
    approved_leave(
        salesperson,
        supervisor,
        code="personal",
        start=dt.date(2026, 3, 31),
        end=dt.date(2026, 4, 2),
    )
    approved_leave(
        salesperson,
        supervisor,
        code="sick",
        start=dt.date(2026, 4, 8),
        end_noon=True,
        end=dt.date(2026, 4, 9),
    )
    approved_leave(salesperson, supervisor, code="annual", start=dt.date(2026, 4, 10))
    make_leave(salesperson, code="personal", start=dt.date(2026, 4, 20))  # pending: nothing
    make_attendance(salesperson, day=dt.date(2026, 4, 13), status="absent")
    make_attendance(salesperson, day=dt.date(2026, 4, 14), status="late")
    make_attendance(salesperson, day=dt.date(2026, 4, 15), status="late")
    make_overtime(salesperson, day=dt.date(2026, 4, 7), hours=D("2"), approver=supervisor)
    make_overtime(salesperson, day=dt.date(2026, 4, 11), hours=D("4"), approver=supervisor)
    make_overtime(salesperson, day=dt.date(2026, 4, 6), hours=D("3"), approver=supervisor)
    make_overtime(salesperson, day=dt.date(2026, 4, 18), hours=D("5"))  # not approved
    account = services.annual_leave_account_open(actor=hr, employee=salesperson.employee, year=2026)
    services.annual_leave_mark_untaken(actor=hr, account=account, days=2, month=dt.date(2026, 4, 1))

    figures = collector([salesperson.employee.pk], 2026, 4)[salesperson.employee.pk]
    assert figures.unpaid_days == D("3")  # 2 days personal leave + 1 absent
    assert figures.sick_days == D("1.5")
    assert figures.late_count == 2
    assert figures.overtime_hours == {
        "working_day": D("2"),
        "rest_day": D("4"),
        "statutory_holiday": D("3"),
    }
    assert figures.untaken_leave_days == 2
    assert any("事假" in note for note in figures.notes)
    march = collector([salesperson.employee.pk], 2026, 3)[salesperson.employee.pk]
    assert march.unpaid_days == 1 and march.untaken_leave_days == 0
    # registered with the payroll run's registry
    assert inputs.month_inputs([salesperson.employee.pk], 2026, 4)[
        salesperson.employee.pk
    ].unpaid_days >= D("3")


def test_constant_queries(salesperson, supervisor, django_assert_num_queries):
    approved_leave(salesperson, supervisor, code="personal", start=dt.date(2026, 4, 1))
    ids = [salesperson.employee.pk]
    with django_assert_num_queries(5):
        collector(ids, 2026, 4)
    for n in range(10):
        user = make_employee("salesperson", team=salesperson.employee.team, username=f"x{n}")
        make_attendance(user, day=dt.date(2026, 4, 2), status="absent")
        approved_leave(user, supervisor, code="sick", start=dt.date(2026, 4, 3))
        ids.append(user.employee.pk)
    with django_assert_num_queries(5):
        result = collector(ids, 2026, 4)
    assert len(result) == 11
