"""Filters of the attendance and leave lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet

from ..models import (
    AnnualLeaveAccount,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)

SEARCH = ("employee__name", "employee__employee_no")


class _EmployeeFilterSet(BaseFilterSet):
    search_fields = SEARCH
    employee = django_filters.NumberFilter(field_name="employee_id", label=_("employee"))


class AttendanceRecordFilterSet(_EmployeeFilterSet):
    day_after = django_filters.DateFilter(field_name="day", lookup_expr="gte", label=_("from"))
    day_before = django_filters.DateFilter(field_name="day", lookup_expr="lte", label=_("to"))

    class Meta:
        model = AttendanceRecord
        fields = ["q", "status", "day_after", "day_before"]


class OvertimeRecordFilterSet(_EmployeeFilterSet):
    class Meta:
        model = OvertimeRecord
        fields = ["q", "status", "day_kind"]


class LeaveRequestFilterSet(_EmployeeFilterSet):
    class Meta:
        model = LeaveRequest
        fields = ["q", "status", "leave_type"]


class LeaveTypeFilterSet(BaseFilterSet):
    search_fields = ("code", "name")

    class Meta:
        model = LeaveType
        fields = ["q", "pay", "active"]


class AnnualLeaveAccountFilterSet(_EmployeeFilterSet):
    class Meta:
        model = AnnualLeaveAccount
        fields = ["q", "year"]


class BenefitRecordFilterSet(_EmployeeFilterSet):
    year = django_filters.NumberFilter(field_name="day__year", label=_("year"))

    class Meta:
        model = BenefitRecord
        fields = ["q", "year", "kind"]
