"""Payroll URLs: the pay tables and the employees' bases and declared deductions."""

from django.urls import path

from core.routing import object_urls

from .views import attendance as att
from .views import rates as views
from .views import run, structures

app_name = "payroll"

urlpatterns = [
    *object_urls(
        "taxtable",
        "tax-tables",
        list=views.TaxTableListView,
        add=views.TaxTableEditView,
        detail=views.TaxTableDetailView,
        edit=views.TaxTableEditView,
        history=views.TaxTableHistoryView,
    ),
    path(
        "tax-tables/<int:parent>/brackets/add/",
        views.TaxBracketEditView.as_view(),
        name="taxbracket_add",
    ),
    *object_urls(
        "taxbracket",
        "tax-brackets",
        edit=views.TaxBracketEditView,
        delete=views.TaxBracketDeleteView,
        history=views.TaxBracketHistoryView,
    ),
    *object_urls(
        "standarddeduction",
        "basic-deductions",
        list=views.StandardDeductionListView,
        add=views.StandardDeductionEditView,
        detail=views.StandardDeductionDetailView,
        edit=views.StandardDeductionEditView,
        history=views.StandardDeductionHistoryView,
    ),
    *object_urls(
        "additionaldeductionstandard",
        "additional-deductions",
        list=views.AdditionalDeductionStandardListView,
        add=views.AdditionalDeductionStandardEditView,
        detail=views.AdditionalDeductionStandardDetailView,
        edit=views.AdditionalDeductionStandardEditView,
        history=views.AdditionalDeductionStandardHistoryView,
    ),
    *object_urls(
        "contributionpolicy",
        "contribution-policies",
        list=views.ContributionPolicyListView,
        add=views.ContributionPolicyEditView,
        detail=views.ContributionPolicyDetailView,
        edit=views.ContributionPolicyEditView,
        history=views.ContributionPolicyHistoryView,
    ),
    path(
        "contribution-policies/<int:parent>/rates/add/",
        views.ContributionRateEditView.as_view(),
        name="contributionrate_add",
    ),
    *object_urls(
        "contributionrate",
        "contribution-rates",
        edit=views.ContributionRateEditView,
        delete=views.ContributionRateDeleteView,
        history=views.ContributionRateHistoryView,
    ),
    *object_urls(
        "contributionbase",
        "contribution-bases",
        list=views.ContributionBaseListView,
        add=views.ContributionBaseEditView,
        detail=views.ContributionBaseDetailView,
        edit=views.ContributionBaseEditView,
        history=views.ContributionBaseHistoryView,
    ),
    *object_urls(
        "deductionclaim",
        "declared-deductions",
        list=views.DeductionClaimListView,
        add=views.DeductionClaimEditView,
        detail=views.DeductionClaimDetailView,
        edit=views.DeductionClaimEditView,
        delete=views.DeductionClaimDeleteView,
        history=views.DeductionClaimHistoryView,
    ),
    # attendance and leave (payroll.attendance)
    path("my-leave/", att.MyLeaveView.as_view(), name="leave_mine"),
    *object_urls(
        "leaverequest",
        "leave-requests",
        list=att.LeaveRequestListView,
        add=att.LeaveRequestEditView,
        detail=att.LeaveRequestDetailView,
        history=att.LeaveRequestHistoryView,
    ),
    path(
        "leave-requests/<int:pk>/approve/",
        att.LeaveRequestDecideView.as_view(),
        {"decision": "approve"},
        name="leaverequest_approve",
    ),
    path(
        "leave-requests/<int:pk>/refuse/",
        att.LeaveRequestDecideView.as_view(),
        {"decision": "refuse"},
        name="leaverequest_refuse",
    ),
    path(
        "leave-requests/<int:pk>/cancel/",
        att.LeaveRequestCancelView.as_view(),
        name="leaverequest_cancel",
    ),
    path("attendance/month/", att.AttendanceMonthView.as_view(), name="attendance_month"),
    path("attendance/import/", att.AttendanceImportView.as_view(), name="attendance_import"),
    path(
        "attendance/import/template/",
        att.AttendanceTemplateView.as_view(),
        name="attendance_template",
    ),
    *object_urls(
        "attendancerecord",
        "attendance",
        list=att.AttendanceRecordListView,
        add=att.AttendanceRecordEditView,
        detail=att.AttendanceRecordDetailView,
        edit=att.AttendanceRecordEditView,
        delete=att.AttendanceRecordDeleteView,
        history=att.AttendanceRecordHistoryView,
    ),
    *object_urls(
        "overtimerecord",
        "overtime",
        list=att.OvertimeRecordListView,
        add=att.OvertimeRecordEditView,
        detail=att.OvertimeRecordDetailView,
        history=att.OvertimeRecordHistoryView,
    ),
    path(
        "overtime/<int:pk>/approve/",
        att.OvertimeRecordDecideView.as_view(),
        {"decision": "approve"},
        name="overtimerecord_approve",
    ),
    path(
        "overtime/<int:pk>/refuse/",
        att.OvertimeRecordDecideView.as_view(),
        {"decision": "refuse"},
        name="overtimerecord_refuse",
    ),
    path(
        "annual-leave/open-year/",
        att.AnnualLeaveYearOpenView.as_view(),
        name="annualleaveaccount_open",
    ),
    *object_urls(
        "annualleaveaccount",
        "annual-leave",
        list=att.AnnualLeaveAccountListView,
        detail=att.AnnualLeaveAccountDetailView,
        edit=att.AnnualLeaveAccountEditView,
        history=att.AnnualLeaveAccountHistoryView,
    ),
    path(
        "annual-leave/<int:pk>/untaken/",
        att.AnnualLeaveUntakenView.as_view(),
        name="annualleaveaccount_untaken",
    ),
    *object_urls(
        "leavetype",
        "leave-types",
        list=att.LeaveTypeListView,
        add=att.LeaveTypeEditView,
        detail=att.LeaveTypeDetailView,
        edit=att.LeaveTypeEditView,
        history=att.LeaveTypeHistoryView,
    ),
    *object_urls(
        "benefitrecord",
        "benefits",
        list=att.BenefitRecordListView,
        add=att.BenefitRecordEditView,
        detail=att.BenefitRecordDetailView,
        edit=att.BenefitRecordEditView,
        delete=att.BenefitRecordDeleteView,
        history=att.BenefitRecordHistoryView,
    ),
    path(
        "benefits/summary/<int:year>/",
        att.BenefitSummaryView.as_view(),
        name="benefit_summary",
    ),
]

