import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet

from .models import (
    AdditionalDeductionStandard,
    ContributionBase,
    ContributionPolicy,
    DeductionClaim,
    StandardDeduction,
    TaxTable,
)


class TaxTableFilterSet(BaseFilterSet):
    search_fields = ("note",)

    class Meta:
        model = TaxTable
        fields = ["q", "kind"]


class StandardDeductionFilterSet(BaseFilterSet):
    search_fields = ("note",)

    class Meta:
        model = StandardDeduction
        fields = ["q"]


class AdditionalDeductionStandardFilterSet(BaseFilterSet):
    search_fields = ("note", "unit")

    class Meta:
        model = AdditionalDeductionStandard
        fields = ["q", "kind"]


class ContributionPolicyFilterSet(BaseFilterSet):
    search_fields = ("city", "note")

    class Meta:
        model = ContributionPolicy
        fields = ["q"]


class ContributionBaseFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "city")
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)

    class Meta:
        model = ContributionBase
        fields = ["q", "year"]


class DeductionClaimFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "note")

    class Meta:
        model = DeductionClaim
        fields = ["q", "kind"]
