"""Reads of the pay tables: the lists the pages show, and the tables, rates and amounts in
force on a date as ``payroll.calc`` takes them (one query each)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .. import calc
from ..models import (
    AdditionalDeductionStandard,
    ContributionBase,
    ContributionPolicy,
    DeductionClaim,
    StandardDeduction,
    TaxTable,
)

# --- the lists (the views restrict them) ---------------------------------------------------


def tax_table_list():
    """Tax tables with their number of brackets."""
    return TaxTable.objects.annotate(bracket_count=Count("brackets")).order_by(
        "kind", "-effective_from"
    )


def tax_table_detail():
    return TaxTable.objects.prefetch_related("brackets")


def standard_deduction_list():
    return StandardDeduction.objects.order_by("-effective_from")


def additional_standard_list():
    return AdditionalDeductionStandard.objects.order_by("kind", "-effective_from")


def contribution_policy_list():
    """Policies with their number of schemes."""
    return ContributionPolicy.objects.annotate(scheme_count=Count("rates")).order_by(
        "city", "-effective_from"
    )


def contribution_policy_detail():
    return ContributionPolicy.objects.prefetch_related("rates")


def contribution_base_list():
    return ContributionBase.objects.select_related("employee", "employee__team")


def deduction_claim_list():
    return DeductionClaim.objects.select_related("employee", "employee__team")


# --- what is in force on a date -----------------------------------------------------------


def _percent(value):
    return Decimal(value) / 100


def tax_table_as_calc(table):
    """A stored table as ``calc.TaxTable``; a ValidationError says what is wrong with it."""
    brackets = sorted(
        table.brackets.all(),
        key=lambda b: (b.upper_limit is None, b.upper_limit or Decimal(0)),
    )
    try:
        return calc.TaxTable(
            tuple(
                calc.Bracket(b.upper_limit, _percent(b.rate), b.quick_deduction) for b in brackets
            )
        )
    except ValueError as exc:
        raise ValidationError(
            _("The tax table %(table)s is incomplete: it needs a top bracket without a limit.")
            % {"table": table}
        ) from exc


def tax_table_on(kind, day):
    """The ``TaxTable.Kind`` table in force on ``day`` as ``calc.TaxTable`` (the latest
    starting on or before it); ValidationError when there is none."""
    table = (
        TaxTable.objects.filter(kind=kind, effective_from__lte=day)
        .prefetch_related("brackets")
        .order_by("-effective_from")
        .first()
    )
    if table is None:
        raise ValidationError(
            _("No %(kind)s tax table is in force on %(day)s.")
            % {"kind": TaxTable.Kind(kind).label, "day": day}
        )
    return tax_table_as_calc(table)


def standard_deduction_on(day):
    """The basic deduction per month in force on ``day``."""
    row = (
        StandardDeduction.objects.filter(effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise ValidationError(_("No basic deduction is in force on %(day)s.") % {"day": day})
    return row.monthly_amount


def additional_standards_on(day):
    """{kind: monthly amount} of the special additional deduction standards in force on
    ``day`` (one query)."""
    rows = AdditionalDeductionStandard.objects.filter(effective_from__lte=day).order_by(
        "kind", "-effective_from"
    )
    standards = {}
    for row in rows:
        standards.setdefault(row.kind, row.monthly_amount)
    return standards


def contribution_policy_on(city, day):
    """The city's contribution policy in force on ``day`` as ``calc.ContributionPolicy``."""
    policy = (
        ContributionPolicy.objects.filter(city=city, effective_from__lte=day)
        .prefetch_related("rates")
        .order_by("-effective_from")
        .first()
    )
    if policy is None:
        raise ValidationError(
            _("No contribution policy of %(city)s is in force on %(day)s.")
            % {"city": city, "day": day}
        )
    return policy_as_calc(policy)


def policy_as_calc(policy):
    """A stored policy as ``calc.ContributionPolicy`` (rates from percent to fractions)."""
    return calc.ContributionPolicy(
        schemes=tuple(
            calc.SchemeRate(r.scheme, _percent(r.employer_rate), _percent(r.employee_rate))
            for r in policy.rates.all()
        ),
        social_floor=policy.social_floor,
        social_cap=policy.social_cap,
        housing_floor=policy.housing_floor,
        housing_cap=policy.housing_cap,
        social_rounding=policy.social_rounding,
        housing_rounding=policy.housing_rounding,
    )


def contribution_base_for(employee, year):
    """The employee's contribution base row of ``year``, or None."""
    return ContributionBase.objects.filter(employee=employee, year=year).first()


def declared_deductions(employee, month):
    """{kind: monthly amount} the employee declared for ``month`` (any day of it): the sum
    of their claims running that month (one query)."""
    first = month.replace(day=1)
    rows = DeductionClaim.objects.filter(employee=employee, start_month__lte=first).filter(
        Q(end_month__isnull=True) | Q(end_month__gte=first)
    )
    amounts = {}
    for row in rows:
        amounts[row.kind] = amounts.get(row.kind, Decimal("0")) + row.monthly_amount
    return amounts
