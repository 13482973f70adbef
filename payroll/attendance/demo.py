"""Demo attendance and leave: the last two months and this month to date for every demo
employee, leave requests in every state, overtime, this year's annual leave accounts and
the year's benefits (idempotent: an employee who has records is left as they are)."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import demo
from core.services import save_checked
from org.calendar import working_days

from ..models import (
    AnnualLeaveAccount,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    OvertimeRecord,
)
from . import services


def _approver(employee, hr, admin=None):
    """The team's supervisor; HR for people without one; the administrator for HR."""
    team = employee.team
    if team is not None and team.supervisor_id and team.supervisor_id != employee.user_id:
        return team.supervisor
    if hr is not None and hr.pk != employee.user_id:
        return hr
    return admin or get_user_model().objects.filter(is_superuser=True).first()


def _leave(employee, code, start, end, types, **kwargs):
    moment = demo.at(start - dt.timedelta(days=7), 10)
    try:
        with demo.clock(moment):
            return services.leave_request_submit(
                actor=employee.user,
                employee=employee,
                leave_type=types[code],
                start=start,
                end=end,
                **kwargs,
            )
    except ValidationError:
        return None


def _seed_leave(employee, hr, types, workdays, today, rng):
    """Approved annual and sick leave in the past, one refused, one cancelled, one pending
    and one approved ahead."""
    approver = _approver(employee, hr)
    past = [d for d in workdays if d < today]
    ahead = working_days(today + dt.timedelta(days=7), today + dt.timedelta(days=40))
    made = []
    if len(past) > 30:
        start = past[rng.randrange(5, 15)]
        made.append(("approve", _leave(employee, "annual", start, start, types, reason="家事")))
        start = past[rng.randrange(20, 30)]
        made.append(
            ("approve", _leave(employee, "sick", start, start, types, end_noon=True, reason="感冒"))
        )
        start = past[rng.randrange(32, len(past))] if len(past) > 33 else past[-1]
        made.append(("refuse", _leave(employee, "personal", start, start, types, reason="辦證件")))
    if len(ahead) > 10:
        made.append(
            ("pending", _leave(employee, "annual", ahead[2], ahead[3], types, reason="旅遊"))
        )
        made.append(("approve", _leave(employee, "personal", ahead[8], ahead[8], types)))
        made.append(("cancel", _leave(employee, "comp_time", ahead[10], ahead[10], types)))
    for step, request in made:
        if request is None:
            continue
        with demo.clock(demo.at(min(request.start, today), 15)):
            if step == "approve":
                services.leave_request_approve(actor=approver, request=request, note="同意")
            elif step == "refuse":
                services.leave_request_refuse(
                    actor=approver, request=request, note="月底結算，人手不足，請改期"
                )
            elif step == "cancel":
                services.leave_request_cancel(actor=employee.user, request=request)


def _leave_days(employee):
    days = set()
    for request in LeaveRequest.objects.filter(employee=employee, status="approved"):
        d = request.start
        while d <= request.end:
            days.add(d)
            d += dt.timedelta(days=1)
    return days


def _seed_attendance(employee, workdays, today, rng, admin):
    on_leave = _leave_days(employee)
    for day in workdays:
        if day >= today or day < employee.hire_date:
            continue
        roll = rng.random()
        status, check_in = "present", dt.time(8, 50 + rng.randrange(0, 10))
        if day in on_leave:
            status, check_in = "leave", None
        elif roll < 0.06:
            status, check_in = "late", dt.time(9, 5 + rng.randrange(0, 40))
        elif roll < 0.075:
            status, check_in = "absent", None
        elif roll < 0.1:
            status, check_in = "trip", None
        save_checked(
            AttendanceRecord(
                employee=employee,
                day=day,
                status=status,
                check_in=check_in,
                check_out=dt.time(18, rng.randrange(0, 50)) if check_in else None,
            ),
            admin,
        )


def _seed_overtime(employee, workdays, today, hr):
    past = [d for d in workdays if d < today]
    if len(past) < 10 or employee.position not in ("salesperson", "clerk"):
        return
    approver = _approver(employee, hr)
    saturday = past[-10] + dt.timedelta(days=(5 - past[-10].weekday()) % 7)
    for day, hours in ((past[-8], Decimal("2")), (saturday, Decimal("4"))):
        if day >= today:
            continue
        with demo.clock(demo.at(day, 20)):
            record = services.overtime_record_save(
                actor=employee.user,
                record=OvertimeRecord(employee=employee, day=day, hours=hours, reason="月底衝刺"),
            )
            services.overtime_record_decide(actor=approver, record=record, approve=True)


BENEFITS = (
    # kind, holiday, month, day, description, cost
    ("holiday", "spring", 1, 20, "春節禮品卡", Decimal("800")),
    ("holiday", "dragon_boat", 5, 28, "端午粽子禮盒", Decimal("200")),
    ("health_check", "", 4, 15, "年度體檢", Decimal("1200")),
    ("trip", "", 6, 20, "部門旅遊（杭州兩日）", Decimal("1500")),
    ("holiday", "mid_autumn", 9, 20, "中秋月餅禮盒", Decimal("300")),
)


def _seed_benefits(employee, year, today, admin):
    if BenefitRecord.objects.filter(employee=employee, day__year=year).exists():
        return
    rows = [
        *BENEFITS,
        ("birthday", "", employee.hire_date.month, 1, "生日蛋糕券", Decimal("200")),
    ]
    for kind, holiday, month, day, description, cost in rows:
        when = dt.date(year, month, day)
        if when > today:
            continue
        save_checked(
            BenefitRecord(
                employee=employee,
                kind=kind,
                holiday=holiday,
                day=when,
                description=description,
                cost=cost,
            ),
            admin,
        )


def seed_attendance(context):
    """Attendance, leave, overtime, accounts and benefits of the demo employees."""
    from org.models import Employee

    rng = context["rng"]
    admin = context.get("admin")
    hr = get_user_model().objects.filter(username="hr1").first() or admin
    today = timezone.localdate()
    types = services.leave_types_ensure()
    first = demo.month_start(today, 2)
    workdays = working_days(first, today + dt.timedelta(days=1))
    employees = Employee.objects.select_related("team", "team__supervisor", "user").exclude(
        status=Employee.Status.LEFT
    )
    for year in (today.year - 1, today.year):
        if not AnnualLeaveAccount.objects.filter(year=year).exists():
            services.annual_leave_year_open(actor=hr, year=year)
    for employee in employees:
        if LeaveRequest.objects.filter(employee=employee).exists():
            continue
        _seed_leave(employee, hr, types, workdays, today, rng)
        _seed_attendance(employee, workdays, today, rng, admin)
        _seed_overtime(employee, workdays, today, hr)
        _seed_benefits(employee, today.year, today, admin)
