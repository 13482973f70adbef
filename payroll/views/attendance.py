"""Pages of attendance and leave: leave requests and My leave, the attendance month grid
and its records and Excel import, overtime, annual leave accounts, leave types, benefits
and their yearly summary."""

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import exports
from core.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    form_errors,
)

from ..attendance import forms, importer, selectors, services
from ..attendance.filters import (
    AnnualLeaveAccountFilterSet,
    AttendanceRecordFilterSet,
    BenefitRecordFilterSet,
    LeaveRequestFilterSet,
    LeaveTypeFilterSet,
    OvertimeRecordFilterSet,
)
from ..attendance.tables import (
    AnnualLeaveAccountTable,
    AttendanceRecordTable,
    BenefitRecordTable,
    LeaveRequestTable,
    LeaveTypeTable,
    OvertimeRecordTable,
)
from ..models import (
    AnnualLeaveAccount,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)
from .rates import RecordDetailView

# --- leave requests ---------------------------------------------------------------------------


class LeaveRequestListView(ObjectListView):
    model = LeaveRequest
    queryset = selectors.leave_request_list()
    table_class = LeaveRequestTable
    filterset_class = LeaveRequestFilterSet
    add_label = gettext_lazy("Request leave")


class LeaveRequestDetailView(RecordDetailView):
    model = LeaveRequest
    queryset = selectors.leave_request_list()
    template_name = "payroll/attendance/leaverequest.html"
    fields = (
        "employee",
        "leave_type",
        "start",
        "start_afternoon",
        "end",
        "end_noon",
        "days",
        "reason",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
    )

    def get_actions(self, obj=None):
        return {"add": False, "change": False, "delete": False}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_decide"] = (
            self.object.status == LeaveRequest.Status.PENDING
            and services.can_decide(user, self.object)
        )
        context["can_cancel"] = services.can_cancel(user, self.object)
        context["decision_form"] = forms.DecisionForm()
        return context


class LeaveRequestEditView(ObjectEditView):
    model = LeaveRequest
    form_class = forms.LeaveRequestForm

    def new_object(self):
        employee = getattr(self.request.user, "employee", None)
        return LeaveRequest(employee=employee) if employee else LeaveRequest()

    def save(self, form):
        data = form.cleaned_data
        employee = data.get("employee") or getattr(self.request.user, "employee", None)
        if employee is None:
            raise PermissionDenied(_("Only an employee can request leave."))
        return services.leave_request_submit(
            actor=self.request.user,
            employee=employee,
            leave_type=data["leave_type"],
            start=data["start"],
            end=data["end"],
            start_afternoon=data["start_afternoon"],
            end_noon=data["end_noon"],
            reason=data["reason"],
        )


class LeaveRequestHistoryView(ObjectHistoryView):
    model = LeaveRequest


class LeaveRequestDecideView(ObjectPermissionMixin, ObjectPostView):
    """Approve or refuse (``decision``) a pending request."""

    model = LeaveRequest

    def perform(self, request, obj, decision):
        form = forms.DecisionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        note = form.cleaned_data["note"]
        if decision == "approve":
            services.leave_request_approve(actor=request.user, request=obj, note=note)
            messages.success(request, _("Leave approved."))
        else:
            services.leave_request_refuse(actor=request.user, request=obj, note=note)
            messages.success(request, _("Leave refused."))


class LeaveRequestCancelView(ObjectPermissionMixin, ObjectPostView):
    model = LeaveRequest

    def perform(self, request, obj):
        services.leave_request_cancel(actor=request.user, request=obj)
        messages.success(request, _("Leave cancelled."))


class MyLeaveView(ObjectPermissionMixin, generic.TemplateView):
    """Everyone's own page: this year's annual leave balance and their requests."""

    model = LeaveRequest
    template_name = "payroll/attendance/my_leave.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = getattr(self.request.user, "employee", None)
        context["employee"] = employee
        if employee is not None:
            today = timezone.localdate()
            context["balance"] = services.annual_leave_balance(employee, today.year, today)
            context["requests"] = list(
                selectors.leave_request_list().filter(employee=employee).order_by("-start")[:50]
            )
        return context


