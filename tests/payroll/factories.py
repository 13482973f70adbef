"""Payroll records for tests, made as HR's pages make them (validated, with history)."""

import datetime as dt
from decimal import Decimal as D

from core.services import save_checked
from payroll.models import (
    AdditionalDeductionStandard,
    ContributionBase,
    ContributionPolicy,
    ContributionRate,
    DeductionClaim,
    StandardDeduction,
    TaxBracket,
    TaxTable,
)


def make_tax_table(kind="annual", effective_from=dt.date(2019, 1, 1), brackets=None, actor=None):
    table = save_checked(TaxTable(kind=kind, effective_from=effective_from), actor)
    for upper, rate, quick in brackets or [
        (D("36000"), D("3"), D("0")),
        (None, D("10"), D("2520")),
    ]:
        save_checked(
            TaxBracket(table=table, upper_limit=upper, rate=rate, quick_deduction=quick), actor
        )
    return table


def make_policy(city="上海", effective_from=dt.date(2025, 7, 1), actor=None, **fields):
    values = {
        "social_floor": D("7460"),
        "social_cap": D("37302"),
        "housing_floor": D("2690"),
        "housing_cap": D("37302"),
        "social_rounding": "cent",
        "housing_rounding": "yuan",
        **fields,
    }
    policy = save_checked(
        ContributionPolicy(city=city, effective_from=effective_from, **values), actor
    )
    for scheme, employer, employee in (
        ("pension", D("16"), D("8")),
        ("medical", D("10"), D("2")),
        ("unemployment", D("0.5"), D("0.5")),
        ("work_injury", D("0.16"), D("0")),
        ("housing_fund", D("7"), D("7")),
    ):
        save_checked(
            ContributionRate(
                policy=policy, scheme=scheme, employer_rate=employer, employee_rate=employee
            ),
            actor,
        )
    return policy


def make_standard_deduction(amount=D("5000"), effective_from=dt.date(2018, 10, 1)):
    return save_checked(
        StandardDeduction(effective_from=effective_from, monthly_amount=amount), None
    )


def make_additional_standard(kind="children_education", amount=D("2000"), start=None):
    return save_checked(
        AdditionalDeductionStandard(
            kind=kind, effective_from=start or dt.date(2023, 1, 1), monthly_amount=amount
        ),
        None,
    )


def make_base(employee, year=2026, base=D("12000"), city="上海"):
    return save_checked(ContributionBase(employee=employee, year=year, city=city, base=base), None)


def make_claim(employee, kind="children_education", amount=D("2000"), start=None, end=None):
    return save_checked(
        DeductionClaim(
            employee=employee,
            kind=kind,
            monthly_amount=amount,
            start_month=start or dt.date(2026, 1, 1),
            end_month=end,
        ),
        None,
    )
