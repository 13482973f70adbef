"""Forms of attendance and leave; an employee is picked by type-ahead."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm
from core.pickers import model_picker
from core.uploads import SPREADSHEETS, FileValidator

from ..models import (
    AnnualLeaveAccount,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)


class AttendanceRecordForm(BaseModelForm):
    employee = model_picker(AttendanceRecord, "employee", "payroll.employee")

    class Meta:
        model = AttendanceRecord
        fields = ["employee", "day", "status", "check_in", "check_out", "note"]


class OvertimeRecordForm(BaseModelForm):
    """Overtime: HR picks the employee; anyone else records their own."""

    employee = model_picker(OvertimeRecord, "employee", "payroll.employee")

    class Meta:
        model = OvertimeRecord
        fields = ["employee", "day", "hours", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not self.user.has_perm("payroll.change_attendancerecord"):
            del self.fields["employee"]


class LeaveRequestForm(BaseModelForm):
    """A leave request: HR picks the employee; anyone else requests for themself."""

    employee = model_picker(LeaveRequest, "employee", "payroll.employee")

    class Meta:
        model = LeaveRequest
        fields = ["employee", "leave_type", "start", "start_afternoon", "end", "end_noon", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leave_type"].queryset = LeaveType.objects.filter(active=True)
        if self.user is not None and not self.user.has_perm("payroll.change_leaverequest"):
            del self.fields["employee"]


class DecisionForm(BaseForm):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class LeaveTypeForm(BaseModelForm):
    class Meta:
        model = LeaveType
        fields = ["code", "name", "pay", "counting", "is_annual", "max_days", "active", "order"]


class AnnualLeaveAccountForm(BaseModelForm):
    class Meta:
        model = AnnualLeaveAccount
        fields = ["carried_over", "note"]


class UntakenLeaveForm(BaseForm):
    days = forms.DecimalField(
        label=_("Untaken days to pay"), min_value=0, max_digits=4, decimal_places=1
    )
    month = forms.DateField(
        label=_("Paid in month"), help_text=_("Any day of the payroll month that pays them.")
    )


class YearForm(BaseForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class BenefitRecordForm(BaseModelForm):
    employee = model_picker(BenefitRecord, "employee", "payroll.employee")

    class Meta:
        model = BenefitRecord
        fields = ["employee", "kind", "holiday", "day", "description", "cost"]


class AttendanceImportForm(BaseForm):
    file = forms.FileField(
        label=_("Excel file"),
        validators=[FileValidator(SPREADSHEETS)],
        help_text=_("The filled-in attendance template (.xlsx)."),
    )


def default_month():
    today = timezone.localdate()
    return dt.date(today.year, today.month, 1)
