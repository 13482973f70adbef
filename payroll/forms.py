"""Forms of the pay tables: model forms with their sections; an employee is picked by
type-ahead."""

from core.forms import BaseModelForm
from core.pickers import model_picker

from .models import (
    AdditionalDeductionStandard,
    ContributionBase,
    ContributionPolicy,
    ContributionRate,
    DeductionClaim,
    StandardDeduction,
    TaxBracket,
    TaxTable,
)


class TaxTableForm(BaseModelForm):
    class Meta:
        model = TaxTable
        fields = ["kind", "effective_from", "note"]


class TaxBracketForm(BaseModelForm):
    class Meta:
        model = TaxBracket
        fields = ["upper_limit", "rate", "quick_deduction"]


class StandardDeductionForm(BaseModelForm):
    class Meta:
        model = StandardDeduction
        fields = ["effective_from", "monthly_amount", "note"]


class AdditionalDeductionStandardForm(BaseModelForm):
    class Meta:
        model = AdditionalDeductionStandard
        fields = ["kind", "effective_from", "monthly_amount", "unit", "note"]


class ContributionPolicyForm(BaseModelForm):
    class Meta:
        model = ContributionPolicy
        fields = [
            "city",
            "effective_from",
            "social_floor",
            "social_cap",
            "housing_floor",
            "housing_cap",
            "social_rounding",
            "housing_rounding",
            "note",
        ]


class ContributionRateForm(BaseModelForm):
    class Meta:
        model = ContributionRate
        fields = ["scheme", "employer_rate", "employee_rate"]


class ContributionBaseForm(BaseModelForm):
    employee = model_picker(ContributionBase, "employee", "payroll.employee")

    class Meta:
        model = ContributionBase
        fields = ["employee", "year", "city", "base", "housing_base", "note"]


class DeductionClaimForm(BaseModelForm):
    employee = model_picker(DeductionClaim, "employee", "payroll.employee")

    class Meta:
        model = DeductionClaim
        fields = ["employee", "kind", "monthly_amount", "start_month", "end_month", "note"]
