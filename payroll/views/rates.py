"""Pages of the pay tables: one small class per model and action (core base views)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    get_visible_or_404,
)

from .. import selectors
from ..filters import (
    AdditionalDeductionStandardFilterSet,
    ContributionBaseFilterSet,
    ContributionPolicyFilterSet,
    DeductionClaimFilterSet,
    StandardDeductionFilterSet,
    TaxTableFilterSet,
)
from ..forms import (
    AdditionalDeductionStandardForm,
    ContributionBaseForm,
    ContributionPolicyForm,
    ContributionRateForm,
    DeductionClaimForm,
    StandardDeductionForm,
    TaxBracketForm,
    TaxTableForm,
)
from ..models import (
    AdditionalDeductionStandard,
    ContributionBase,
    ContributionPolicy,
    ContributionRate,
    DeductionClaim,
    StandardDeduction,
    TaxBracket,
    TaxTable,
)
from ..tables import (
    AdditionalDeductionStandardTable,
    ContributionBaseTable,
    ContributionPolicyTable,
    DeductionClaimTable,
    StandardDeductionTable,
    TaxTableTable,
)


class RecordDetailView(ObjectDetailView):
    """A record's fields, listed in ``fields`` order."""

    template_name = "payroll/record.html"
    fields = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields"] = self.fields
        return context


class ChildEditView(ObjectEditView):
    """A row of a parent record (a bracket of a tax table, a scheme of a policy): added from
    the parent's page, back to it after saving."""

    parent_model = None
    parent_field = None

    def new_object(self):
        parent = get_visible_or_404(self.parent_model, self.request.user, self.kwargs["parent"])
        if not self.request.user.has_perm(f"payroll.change_{self.parent_model._meta.model_name}"):
            raise PermissionDenied
        return self.get_model()(**{self.parent_field: parent})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = getattr(self.object, self.parent_field)
        context["list_url"] = parent.get_absolute_url()
        context["cancel_url"] = parent.get_absolute_url()
        return context

    def save(self, form):
        obj = form.save(commit=False)
        obj.full_clean()
        obj.save()
        return obj


class ChildDeleteView(ObjectDeleteView):
    def get_success_url(self):
        return self.object.get_absolute_url()


# --- tax tables -----------------------------------------------------------------------------


class TaxTableListView(ObjectListView):
    model = TaxTable
    queryset = selectors.tax_table_list()
    table_class = TaxTableTable
    filterset_class = TaxTableFilterSet


class TaxTableDetailView(ObjectDetailView):
    model = TaxTable
    queryset = selectors.tax_table_detail()
    template_name = "payroll/taxtable.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["brackets"] = sorted(
            self.object.brackets.all(),
            key=lambda b: (b.upper_limit is None, b.upper_limit or 0),
        )
        try:
            selectors.tax_table_as_calc(self.object)
            context["problem"] = None
        except ValidationError as exc:
            context["problem"] = " ".join(exc.messages)
        context["bracket_actions"] = {
            "add": self.request.user.has_perm("payroll.add_taxbracket"),
            "change": self.request.user.has_perm("payroll.change_taxbracket"),
            "delete": self.request.user.has_perm("payroll.delete_taxbracket"),
        }
        return context


class TaxTableEditView(ObjectEditView):
    model = TaxTable
    form_class = TaxTableForm


class TaxTableHistoryView(ObjectHistoryView):
    model = TaxTable


class TaxBracketEditView(ChildEditView):
    model = TaxBracket
    form_class = TaxBracketForm
    parent_model = TaxTable
    parent_field = "table"


class TaxBracketDeleteView(ChildDeleteView):
    model = TaxBracket


class TaxBracketHistoryView(ObjectHistoryView):
    model = TaxBracket


# --- deductions -------------------------------------------------------------------------------


class StandardDeductionListView(ObjectListView):
    model = StandardDeduction
    queryset = selectors.standard_deduction_list()
    table_class = StandardDeductionTable
    filterset_class = StandardDeductionFilterSet


class StandardDeductionDetailView(RecordDetailView):
    model = StandardDeduction
    fields = ("effective_from", "monthly_amount", "note")


class StandardDeductionEditView(ObjectEditView):
    model = StandardDeduction
    form_class = StandardDeductionForm


