"""Statutory annual leave worked examples (条例 Art. 3, 实施办法 Art. 3, 5, 12) and the
working days a leave takes over holidays and make-up working days."""

import datetime as dt
from decimal import Decimal as D

import pytest

from payroll.attendance import balance as b
from payroll.attendance.days import leave_days


def test_full_year_tiers_count_prior_employers():
    # hired 2020-03-01 with 8.5 years before: 2026-01-01 → 8.5 + 5.83 = 14.3 years → 10 days
    ent = b.entitlement(year=2026, hire_date=dt.date(2020, 3, 1), prior_years=D("8.5"))
    assert (ent.full_days, ent.days, ent.prorated) == (10, 10, "")
    # 19 years before, hired 2025-06-01: 1 Jan 2026 → 19.58 → 10; not yet 20
    ent = b.entitlement(year=2026, hire_date=dt.date(2025, 6, 1), prior_years=D("19"))
    assert ent.days == 10
    ent = b.entitlement(year=2026, hire_date=dt.date(2024, 6, 1), prior_years=D("19"))
    assert ent.days == 15  # 20.58 years


def test_joiner_with_prior_service_is_prorated_from_the_hire_date():
    # 3 prior years, joins 2026-09-01: 122 days left ÷ 365 × 5 = 1.67 → 1 day
    ent = b.entitlement(year=2026, hire_date=dt.date(2026, 9, 1), prior_years=D("3"))
    assert (ent.full_days, ent.days, ent.prorated) == (5, 1, "joiner")
    # joins 2026-03-01: 306 ÷ 365 × 5 = 4.19 → 4
    ent = b.entitlement(year=2026, hire_date=dt.date(2026, 3, 1), prior_years=D("3"))
    assert ent.days == 4


def test_first_job_waits_twelve_months_then_prorated():
    hired = dt.date(2025, 7, 1)
    # 2025: not yet 12 months anywhere → nothing
    assert b.entitlement(year=2025, hire_date=hired, prior_years=0).days == 0
    # eligible from 2026-07-01: 184 days ÷ 365 × 5 = 2.52 → 2
    ent = b.entitlement(year=2026, hire_date=hired, prior_years=0)
    assert (ent.eligible_from, ent.days, ent.prorated) == (dt.date(2026, 7, 1), 2, "joiner")
    assert b.entitlement(year=2027, hire_date=hired, prior_years=0).days == 5


def test_leaver_earns_the_days_worked():
    # 10 days a year, leaves 2026-04-30: 120 ÷ 365 × 10 = 3.29 → 3
    ent = b.entitlement(
        year=2026, hire_date=dt.date(2015, 1, 1), prior_years=D("2"), left_on=dt.date(2026, 4, 30)
    )
    assert (ent.full_days, ent.days, ent.prorated) == (10, 3, "leaver")


def test_carry_over_capped_and_lapses_after_the_deadline():
    assert b.carry_over(remaining=D("7"), max_days=5) == 5
    assert b.carry_over(remaining=D("2.5"), max_days=5) == D("2.5")
    assert b.carry_over(remaining=D("-1"), max_days=5) == 0
    deadline = b.carry_deadline(2026, 3)
    assert deadline == dt.date(2026, 3, 31)
    before = b.balance(
        year=2026,
        entitlement_days=5,
        carried_over=3,
        taken=2,
        taken_by_deadline=1,
        deadline=deadline,
        as_of=dt.date(2026, 3, 1),
    )
    assert (before.available, before.remaining) == (8, 6)
    after = b.balance(
        year=2026,
        entitlement_days=5,
        carried_over=3,
        taken=2,
        taken_by_deadline=1,
        deadline=deadline,
        as_of=dt.date(2026, 4, 1),
    )
    # only the 1 carried day taken by 31 March counts; 2 lapsed
    assert (after.carry_usable, after.remaining) == (1, 4)


@pytest.mark.django_db
def test_working_days_skip_holidays_and_count_make_up_days():
    from core.services import save_checked
    from org.models import CalendarDay

    for day, kind, name in (
        (dt.date(2026, 10, 1), "statutory", "國慶節"),
        (dt.date(2026, 10, 2), "statutory", "國慶節"),
        (dt.date(2026, 10, 5), "in_lieu", "國慶節"),
        (dt.date(2026, 10, 10), "makeup", "國慶節調休"),
    ):
        save_checked(CalendarDay(day=day, kind=kind, name=name), None)
    # 2026-09-30 (Wed) to 2026-10-10 (Sat, make-up): 9-30, 10-6..10-9, 10-10 = 6 days
    assert leave_days(dt.date(2026, 9, 30), dt.date(2026, 10, 10)) == 6
    assert (
        leave_days(dt.date(2026, 9, 30), dt.date(2026, 10, 10), start_afternoon=True, end_noon=True)
        == 5
    )
    assert leave_days(dt.date(2026, 10, 1), dt.date(2026, 10, 4)) == 0
    assert leave_days(dt.date(2026, 10, 1), dt.date(2026, 10, 4), calendar_days=True) == 4
