"""Statutory paid annual leave (带薪年休假).

Rules: 《职工带薪年休假条例》 Art. 2–3, 5 and 《企业职工带薪年休假实施办法》 Art. 3–5, 10–12:

* an employee who has worked continuously for 12 months or more (at any employers) is
  entitled to annual leave; the days follow cumulative working years, prior employers
  included: 1 to under 10 years 5 days, 10 to under 20 years 10 days, 20 years or more 15;
* a joiner's first year here: remaining calendar days of the year ÷ 365 × the days, the
  fraction of a day dropped (Art. 5);
* a leaver: calendar days of the year worked here ÷ 365 × the days − the days already
  taken, the fraction dropped; days taken beyond that are not recovered (Art. 12);
* untaken leave is paid at 300% of the daily wage, which includes the normal wage already
  paid for the day: the employer owes the other 200% (Art. 10); the daily wage is the
  average monthly wage of the 12 months before (overtime excluded) ÷ 21.75 (Art. 11).

The tiers, the year's 365 days and the multipliers are arguments with the statutory
values as defaults.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from .money import cents, to_decimal
from .wages import PAY_DAYS_PER_MONTH, daily_wage

# (cumulative working years from, days): 1–<10 → 5, 10–<20 → 10, ≥20 → 15.
STATUTORY_TIERS = ((Decimal("1"), 5), (Decimal("10"), 10), (Decimal("20"), 15))
DAYS_IN_YEAR = 365
ELIGIBLE_AFTER_MONTHS = 12


def annual_leave_days(
    *,
    career_years,
    continuous_months,
    tiers=STATUTORY_TIERS,
    eligible_after_months=ELIGIBLE_AFTER_MONTHS,
):
    """The full year's annual leave (《职工带薪年休假条例》 Art. 3): the days of the highest
    tier whose years ``career_years`` (cumulative, prior employers included) has reached;
    0 before ``continuous_months`` reaches 12 (实施办法 Art. 3)."""
    if continuous_months < eligible_after_months:
        return 0
    years = to_decimal(career_years)
    days = 0
    for from_years, tier_days in sorted(tiers):
        if years >= to_decimal(from_years):
            days = tier_days
    return days


def _drop_fraction(value):
    return int(to_decimal(value).to_integral_value(rounding=ROUND_FLOOR))


def _year_bounds(day):
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def joiner_leave_days(*, full_days, start, days_in_year=DAYS_IN_YEAR):
    """A joiner's annual leave for the year they join (实施办法 Art. 5): the calendar days
    from ``start`` to 31 December inclusive ÷ 365 × ``full_days``, fractions dropped.
    Also used from the day an employee reaches 12 months' continuous work."""
    _first, last = _year_bounds(start)
    remaining = (last - start).days + 1
    return _drop_fraction(Decimal(remaining) / days_in_year * full_days)


@dataclass(frozen=True)
class LeaverLeave:
    """A leaver's annual leave for the year: days earned, taken, and the untaken days to
    pay (never negative: over-taken days are not recovered)."""

    days_worked: int
    earned: int
    taken: Decimal
    untaken: int


def leaver_leave_days(*, full_days, end, taken, start=None, days_in_year=DAYS_IN_YEAR):
    """A leaver's untaken annual leave (实施办法 Art. 12): the calendar days of the year
    worked here (from 1 January, or ``start`` if they joined this year, to ``end``
    inclusive) ÷ 365 × ``full_days`` − the days taken, the fraction dropped; days taken
    beyond that are not recovered."""
    first, _last = _year_bounds(end)
    since = max(first, start) if start else first
    worked = (end - since).days + 1
    if worked < 0:
        raise ValueError("the leaving date is before the start")
    exact = Decimal(worked) / days_in_year * full_days
    taken = to_decimal(taken)
    return LeaverLeave(
        days_worked=worked,
        earned=_drop_fraction(exact),
        taken=taken,
        untaken=max(_drop_fraction(exact - taken), 0),
    )


@dataclass(frozen=True)
class UntakenLeavePay:
    """Pay for untaken annual leave: the daily wage, the days, the full 300% value, the
    100% already paid as the normal wage, and the 200% the employer still owes."""

    daily_wage: Decimal
    days: Decimal
    full_value: Decimal
    already_paid: Decimal
    extra_due: Decimal


def untaken_leave_pay(
    *,
    monthly_wage,
    days,
    multiplier=Decimal("3"),
    included_normal_wage=Decimal("1"),
    days_per_month=PAY_DAYS_PER_MONTH,
):
    """Untaken annual leave pay (实施办法 Art. 10): 300% of the daily wage per untaken day,
    which *includes* the normal wage already paid for that working day (100%), so the
    amount due on top of the normal pay is 200% × daily wage × days (``extra_due``).
    ``monthly_wage`` is the average monthly wage of the 12 months before, overtime excluded
    (Art. 11); daily wage = that ÷ 21.75. Amounts rounded half-up to the cent."""
    days = to_decimal(days)
    if days < 0:
        raise ValueError("untaken days cannot be negative")
    daily = daily_wage(monthly_wage, days_per_month)
    full = cents(daily * days * to_decimal(multiplier))
    paid = cents(daily * days * to_decimal(included_normal_wage))
    return UntakenLeavePay(
        daily_wage=cents(daily),
        days=days,
        full_value=full,
        already_paid=paid,
        extra_due=full - paid,
    )