class StandardDeductionHistoryView(ObjectHistoryView):
    model = StandardDeduction


class AdditionalDeductionStandardListView(ObjectListView):
    model = AdditionalDeductionStandard
    queryset = selectors.additional_standard_list()
    table_class = AdditionalDeductionStandardTable
    filterset_class = AdditionalDeductionStandardFilterSet


class AdditionalDeductionStandardDetailView(RecordDetailView):
    model = AdditionalDeductionStandard
    fields = ("kind", "effective_from", "monthly_amount", "unit", "note")


class AdditionalDeductionStandardEditView(ObjectEditView):
    model = AdditionalDeductionStandard
    form_class = AdditionalDeductionStandardForm


class AdditionalDeductionStandardHistoryView(ObjectHistoryView):
    model = AdditionalDeductionStandard


# --- contribution policies ----------------------------------------------------------------


class ContributionPolicyListView(ObjectListView):
    model = ContributionPolicy
    queryset = selectors.contribution_policy_list()
    table_class = ContributionPolicyTable
    filterset_class = ContributionPolicyFilterSet


class ContributionPolicyDetailView(ObjectDetailView):
    model = ContributionPolicy
    queryset = selectors.contribution_policy_detail()
    template_name = "payroll/contributionpolicy.html"

    def get_context_data(self, **kwargs):
        from .. import calc

        context = super().get_context_data(**kwargs)
        policy = self.object
        order = {key: i for i, key in enumerate(calc.Scheme.ALL)}
        context["rates"] = sorted(policy.rates.all(), key=lambda r: order.get(r.scheme, 99))
        # what an employee at the floor and one at the cap pay, as a check of the policy
        as_calc = selectors.policy_as_calc(policy)
        context["examples"] = [
            calc.contributions(as_calc, policy.social_floor, policy.housing_floor),
            calc.contributions(as_calc, policy.social_cap, policy.housing_cap),
        ]
        context["rate_actions"] = {
            "add": self.request.user.has_perm("payroll.add_contributionrate"),
            "change": self.request.user.has_perm("payroll.change_contributionrate"),
            "delete": self.request.user.has_perm("payroll.delete_contributionrate"),
        }
        return context


class ContributionPolicyEditView(ObjectEditView):
    model = ContributionPolicy
    form_class = ContributionPolicyForm


class ContributionPolicyHistoryView(ObjectHistoryView):
    model = ContributionPolicy


class ContributionRateEditView(ChildEditView):
    model = ContributionRate
    form_class = ContributionRateForm
    parent_model = ContributionPolicy
    parent_field = "policy"


class ContributionRateDeleteView(ChildDeleteView):
    model = ContributionRate


class ContributionRateHistoryView(ObjectHistoryView):
    model = ContributionRate


# --- employees' bases and declared deductions ---------------------------------------------


class ContributionBaseListView(ObjectListView):
    model = ContributionBase
    queryset = selectors.contribution_base_list()
    table_class = ContributionBaseTable
    filterset_class = ContributionBaseFilterSet


class ContributionBaseDetailView(RecordDetailView):
    model = ContributionBase
    queryset = selectors.contribution_base_list()
    fields = ("employee", "year", "city", "base", "housing_base", "note")


class ContributionBaseEditView(ObjectEditView):
    model = ContributionBase
    form_class = ContributionBaseForm


class ContributionBaseHistoryView(ObjectHistoryView):
    model = ContributionBase


class DeductionClaimListView(ObjectListView):
    model = DeductionClaim
    queryset = selectors.deduction_claim_list()
    table_class = DeductionClaimTable
    filterset_class = DeductionClaimFilterSet


class DeductionClaimDetailView(RecordDetailView):
    model = DeductionClaim
    queryset = selectors.deduction_claim_list()
    fields = ("employee", "kind", "monthly_amount", "start_month", "end_month", "note")


class DeductionClaimEditView(ObjectEditView):
    model = DeductionClaim
    form_class = DeductionClaimForm


class DeductionClaimDeleteView(ObjectDeleteView):
    model = DeductionClaim

    def get_success_url(self):
        return reverse("payroll:deductionclaim_list")


class DeductionClaimHistoryView(ObjectHistoryView):
    model = DeductionClaim
