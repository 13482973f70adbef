"""Attendance and leave records for tests, made through the services."""

import datetime as dt
from decimal import Decimal as D

from core.services import save_checked
from payroll.attendance import services
from payroll.models import AttendanceRecord, BenefitRecord, LeaveRequest, OvertimeRecord


def leave_types():
    """The default leave types by code (recreated after a flushed database)."""
    return services.leave_types_ensure()


def make_leave(user, code="personal", start=dt.date(2026, 3, 2), end=None, actor=None, **kw):
    types = leave_types()
    return services.leave_request_submit(
        actor=actor or user,
        employee=user.employee,
        leave_type=types[code],
        start=start,
        end=end or start,
        **kw,
    )


def approved_leave(user, approver, **kw):
    request = make_leave(user, **kw)
    return services.leave_request_approve(actor=approver, request=request)


def make_attendance(user, day=dt.date(2026, 3, 3), status="present", **kw):
    return save_checked(
        AttendanceRecord(employee=user.employee, day=day, status=status, **kw), None
    )


def make_overtime(user, day=dt.date(2026, 3, 7), hours=D("4"), status=None, approver=None):
    record = services.overtime_record_save(
        actor=user,
        record=OvertimeRecord(employee=user.employee, day=day, hours=hours, reason="月結"),
    )
    if approver is not None:
        services.overtime_record_decide(actor=approver, record=record, approve=True)
    return record


def make_benefit(user, kind="health_check", cost=D("800"), day=dt.date(2026, 5, 10), holiday=""):
    return save_checked(
        BenefitRecord(
            employee=user.employee,
            kind=kind,
            holiday=holiday,
            day=day,
            description="年度體檢",
            cost=cost,
        ),
        None,
    )


__all__ = ["LeaveRequest"]
