"""Periods (day, ISO week, month, quarter, year) in the company time zone: one helper for all."""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    CUSTOM = "custom", _("Custom range")


@dataclass(frozen=True)
class Period:
    """A half-open range of local dates [start, end)."""

    kind: str
    start: dt.date
    end: dt.date  # exclusive

    @property
    def last_day(self):
        return self.end - dt.timedelta(days=1)

    @property
    def label(self):
        if self.kind == PeriodKind.DAY:
            return self.start.isoformat()
        if self.kind == PeriodKind.WEEK:
            year, week, _d = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()} – {self.last_day.isoformat()}"

    def bounds(self):
        """Aware datetimes [start, end) in the current time zone, for DateTimeField filters."""
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(self.end, dt.time.min, tzinfo=tz),
        )

    def previous(self):
        return period_containing(self.kind, self.start - dt.timedelta(days=1), self)

    def same_last_year(self):
        try:
            day = self.start.replace(year=self.start.year - 1)
        except ValueError:  # 29 February
            day = self.start.replace(year=self.start.year - 1, day=28)
        if self.kind == PeriodKind.WEEK:
            year, week, _d = self.start.isocalendar()
            try:
                day = dt.date.fromisocalendar(year - 1, week, 1)
            except ValueError:  # week 53 that last year lacked
                day = dt.date.fromisocalendar(year - 1, 52, 1)
        return period_containing(self.kind, day, self)


def _add_months(day, months):
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def period_containing(kind, day, like=None):
    """The period of ``kind`` that contains local date ``day``."""
    if kind == PeriodKind.DAY:
        return Period(kind, day, day + dt.timedelta(days=1))
    if kind == PeriodKind.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        return Period(kind, start, start + dt.timedelta(days=7))
    if kind == PeriodKind.MONTH:
        start = day.replace(day=1)
        return Period(kind, start, _add_months(start, 1))
    if kind == PeriodKind.QUARTER:
        start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(kind, start, _add_months(start, 3))
    if kind == PeriodKind.YEAR:
        return Period(kind, dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1))
    if kind == PeriodKind.CUSTOM and like is not None:
        length = like.end - like.start
        return Period(kind, day - length + dt.timedelta(days=1), day + dt.timedelta(days=1))
    raise ValueError(f"unknown period kind {kind!r}")


def custom_period(start, last_day):
    return Period(PeriodKind.CUSTOM, start, last_day + dt.timedelta(days=1))


def today():
    """Today's date in the company time zone."""
    return timezone.localdate()


def last_n(kind, n, ending=None):
    """The ``n`` periods of ``kind`` up to and including the one containing ``ending``."""
    current = period_containing(kind, ending or today())
    result = [current]
    for _i in range(n - 1):
        result.append(result[-1].previous())
    return list(reversed(result))