# --- attendance ---------------------------------------------------------------------------------


class AttendanceRecordListView(ObjectListView):
    model = AttendanceRecord
    queryset = selectors.attendance_list()
    table_class = AttendanceRecordTable
    filterset_class = AttendanceRecordFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["import_url"] = (
            reverse("payroll:attendance_import")
            if self.request.user.has_perm("payroll.add_attendancerecord")
            else ""
        )
        return context


class AttendanceRecordDetailView(RecordDetailView):
    model = AttendanceRecord
    queryset = selectors.attendance_list()
    fields = ("employee", "day", "status", "check_in", "check_out", "note")


class AttendanceRecordEditView(ObjectEditView):
    model = AttendanceRecord
    form_class = forms.AttendanceRecordForm

    def save(self, form):
        return services.attendance_record_save(
            actor=self.request.user, record=form.save(commit=False)
        )


class AttendanceRecordDeleteView(ObjectDeleteView):
    model = AttendanceRecord


class AttendanceRecordHistoryView(ObjectHistoryView):
    model = AttendanceRecord


def _month_arg(value, default):
    try:
        year, month = (int(part) for part in value.split("-"))
        return dt.date(year, month, 1)
    except (AttributeError, ValueError):
        return default


class AttendanceMonthView(ObjectPermissionMixin, generic.TemplateView):
    """The month grid: a row per employee the user may see, a column per day (holidays and
    make-up working days marked), with late, absent and leave totals."""

    model = AttendanceRecord
    template_name = "payroll/attendance/month.html"

    def get_context_data(self, **kwargs):
        from org.models import Team

        context = super().get_context_data(**kwargs)
        month = _month_arg(self.request.GET.get("month"), forms.default_month())
        teams = list(Team.objects.visible_to(self.request.user).order_by("name"))
        team = None
        team_id = self.request.GET.get("team")
        if team_id and team_id.isdigit():
            team = next((t for t in teams if t.pk == int(team_id)), None)
        grid = selectors.month_grid(
            user=self.request.user, year=month.year, month=month.month, team=team
        )
        previous = (month - dt.timedelta(days=1)).replace(day=1)
        following = (month + dt.timedelta(days=32)).replace(day=1)
        context.update(
            grid=grid,
            month=month,
            teams=teams,
            team=team,
            previous=f"{previous:%Y-%m}",
            following=f"{following:%Y-%m}",
        )
        return context


