"""Daily and hourly wages, overtime pay and absence deductions.

Rules: 《劳动法》 Art. 44 (overtime at no less than 150% on working days, 200% on rest days
when no time off in lieu is given, 300% on statutory holidays); 劳社部发〔2008〕3号 (the
monthly pay days: (365 − 104 − 11) ÷ 12 = 20.83 working days, 21.75 paid days; daily wage =
monthly wage ÷ 21.75, hourly wage = daily wage ÷ 8).

Unit wages are kept exact; only the amounts paid or deducted are rounded (half-up to the
cent). The divisors and multipliers are arguments, with the statutory values as defaults.
"""

from decimal import Decimal

from .money import cents, to_decimal

PAY_DAYS_PER_MONTH = Decimal("21.75")
HOURS_PER_DAY = Decimal("8")


class DayKind:
    """The kind of day overtime is worked on."""

    WORKING_DAY = "working_day"  # 150%
    REST_DAY = "rest_day"  # 200% (when no time off in lieu is given)
    STATUTORY_HOLIDAY = "statutory_holiday"  # 300%


OVERTIME_MULTIPLIERS = {
    DayKind.WORKING_DAY: Decimal("1.5"),
    DayKind.REST_DAY: Decimal("2"),
    DayKind.STATUTORY_HOLIDAY: Decimal("3"),
}


def daily_wage(monthly_wage, days_per_month=PAY_DAYS_PER_MONTH):
    """Daily wage = monthly wage ÷ 21.75 (劳社部发〔2008〕3号), exact (not rounded)."""
    return to_decimal(monthly_wage) / to_decimal(days_per_month)


def hourly_wage(monthly_wage, days_per_month=PAY_DAYS_PER_MONTH, hours_per_day=HOURS_PER_DAY):
    """Hourly wage = daily wage ÷ 8 (劳社部发〔2008〕3号), exact (not rounded)."""
    return daily_wage(monthly_wage, days_per_month) / to_decimal(hours_per_day)


def overtime_pay(
    *,
    monthly_wage,
    hours,
    day_kind,
    multipliers=None,
    days_per_month=PAY_DAYS_PER_MONTH,
    hours_per_day=HOURS_PER_DAY,
):
    """Overtime pay for ``hours`` worked on a ``day_kind`` day (《劳动法》 Art. 44): hourly
    wage × hours × 150% / 200% / 300% (``multipliers`` overrides them), rounded half-up
    to the cent."""
    table = multipliers or OVERTIME_MULTIPLIERS
    try:
        multiplier = to_decimal(table[day_kind])
    except KeyError as exc:
        raise ValueError(f"unknown kind of day {day_kind!r}") from exc
    hours = to_decimal(hours)
    if hours < 0:
        raise ValueError("overtime hours cannot be negative")
    return cents(hourly_wage(monthly_wage, days_per_month, hours_per_day) * hours * multiplier)


def absence_deduction(*, monthly_wage, days, rate=Decimal("1"), days_per_month=PAY_DAYS_PER_MONTH):
    """The deduction for ``days`` of unpaid absence (personal leave, absence without
    leave): days × daily wage × ``rate`` (1 = the whole daily wage; a company paying part of
    sick leave deducts at the unpaid part, e.g. 0.4), rounded half-up to the cent."""
    days, rate = to_decimal(days), to_decimal(rate)
    if days < 0 or not 0 <= rate <= 1:
        raise ValueError("days cannot be negative and the rate is between 0 and 1")
    return cents(daily_wage(monthly_wage, days_per_month) * days * rate)
