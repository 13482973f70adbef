"""Payroll URLs: the pay tables and the employees' bases and declared deductions."""

from django.urls import path

from core.routing import object_urls

from .views import rates as views

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