class AttendanceImportView(ObjectPermissionMixin, generic.FormView):
    """Upload the filled-in template: every row imported, or none and the errors by row."""

    model = AttendanceRecord
    form_class = forms.AttendanceImportForm
    template_name = "payroll/attendance/import.html"

    def get_required_permission(self):
        return "payroll.add_attendancerecord"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        result = importer.attendance_import(
            actor=self.request.user, upload=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(
                self.request, _("%(count)d attendance rows imported.") % {"count": result.imported}
            )
            return redirect("payroll:attendancerecord_list")
        return self.render_to_response(self.get_context_data(form=form, result=result))


class AttendanceTemplateView(ObjectPermissionMixin, generic.View):
    model = AttendanceRecord

    def get_required_permission(self):
        return "payroll.add_attendancerecord"

    def get(self, request):
        out = io.BytesIO()
        importer.build_template(out)
        response = HttpResponse(out.getvalue(), content_type=exports.XLSX_TYPE)
        return exports._attachment(response, "attendance-template.xlsx")


# --- overtime -------------------------------------------------------------------------------


class OvertimeRecordListView(ObjectListView):
    model = OvertimeRecord
    queryset = selectors.overtime_list()
    table_class = OvertimeRecordTable
    filterset_class = OvertimeRecordFilterSet
    add_label = gettext_lazy("Record overtime")


class OvertimeRecordDetailView(RecordDetailView):
    model = OvertimeRecord
    queryset = selectors.overtime_list()
    template_name = "payroll/attendance/overtimerecord.html"
    fields = (
        "employee",
        "day",
        "hours",
        "day_kind",
        "reason",
        "status",
        "decided_by",
        "decided_at",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_decide"] = (
            self.object.status == OvertimeRecord._meta.get_field("status").default
            and user.has_perm("payroll.approve_overtimerecord")
            and self.object.employee.user_id != user.pk
        )
        return context


class OvertimeRecordEditView(ObjectEditView):
    model = OvertimeRecord
    form_class = forms.OvertimeRecordForm

    def new_object(self):
        employee = getattr(self.request.user, "employee", None)
        return OvertimeRecord(employee=employee) if employee else OvertimeRecord()

    def save(self, form):
        record = form.save(commit=False)
        return services.overtime_record_save(actor=self.request.user, record=record)


class OvertimeRecordHistoryView(ObjectHistoryView):
    model = OvertimeRecord


class OvertimeRecordDecideView(ObjectPermissionMixin, ObjectPostView):
    model = OvertimeRecord

    def perform(self, request, obj, decision):
        services.overtime_record_decide(
            actor=request.user, record=obj, approve=decision == "approve"
        )
        messages.success(request, _("Overtime decided."))


# --- annual leave accounts -------------------------------------------------------------------


class AnnualLeaveAccountListView(ObjectListView):
    model = AnnualLeaveAccount
    queryset = selectors.leave_account_list()
    table_class = AnnualLeaveAccountTable
    filterset_class = AnnualLeaveAccountFilterSet
    template_name = "payroll/attendance/annualleaveaccount_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year_form"] = forms.YearForm(initial={"year": timezone.localdate().year})
        return context


class AnnualLeaveAccountDetailView(RecordDetailView):
    model = AnnualLeaveAccount
    queryset = selectors.leave_account_list()
    template_name = "payroll/attendance/annualleaveaccount.html"
    fields = (
        "employee",
        "year",
        "entitlement",
        "carried_over",
        "untaken_paid_days",
        "paid_in_month",
        "note",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = self.object
        context["balance"] = services.annual_leave_balance(
            account.employee, account.year, min(timezone.localdate(), dt.date(account.year, 12, 31))
        )
        context["untaken_form"] = forms.UntakenLeaveForm(
            initial={"days": account.untaken_paid_days, "month": account.paid_in_month}
        )
        return context


class AnnualLeaveAccountEditView(ObjectEditView):
    model = AnnualLeaveAccount
    form_class = forms.AnnualLeaveAccountForm


class AnnualLeaveAccountHistoryView(ObjectHistoryView):
    model = AnnualLeaveAccount


class AnnualLeaveUntakenView(ObjectPermissionMixin, ObjectPostView):
    model = AnnualLeaveAccount
    perm = "payroll.change_annualleaveaccount"

    def perform(self, request, obj):
        form = forms.UntakenLeaveForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.annual_leave_mark_untaken(
            actor=request.user,
            account=obj,
            days=form.cleaned_data["days"],
            month=form.cleaned_data["month"],
        )
        messages.success(request, _("Untaken annual leave saved."))


class AnnualLeaveYearOpenView(ObjectPermissionMixin, generic.View):
    """HR opens (or refreshes) every employee's account of a year."""

    model = AnnualLeaveAccount
    action = "add"

    def post(self, request):
        form = forms.YearForm(request.POST)
        if form.is_valid():
            count = services.annual_leave_year_open(
                actor=request.user, year=form.cleaned_data["year"]
            )
            messages.success(
                request, _("%(count)d annual leave accounts opened.") % {"count": count}
            )
        else:
            messages.error(request, " ".join(form_errors(form).messages))
        return HttpResponseRedirect(reverse("payroll:annualleaveaccount_list"))


# --- leave types ------------------------------------------------------------------------------


class LeaveTypeListView(ObjectListView):
    model = LeaveType
    queryset = selectors.leave_type_list()
    table_class = LeaveTypeTable
    filterset_class = LeaveTypeFilterSet


class LeaveTypeDetailView(RecordDetailView):
    model = LeaveType
    fields = ("code", "name", "pay", "counting", "is_annual", "max_days", "active", "order")


class LeaveTypeEditView(ObjectEditView):
    model = LeaveType
    form_class = forms.LeaveTypeForm


class LeaveTypeHistoryView(ObjectHistoryView):
    model = LeaveType


# --- benefits ---------------------------------------------------------------------------------


class BenefitRecordListView(ObjectListView):
    model = BenefitRecord
    queryset = selectors.benefit_list()
    table_class = BenefitRecordTable
    filterset_class = BenefitRecordFilterSet
    template_name = "payroll/attendance/benefitrecord_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary_year"] = timezone.localdate().year
        return context


