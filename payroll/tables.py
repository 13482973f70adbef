import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import BaseTable, DateTimeColumn, MoneyColumn

from .models import (
    AdditionalDeductionStandard,
    ContributionBase,
    ContributionPolicy,
    DeductionClaim,
    StandardDeduction,
    TaxTable,
)


class TaxTableTable(BaseTable):
    kind = tables.Column(linkify=True)
    effective_from = DateTimeColumn()
    bracket_count = tables.Column(verbose_name=_("brackets"))

    class Meta(BaseTable.Meta):
        model = TaxTable
        fields = ("kind", "effective_from", "bracket_count", "note")


class StandardDeductionTable(BaseTable):
    effective_from = DateTimeColumn(linkify=True)
    monthly_amount = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = StandardDeduction
        fields = ("effective_from", "monthly_amount", "note")


class AdditionalDeductionStandardTable(BaseTable):
    kind = tables.Column(linkify=True)
    effective_from = DateTimeColumn()
    monthly_amount = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = AdditionalDeductionStandard
        fields = ("kind", "effective_from", "monthly_amount", "unit", "note")


class ContributionPolicyTable(BaseTable):
    city = tables.Column(linkify=True)
    effective_from = DateTimeColumn()
    social_floor = MoneyColumn()
    social_cap = MoneyColumn()
    housing_floor = MoneyColumn()
    housing_cap = MoneyColumn()
    scheme_count = tables.Column(verbose_name=_("schemes"))

    class Meta(BaseTable.Meta):
        model = ContributionPolicy
        fields = (
            "city",
            "effective_from",
            "social_floor",
            "social_cap",
            "housing_floor",
            "housing_cap",
            "scheme_count",
        )


class ContributionBaseTable(BaseTable):
    employee = tables.Column(linkify=lambda record: record.get_absolute_url())
    employee_no = tables.Column(verbose_name=_("employee number"), accessor="employee__employee_no")
    team = tables.Column(verbose_name=_("team"), accessor="employee__team")
    base = MoneyColumn()
    housing_base = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = ContributionBase
        fields = ("year", "employee_no", "employee", "team", "city", "base", "housing_base")


class DeductionClaimTable(BaseTable):
    employee = tables.Column(linkify=lambda record: record.get_absolute_url())
    employee_no = tables.Column(verbose_name=_("employee number"), accessor="employee__employee_no")
    monthly_amount = MoneyColumn()
    start_month = tables.Column()
    end_month = tables.Column()

    class Meta(BaseTable.Meta):
        model = DeductionClaim
        fields = ("employee_no", "employee", "kind", "monthly_amount", "start_month", "end_month")

    def render_start_month(self, value):
        return f"{value:%Y-%m}"

    def render_end_month(self, value):
        return f"{value:%Y-%m}"
