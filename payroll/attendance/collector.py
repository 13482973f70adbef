"""The month's attendance figures the payroll run reads (``payroll.inputs``).

For each employee of the month: unpaid days (absences without leave, unpaid leave), days
of leave paid in part (sick leave: the run deducts the unpaid share), approved overtime
hours by kind of day, untaken annual leave HR marked to be paid in this month, the times
late, and lines for the payslip's working. Five queries for any number of employees.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from org import calendar

from ..inputs import MonthAttendance
from ..models import (
    AnnualLeaveAccount,
    Approval,
    AttendanceRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)
from .days import leave_days_between

ZERO = Decimal("0")


def month_bounds(year, month):
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def _number(value):
    value = Decimal(value).normalize()
    return f"{value:f}"


def collector(employee_ids, year, month):
    """{employee_id: MonthAttendance} for the employees with anything to report."""
    ids = list(employee_ids)
    if not ids:
        return {}
    first, last = month_bounds(year, month)
    days = calendar.calendar_days(first, last)
    figures = defaultdict(
        lambda: {
            "unpaid_days": ZERO,
            "sick_days": ZERO,
            "overtime_hours": {},
            "untaken_leave_days": ZERO,
            "late_count": 0,
            "notes": [],
        }
    )
    leave = defaultdict(lambda: defaultdict(lambda: ZERO))  # employee -> type -> days
    for request in (
        LeaveRequest.objects.filter(
            employee_id__in=ids, status=Approval.APPROVED, start__lte=last, end__gte=first
        )
        .select_related("leave_type")
        .order_by("start", "pk")
    ):
        taken = leave_days_between(request, first, last, days)
        if not taken:
            continue
        kind = request.leave_type
        leave[request.employee_id][kind] += taken
        if kind.pay == LeaveType.Pay.UNPAID:
            figures[request.employee_id]["unpaid_days"] += taken
        elif kind.pay == LeaveType.Pay.PARTIAL:
            figures[request.employee_id]["sick_days"] += taken
    for employee_id, by_type in leave.items():
        for kind, taken in by_type.items():
            figures[employee_id]["notes"].append(
                _("Leave %(days)s days (%(type)s)") % {"days": _number(taken), "type": kind.name}
            )
    for row in (
        AttendanceRecord.objects.filter(
            employee_id__in=ids,
            day__range=(first, last),
            status__in=(AttendanceRecord.Status.ABSENT, AttendanceRecord.Status.LATE),
        )
        .values("employee_id", "status")
        .annotate(count=Count("id"))
        .order_by()
    ):
        entry = figures[row["employee_id"]]
        if row["status"] == AttendanceRecord.Status.ABSENT:
            entry["unpaid_days"] += row["count"]
            entry["notes"].append(_("Absent without leave %(days)s days") % {"days": row["count"]})
        else:
            entry["late_count"] += row["count"]
    for row in (
        OvertimeRecord.objects.filter(
            employee_id__in=ids, day__range=(first, last), status=Approval.APPROVED
        )
        .values("employee_id", "day_kind")
        .annotate(hours=Sum("hours"))
        .order_by()
    ):
        hours = figures[row["employee_id"]]["overtime_hours"]
        hours[row["day_kind"]] = hours.get(row["day_kind"], ZERO) + row["hours"]
    for employee_id, untaken in AnnualLeaveAccount.objects.filter(
        employee_id__in=ids, paid_in_month=first, untaken_paid_days__gt=0
    ).values_list("employee_id", "untaken_paid_days"):
        figures[employee_id]["untaken_leave_days"] += untaken
        figures[employee_id]["notes"].append(
            _("Untaken annual leave %(days)s days, paid at three times the daily wage")
            % {"days": _number(untaken)}
        )
    return {
        employee_id: MonthAttendance(**{**values, "notes": tuple(values["notes"])})
        for employee_id, values in figures.items()
    }
