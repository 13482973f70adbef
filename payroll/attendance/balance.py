"""Statutory annual leave of one employee for one year, as plain functions (no database):
the entitlement (``payroll.calc.leave``), carry-over and the balance.

* Eligible after 12 months' continuous work: an employee with at least a year of prior
  service is eligible from the hire date; someone in their first job from the day they
  complete 12 months here (实施办法 Art. 3). From then on, the year in which they become
  eligible is pro-rated as a joiner's (Art. 5): remaining calendar days ÷ 365 × the days,
  fractions dropped.
* The days follow cumulative working years, prior employers included (条例 Art. 3),
  counted at 1 January (or at the day they become eligible, if later).
* A leaver earns the calendar days of the year worked ÷ 365 × the days, fractions dropped
  (Art. 12); days taken beyond that are not recovered.
* Carry-over (company setting): what is left at the year's end moves to the next year up
  to N days, and must be taken by the end of a month of that year; afterwards the carried
  days not used lapse.
"""

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..calc.leave import annual_leave_days, joiner_leave_days, leaver_leave_days

ZERO = Decimal("0")


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def eligible_from(*, hire_date, prior_years):
    """The day annual leave starts: the hire date with a year or more of prior service,
    else the day 12 months after it."""
    if Decimal(prior_years) >= 1:
        return hire_date
    return add_months(hire_date, 12)


def career_years_on(day, *, hire_date, prior_years):
    """Cumulative working years on ``day``: prior service plus whole months here ÷ 12."""
    months = (day.year - hire_date.year) * 12 + day.month - hire_date.month
    if day.day < hire_date.day:
        months -= 1
    return Decimal(prior_years) + Decimal(max(months, 0)) / 12


@dataclass(frozen=True)
class Entitlement:
    """The year's days: the full-year tier (``full_days``) and what is earned this year
    (pro-rated for a joiner or a leaver, fractions dropped)."""

    full_days: int
    days: int
    eligible_from: dt.date
    prorated: str = ""  # "", "joiner" or "leaver"


def entitlement(*, year, hire_date, prior_years, left_on=None, taken=ZERO):
    """The annual leave one employee earns in ``year`` (see the module docstring)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = eligible_from(hire_date=hire_date, prior_years=prior_years)
    if start > last or (left_on and left_on < max(first, start)):
        return Entitlement(0, 0, start)
    counted_on = max(first, start)
    full = annual_leave_days(
        career_years=career_years_on(counted_on, hire_date=hire_date, prior_years=prior_years),
        continuous_months=12,
    )
    if left_on and left_on <= last:
        leaver = leaver_leave_days(
            full_days=full, end=left_on, taken=ZERO, start=start if start > first else None
        )
        return Entitlement(full, leaver.earned, start, "leaver")
    if start > first:
        return Entitlement(full, joiner_leave_days(full_days=full, start=start), start, "joiner")
    return Entitlement(full, full, start)


def carry_over(*, remaining, max_days):
    """Days moved to the next year: what is left, at most ``max_days``, never negative."""
    return min(max(Decimal(remaining), ZERO), Decimal(max_days))


def carry_deadline(year, until_month):
    """The last day carried-over days may be taken in ``year``."""
    return dt.date(year, until_month, _calendar.monthrange(year, until_month)[1])


@dataclass(frozen=True)
class Balance:
    """An employee's annual leave in a year as of a day: earned, carried over (and how much
    of it is still usable), taken, requested and not yet decided, paid out, remaining."""

    year: int
    entitlement: int
    carried_over: Decimal
    carry_usable: Decimal
    carry_deadline: dt.date | None
    taken: Decimal
    pending: Decimal
    paid_out: Decimal

    @property
    def available(self):
        return self.entitlement + self.carry_usable

    @property
    def remaining(self):
        return self.available - self.taken - self.paid_out

    @property
    def bookable(self):
        """What may still be requested: the remainder less the requests not yet decided."""
        return self.remaining - self.pending


def balance(
    *,
    year,
    entitlement_days,
    carried_over=ZERO,
    taken=ZERO,
    taken_by_deadline=ZERO,
    pending=ZERO,
    paid_out=ZERO,
    deadline=None,
    as_of=None,
):
    """The balance (``Balance``): carried days are used first; after ``deadline`` only the
    carried days taken by then still count, the rest lapse."""
    carried = Decimal(carried_over)
    usable = carried
    if deadline is not None and as_of is not None and as_of > deadline:
        usable = min(carried, Decimal(taken_by_deadline))
    return Balance(
        year=year,
        entitlement=entitlement_days,
        carried_over=carried,
        carry_usable=usable,
        carry_deadline=deadline,
        taken=Decimal(taken),
        pending=Decimal(pending),
        paid_out=Decimal(paid_out),
    )