# --- salary structures and the monthly run -------------------------------------------------

urlpatterns += [
    *object_urls(
        "gradepay",
        "grade-pay",
        list=structures.GradePayListView,
        add=structures.GradePayEditView,
        detail=structures.GradePayDetailView,
        edit=structures.GradePayEditView,
        history=structures.GradePayHistoryView,
    ),
    *object_urls(
        "salarychange",
        "salary-history",
        list=structures.SalaryChangeListView,
        add=structures.SalaryChangeEditView,
        detail=structures.SalaryChangeDetailView,
        edit=structures.SalaryChangeEditView,
        history=structures.SalaryChangeHistoryView,
    ),
    *object_urls(
        "payitem",
        "pay-items",
        list=structures.PayItemListView,
        add=structures.PayItemEditView,
        detail=structures.PayItemDetailView,
        edit=structures.PayItemEditView,
        delete=structures.PayItemDeleteView,
        history=structures.PayItemHistoryView,
    ),
    *object_urls(
        "bonustier",
        "bonus-tiers",
        list=structures.BonusTierListView,
        add=structures.BonusTierEditView,
        edit=structures.BonusTierEditView,
        delete=structures.BonusTierDeleteView,
        history=structures.BonusTierHistoryView,
    ),
    *object_urls(
        "payrollrun",
        "months",
        list=run.PayrollRunListView,
        add=run.PayrollRunOpenView,
        detail=run.PayrollRunDetailView,
        history=run.PayrollRunHistoryView,
    ),
    path(
        "months/<int:pk>/compute/", run.PayrollRunComputeView.as_view(), name="payrollrun_compute"
    ),
    path(
        "months/<int:pk>/approve/", run.PayrollRunApproveView.as_view(), name="payrollrun_approve"
    ),
    path("months/<int:pk>/reopen/", run.PayrollRunReopenView.as_view(), name="payrollrun_reopen"),
    path("months/<int:pk>/lock/", run.PayrollRunLockView.as_view(), name="payrollrun_lock"),
    path(
        "months/<int:pk>/register/", run.PayrollRegisterView.as_view(), name="payrollrun_register"
    ),
    path(
        "months/<int:pk>/contributions/",
        run.ContributionSummaryView.as_view(),
        name="payrollrun_contributions",
    ),
    path("months/<int:pk>/tax/", run.TaxSummaryView.as_view(), name="payrollrun_tax"),
    path(
        "months/<int:pk>/annual-bonus/",
        run.PayrollRunAnnualBonusView.as_view(),
        name="payrollrun_annual_bonus",
    ),
    path("months/<int:pk>/bank/", run.BankTransferListView.as_view(), name="payrollrun_bank"),
    path("payslips/<int:pk>/", run.PayslipDetailView.as_view(), name="payslip"),
    *object_urls(
        "salaryaccount",
        "salary-accounts",
        list=structures.SalaryAccountListView,
        add=structures.SalaryAccountEditView,
        detail=structures.SalaryAccountDetailView,
        edit=structures.SalaryAccountEditView,
        history=structures.SalaryAccountHistoryView,
    ),
    path("my-payslips/", run.MyPayslipListView.as_view(), name="payslip_mine"),
]
