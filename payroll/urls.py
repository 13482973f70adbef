"""Payroll URLs: the pay tables and the employees' bases and declared deductions."""

from django.urls import path

from core.routing import object_urls

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
