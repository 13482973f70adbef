"""Writes of the pay tables: loading the PRC tables (idempotent). The tables are otherwise
kept with the standard pages (a form save, with its history)."""

from django.db import transaction

from core.services import save_checked

from .. import data
from ..models import (
    AdditionalDeductionStandard,
    ContributionPolicy,
    ContributionRate,
    StandardDeduction,
    TaxBracket,
    TaxTable,
)


@transaction.atomic
def pay_tables_load(*, actor):
    """Add the PRC tax tables, deductions and the sample city policies of ``payroll.data``
    that are not there yet (a row HR already has for the same kind and date is kept as it
    is). Returns the number of rows added."""
    added = 0
    for kind, start, note, brackets in data.TAX_TABLES:
        if TaxTable.objects.filter(kind=kind, effective_from=start).exists():
            continue
        table = save_checked(TaxTable(kind=kind, effective_from=start, note=note), actor)
        for upper, rate, quick in brackets:
            save_checked(
                TaxBracket(table=table, upper_limit=upper, rate=rate, quick_deduction=quick),
                actor,
            )
        added += 1
    for start, amount, note in data.STANDARD_DEDUCTIONS:
        if not StandardDeduction.objects.filter(effective_from=start).exists():
            save_checked(
                StandardDeduction(effective_from=start, monthly_amount=amount, note=note), actor
            )
            added += 1
    for kind, start, amount, unit, note in data.ADDITIONAL_STANDARDS:
        if not AdditionalDeductionStandard.objects.filter(kind=kind, effective_from=start).exists():
            save_checked(
                AdditionalDeductionStandard(
                    kind=kind, effective_from=start, monthly_amount=amount, unit=unit, note=note
                ),
                actor,
            )
            added += 1
    for row in data.CONTRIBUTION_POLICIES:
        city, start, sf, sc, hf, hc, sr, hr, note, rates = row
        if ContributionPolicy.objects.filter(city=city, effective_from=start).exists():
            continue
        policy = save_checked(
            ContributionPolicy(
                city=city,
                effective_from=start,
                social_floor=sf,
                social_cap=sc,
                housing_floor=hf,
                housing_cap=hc,
                social_rounding=sr,
                housing_rounding=hr,
                note=note,
            ),
            actor,
        )
        for scheme, (employer, employee) in rates.items():
            save_checked(
                ContributionRate(
                    policy=policy, scheme=scheme, employer_rate=employer, employee_rate=employee
                ),
                actor,
            )
        added += 1
    return added
