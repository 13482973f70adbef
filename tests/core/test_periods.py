"""Periods: ISO weeks, months, quarters and years in the company time zone."""

import datetime as dt

import pytest
from django.utils import timezone

from core.periods import (
    Period,
    PeriodKind,
    custom_period,
    last_n,
    period_containing,
    today,
)

D = dt.date


def test_iso_week_across_a_year_end():
    week = period_containing(PeriodKind.WEEK, D(2025, 1, 1))  # a Wednesday
    assert (week.start, week.end) == (D(2024, 12, 30), D(2025, 1, 6))
    assert week.label == "2025-W01"
    assert week.last_day == D(2025, 1, 5)
    # 2026-01-01 is a Thursday in ISO week 1 of 2026; 2027-01-01 belongs to 2026-W53
    assert period_containing(PeriodKind.WEEK, D(2027, 1, 1)).label == "2026-W53"
    assert period_containing(PeriodKind.WEEK, D(2027, 1, 4)).label == "2027-W01"


def test_weeks_start_on_monday():
    for day in range(1, 8):
        week = period_containing(PeriodKind.WEEK, D(2026, 6, day))
        assert week.start.weekday() == 0
        assert week.start <= D(2026, 6, day) < week.end


def test_month_boundaries():
    feb = period_containing(PeriodKind.MONTH, D(2024, 2, 29))
    assert (feb.start, feb.end, feb.label) == (D(2024, 2, 1), D(2024, 3, 1), "2024-02")
    dec = period_containing(PeriodKind.MONTH, D(2025, 12, 31))
    assert (dec.start, dec.end) == (D(2025, 12, 1), D(2026, 1, 1))


@pytest.mark.parametrize(
    ("day", "start", "end", "label"),
    [
        (D(2026, 1, 1), D(2026, 1, 1), D(2026, 4, 1), "2026-Q1"),
        (D(2026, 3, 31), D(2026, 1, 1), D(2026, 4, 1), "2026-Q1"),
        (D(2026, 4, 1), D(2026, 4, 1), D(2026, 7, 1), "2026-Q2"),
        (D(2026, 12, 31), D(2026, 10, 1), D(2027, 1, 1), "2026-Q4"),
    ],
)
def test_quarter_boundaries(day, start, end, label):
    quarter = period_containing(PeriodKind.QUARTER, day)
    assert (quarter.start, quarter.end, quarter.label) == (start, end, label)


def test_day_and_year():
    day = period_containing(PeriodKind.DAY, D(2026, 3, 5))
    assert (day.start, day.end, day.label) == (D(2026, 3, 5), D(2026, 3, 6), "2026-03-05")
    year = period_containing(PeriodKind.YEAR, D(2026, 3, 5))
    assert (year.start, year.end, year.label) == (D(2026, 1, 1), D(2027, 1, 1), "2026")


@pytest.mark.parametrize(
    ("kind", "day", "previous_start"),
    [
        (PeriodKind.DAY, D(2026, 1, 1), D(2025, 12, 31)),
        (PeriodKind.WEEK, D(2026, 1, 1), D(2025, 12, 22)),
        (PeriodKind.MONTH, D(2026, 1, 15), D(2025, 12, 1)),
        (PeriodKind.MONTH, D(2026, 3, 31), D(2026, 2, 1)),
        (PeriodKind.QUARTER, D(2026, 2, 1), D(2025, 10, 1)),
        (PeriodKind.YEAR, D(2026, 6, 1), D(2025, 1, 1)),
    ],
)
def test_previous_period(kind, day, previous_start):
    current = period_containing(kind, day)
    previous = current.previous()
    assert previous.kind == kind
    assert previous.start == previous_start
    assert previous.end == current.start


@pytest.mark.parametrize(
    ("kind", "day", "expected_start"),
    [
        (PeriodKind.DAY, D(2024, 2, 29), D(2023, 2, 28)),
        (PeriodKind.MONTH, D(2026, 5, 20), D(2025, 5, 1)),
        (PeriodKind.QUARTER, D(2026, 5, 20), D(2025, 4, 1)),
        (PeriodKind.YEAR, D(2026, 5, 20), D(2025, 1, 1)),
        # the same ISO week number last year, not the same dates
        (PeriodKind.WEEK, D(2026, 1, 1), D(2024, 12, 30)),
        # week 53 of 2026: 2025 had only 52, so its last week
        (PeriodKind.WEEK, D(2026, 12, 31), D(2025, 12, 22)),
    ],
)
def test_same_period_last_year(kind, day, expected_start):
    last_year = period_containing(kind, day).same_last_year()
    assert last_year.kind == kind
    assert last_year.start == expected_start


def test_custom_range():
    period = custom_period(D(2026, 1, 10), D(2026, 1, 19))
    assert (period.start, period.end, period.last_day) == (
        D(2026, 1, 10),
        D(2026, 1, 20),
        D(2026, 1, 19),
    )
    assert period.label == "2026-01-10 – 2026-01-19"
    previous = period.previous()
    assert (previous.start, previous.last_day) == (D(2025, 12, 31), D(2026, 1, 9))


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        period_containing("fortnight", D(2026, 1, 1))


def test_bounds_are_midnights_in_asia_shanghai(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    start, end = period_containing(PeriodKind.MONTH, D(2026, 1, 15)).bounds()
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 12, 31, 16, 0, tzinfo=dt.UTC)
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 1, 31, 16, 0, tzinfo=dt.UTC)


def test_a_late_evening_in_utc_is_the_next_day_in_shanghai():
    moment = dt.datetime(2026, 1, 31, 17, 0, tzinfo=dt.UTC)  # 01:00 on 1 February in Shanghai
    day = timezone.localtime(moment).date()
    start, end = period_containing(PeriodKind.MONTH, day).bounds()
    assert start <= moment < end
    assert day.month == 2


def test_today_is_the_local_date():
    assert today() == timezone.localdate()


def test_last_n_periods_in_order():
    months = last_n(PeriodKind.MONTH, 3, ending=D(2026, 1, 15))
    assert [m.label for m in months] == ["2025-11", "2025-12", "2026-01"]
    assert all(isinstance(m, Period) for m in months)
    assert len(last_n(PeriodKind.WEEK, 1)) == 1
