"""Reads of attendance and leave: the lists' querysets (restricted by the views), what a
supervisor has to decide, the employees whose attendance a user may see, and the month
grid."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from core.permissions import get_profile
from org import calendar

from ..models import (
    AnnualLeaveAccount,
    Approval,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)
from ..models.attendance import ALL_ROWS_ROLES
from .collector import month_bounds
from .days import leave_days_between


def attendance_list():
    return AttendanceRecord.objects.select_related("employee", "employee__team")


def overtime_list():
    return OvertimeRecord.objects.select_related("employee", "employee__team")


def leave_type_list():
    return LeaveType.objects.all()


def leave_request_list():
    return LeaveRequest.objects.select_related(
        "employee", "employee__team", "leave_type", "decided_by"
    )


def leave_account_list():
    return AnnualLeaveAccount.objects.select_related("employee", "employee__team")


def benefit_list():
    return BenefitRecord.objects.select_related("employee", "employee__team")


def leave_to_decide(*, user):
    """Pending leave requests of the teams ``user`` leads (every team for HR), not their own."""
    if not user.has_perm("payroll.approve_leaverequest"):
        return LeaveRequest.objects.none()
    return (
        LeaveRequest.objects.visible_to(user, "approve")
        .filter(status=Approval.PENDING)
        .exclude(employee__user=user)
    )


def overtime_to_decide(*, user):
    if not user.has_perm("payroll.approve_overtimerecord"):
        return OvertimeRecord.objects.none()
    return (
        OvertimeRecord.objects.visible_to(user, "approve")
        .filter(status=Approval.PENDING)
        .exclude(employee__user=user)
    )


def attendance_employees(*, user, team=None):
    """The employees whose attendance ``user`` sees: everyone for HR and management, else
    themself and the members of the teams they lead; people who left before are kept only
    while they have records (the caller filters by dates)."""
    from org.models import Employee

    if not user.has_perm("payroll.view_attendancerecord"):
        return Employee.objects.none()
    rows = Employee.objects.select_related("team")
    profile = get_profile(user)
    if not (user.is_superuser or (profile.company_wide and profile.role in ALL_ROWS_ROLES)):
        rows = rows.filter(Q(user=user) | Q(team__supervisor=user))
    if team is not None:
        rows = rows.filter(team=team)
    return rows.order_by("team__name", "employee_no")


SYMBOLS = {
    AttendanceRecord.Status.PRESENT: "✓",
    AttendanceRecord.Status.LATE: "遲",
    AttendanceRecord.Status.ABSENT: "缺",
    AttendanceRecord.Status.LEAVE: "假",
    AttendanceRecord.Status.TRIP: "差",
}


def month_grid(*, user, year, month, team=None):
    """The month's grid: ``days`` (date, working?, calendar entry) and ``rows`` (employee,
    cells by day, late / absent / leave totals). Four queries."""
    first, last = month_bounds(year, month)
    entries = calendar.calendar_days(first, last)
    days = []
    day = first
    while day <= last:
        days.append(
            {
                "day": day,
                "working": calendar.is_working_day(day, entries),
                "entry": entries.get(day),
            }
        )
        day += dt.timedelta(days=1)
    employees = [
        e
        for e in attendance_employees(user=user, team=team)
        if e.hire_date <= last and (e.left_on is None or e.left_on >= first)
    ]
    ids = [e.pk for e in employees]
    records = defaultdict(dict)
    for record in AttendanceRecord.objects.filter(employee_id__in=ids, day__range=(first, last)):
        records[record.employee_id][record.day] = record
    leave = defaultdict(dict)
    leave_days = defaultdict(Decimal)
    for request in LeaveRequest.objects.filter(
        employee_id__in=ids, status=Approval.APPROVED, start__lte=last, end__gte=first
    ).select_related("leave_type"):
        leave_days[request.employee_id] += leave_days_between(request, first, last, entries)
        d = max(request.start, first)
        while d <= min(request.end, last):
            leave[request.employee_id][d] = request.leave_type
            d += dt.timedelta(days=1)
    rows = []
    for employee in employees:
        cells = []
        late = absent = 0
        for info in days:
            record = records[employee.pk].get(info["day"])
            leave_type = leave[employee.pk].get(info["day"])
            symbol, title, status = "", "", ""
            if record is not None:
                status = record.status
                symbol = SYMBOLS[record.status]
                title = record.get_status_display()
                late += record.status == AttendanceRecord.Status.LATE
                absent += record.status == AttendanceRecord.Status.ABSENT
            if leave_type is not None and info["working"]:
                symbol, title, status = "假", leave_type.name, "leave"
            cells.append({"symbol": symbol, "title": title, "status": status, **info})
        rows.append(
            {
                "employee": employee,
                "cells": cells,
                "late": late,
                "absent": absent,
                "leave": leave_days[employee.pk],
            }
        )
    return {"days": days, "rows": rows, "first": first, "last": last}
