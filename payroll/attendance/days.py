"""Counting leave days over the working calendar (``org.calendar``): a request from one
date to another, a half day at either end, in working days or in calendar days."""

import datetime as dt
from decimal import Decimal

from org import calendar

HALF = Decimal("0.5")


def _each_day(start, end):
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def leave_days(
    start, end, *, start_afternoon=False, end_noon=False, calendar_days=False, days=None
):
    """The days a leave from ``start`` to ``end`` inclusive takes: the working days between
    them (holidays and weekends not counted, make-up working days counted), or every
    calendar day with ``calendar_days``; a first day from the afternoon or a last day until
    noon counts half. ``days``: ``org.calendar.calendar_days`` of the range, read when not
    given (one query)."""
    if end < start:
        return Decimal("0")
    if days is None and not calendar_days:
        days = calendar.calendar_days(start, end)
    total = Decimal("0")
    for day in _each_day(start, end):
        if not calendar_days and not calendar.is_working_day(day, days):
            continue
        value = Decimal("1")
        if day == start and start_afternoon:
            value -= HALF
        if day == end and end_noon:
            value -= HALF
        total += max(value, Decimal("0"))
    return total


def leave_days_between(request, first, last, days):
    """The days of ``request`` (a LeaveRequest) falling from ``first`` to ``last``
    inclusive, e.g. in one month (``days`` covers the range)."""
    start, end = max(request.start, first), min(request.end, last)
    if end < start:
        return Decimal("0")
    return leave_days(
        start,
        end,
        start_afternoon=request.start_afternoon and start == request.start,
        end_noon=request.end_noon and end == request.end,
        calendar_days=request.leave_type.counting == "calendar",
        days=days,
    )
