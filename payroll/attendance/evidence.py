"""Attendance as appraisal evidence (``core.evidence``, code ``attendance``): the days late
and absent and the leave taken in the appraisal period. Three queries."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.evidence import ATTENDANCE, EvidenceGroup, EvidenceLine
from org import calendar

from ..models import Approval, AttendanceRecord, LeaveRequest
from .days import leave_days_between


def attendance_evidence(employee, start, end):
    """One group: days late, days absent, leave days by type in ``[start, end)``."""
    last = end - dt.timedelta(days=1)
    counts = dict(
        AttendanceRecord.objects.filter(employee=employee, day__range=(start, last))
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    days = calendar.calendar_days(start, last)
    leave = defaultdict(Decimal)
    for request in LeaveRequest.objects.filter(
        employee=employee, status=Approval.APPROVED, start__lte=last, end__gte=start
    ).select_related("leave_type"):
        leave[request.leave_type.name] += leave_days_between(request, start, last, days)
    url = reverse("payroll:attendancerecord_list") + f"?employee={employee.pk}"
    lines = []
    if counts:
        lines += [
            EvidenceLine(_("Days recorded"), str(sum(counts.values())), url),
            EvidenceLine(_("Days late"), str(counts.get(AttendanceRecord.Status.LATE, 0)), url),
            EvidenceLine(
                _("Days absent without leave"),
                str(counts.get(AttendanceRecord.Status.ABSENT, 0)),
                url,
            ),
        ]
    for name, value in sorted(leave.items()):
        if value:
            lines.append(
                EvidenceLine(_("Leave: %(type)s") % {"type": name}, f"{value.normalize():f}")
            )
    return [
        EvidenceGroup(
            code=ATTENDANCE,
            title=pgettext("attendance", "Attendance"),
            item_codes=("rule_compliance", "responsibility"),
            lines=lines,
            empty=_("No attendance recorded in the period."),
            order=60,
        )
    ]
