"""The working calendar shared by appraisal and payroll: which days are working days.

A day is a working day when it is a Monday to Friday, unless the calendar table
(``org.CalendarDay``) lists it as a day off (statutory holiday, day off in lieu, company
holiday); a weekend day is a working day only when the table lists it as a make-up working
day (調休上班). The table is filled from the official schedule by ``calendar_sync_year``
and corrected by HR.

Each function reads the table once per call (one query for its range), or works on the
``days`` mapping a caller loaded once with ``calendar_days`` for many calls.
"""

import datetime as dt
from typing import NamedTuple


class Entry(NamedTuple):
    kind: str
    name: str


def _kinds():
    from .models import CalendarDay

    return CalendarDay.Kind


def calendar_days(start, end):
    """{date: Entry(kind, name)} of the table's days from ``start`` to ``end`` inclusive
    (one query)."""
    from .models import CalendarDay

    rows = CalendarDay.objects.filter(day__range=(start, end)).values_list("day", "kind", "name")
    return {day: Entry(kind, name) for day, kind, name in rows}


def _entry_is_working(day, entry):
    if entry is None:
        return day.weekday() < 5
    return entry.kind == _kinds().MAKEUP


def is_working_day(day, days=None):
    """Whether ``day`` is a working day (``days``: a mapping from ``calendar_days``
    covering it; read from the table when not given)."""
    if days is None:
        days = calendar_days(day, day)
    return _entry_is_working(day, days.get(day))


def _each_day(start, end):
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def working_days(start, end, days=None):
    """The working days from ``start`` to ``end`` inclusive, in order."""
    if days is None:
        days = calendar_days(start, end)
    return [day for day in _each_day(start, end) if _entry_is_working(day, days.get(day))]


def _month_bounds(year, month):
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def nth_working_day(year, month, n, days=None):
    """The ``n``-th working day (1-based) of the month, e.g. the 10th for "within the first
    ten working days of the next month"; ValueError when the month has fewer."""
    if n < 1:
        raise ValueError("n counts from 1")
    first, last = _month_bounds(year, month)
    month_days = working_days(first, last, days)
    if n > len(month_days):
        raise ValueError(f"{year}-{month:02d} has only {len(month_days)} working days")
    return month_days[n - 1]


def working_days_in_month(year, month, days=None):
    """How many working days the month has."""
    first, last = _month_bounds(year, month)
    return len(working_days(first, last, days))


def statutory_holidays(start, end, days=None):
    """[(date, name)] of the statutory holidays from ``start`` to ``end`` inclusive."""
    if days is None:
        days = calendar_days(start, end)
    statutory = _kinds().STATUTORY
    return [
        (day, days[day].name)
        for day in _each_day(start, end)
        if day in days and days[day].kind == statutory
    ]


def day_kind(day, days=None):
    """The kind of day for overtime pay: ``"working_day"``, ``"rest_day"`` or
    ``"statutory_holiday"`` (the keys of ``payroll.calc.OVERTIME_MULTIPLIERS``)."""
    if days is None:
        days = calendar_days(day, day)
    entry = days.get(day)
    if entry is not None and entry.kind == _kinds().STATUTORY:
        return "statutory_holiday"
    return "working_day" if _entry_is_working(day, entry) else "rest_day"
