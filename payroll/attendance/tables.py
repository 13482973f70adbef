"""Tables of the attendance and leave lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, DateTimeColumn, MoneyColumn

from ..models import (
    AnnualLeaveAccount,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)


def _link(record):
    return record.get_absolute_url()


class EmployeeColumns(BaseTable):
    employee_no = tables.Column(verbose_name=_("employee number"), accessor="employee__employee_no")
    employee = tables.Column(linkify=_link)
    team = tables.Column(verbose_name=_("team"), accessor="employee__team__name", default="—")

    class Meta(BaseTable.Meta):
        fields = ("employee_no", "employee", "team")


class AttendanceRecordTable(EmployeeColumns):
    day = DateTimeColumn()

    class Meta(EmployeeColumns.Meta):
        model = AttendanceRecord
        fields = (*EmployeeColumns.Meta.fields, "day", "status", "check_in", "check_out", "note")


class OvertimeRecordTable(EmployeeColumns):
    day = DateTimeColumn()

    class Meta(EmployeeColumns.Meta):
        model = OvertimeRecord
        fields = (*EmployeeColumns.Meta.fields, "day", "hours", "day_kind", "reason", "status")


class LeaveRequestTable(EmployeeColumns):
    start = DateTimeColumn()
    end = DateTimeColumn()

    class Meta(EmployeeColumns.Meta):
        model = LeaveRequest
        fields = (*EmployeeColumns.Meta.fields, "leave_type", "start", "end", "days", "status")


class LeaveTypeTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = LeaveType
        fields = ("code", "name", "pay", "counting", "is_annual", "max_days", "active")


class AnnualLeaveAccountTable(EmployeeColumns):
    class Meta(EmployeeColumns.Meta):
        model = AnnualLeaveAccount
        fields = (
            *EmployeeColumns.Meta.fields,
            "year",
            "entitlement",
            "carried_over",
            "untaken_paid_days",
            "paid_in_month",
        )


class BenefitRecordTable(EmployeeColumns):
    day = DateTimeColumn()
    cost = MoneyColumn()

    class Meta(EmployeeColumns.Meta):
        model = BenefitRecord
        fields = (*EmployeeColumns.Meta.fields, "day", "kind", "holiday", "description", "cost")