class BenefitRecordDetailView(RecordDetailView):
    model = BenefitRecord
    queryset = selectors.benefit_list()
    fields = ("employee", "kind", "holiday", "day", "description", "cost")


class BenefitRecordEditView(ObjectEditView):
    model = BenefitRecord
    form_class = forms.BenefitRecordForm


class BenefitRecordDeleteView(ObjectDeleteView):
    model = BenefitRecord


class BenefitRecordHistoryView(ObjectHistoryView):
    model = BenefitRecord


class BenefitSummaryView(ObjectPermissionMixin, generic.View):
    """The year's benefits in Excel: a row per employee with the cost of each kind, the
    totals by kind, and every record."""

    model = BenefitRecord

    def get(self, request, year):
        rows = list(
            selectors.benefit_list()
            .visible_to(request.user)
            .filter(day__year=year)
            .order_by("employee__employee_no", "day")
        )
        kinds = list(BenefitRecord.Kind)
        by_employee = defaultdict(lambda: defaultdict(Decimal))
        people = {}
        for row in rows:
            by_employee[row.employee_id][row.kind] += row.cost
            people[row.employee_id] = row.employee
        money = "#,##0.00"
        per_employee = exports.Sheet(
            title=_("By employee"),
            columns=[
                exports.Column(_("Employee number"), 12),
                exports.Column(_("Name"), 12),
                *[exports.Column(str(k.label), 14, money, total=True) for k in kinds],
                exports.Column(_("Total"), 14, money, total=True),
            ],
            rows=[
                (
                    people[pk].employee_no,
                    people[pk].name,
                    *[costs.get(k.value, Decimal("0")) for k in kinds],
                    sum(costs.values(), Decimal("0")),
                )
                for pk, costs in by_employee.items()
            ],
        )
        totals = defaultdict(lambda: [0, Decimal("0")])
        for row in rows:
            totals[row.kind][0] += 1
            totals[row.kind][1] += row.cost
        by_kind = exports.Sheet(
            title=_("By kind"),
            columns=[
                exports.Column(_("Kind"), 24),
                exports.Column(_("Records"), 10, total=True),
                exports.Column(_("Cost"), 14, money, total=True),
            ],
            rows=[(str(k.label), *totals[k.value]) for k in kinds if k.value in totals],
        )
        detail = exports.Sheet(
            title=_("Records"),
            columns=[
                exports.Column(_("Employee number"), 12),
                exports.Column(_("Name"), 12),
                exports.Column(_("Date"), 12),
                exports.Column(_("Kind"), 20),
                exports.Column(_("Holiday"), 14),
                exports.Column(_("Description"), 30),
                exports.Column(_("Cost"), 14, money, total=True),
            ],
            rows=[
                (
                    r.employee.employee_no,
                    r.employee.name,
                    r.day,
                    r.get_kind_display(),
                    r.get_holiday_display(),
                    r.description,
                    r.cost,
                )
                for r in rows
            ],
        )
        return exports.excel_response(
            request,
            filename=f"benefits-{year}.xlsx",
            sheets=[per_employee, by_kind, detail],
            what=_("Benefits %(year)s") % {"year": year},
            filters={"year": year},
        )
