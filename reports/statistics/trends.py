"""Trends: the figures over the last n days, weeks, months, quarters or years."""

from django.db.models import Case, IntegerField, Value, When

from core.periods import PeriodKind, last_n

from .engine import _empty, _finish, _local_midnight, _queryset, _rows_of
from .measures import _installed, _measures_for, _raw_keys

# --- trends --------------------------------------------------------------------------------

_TREND_KINDS = (
    PeriodKind.DAY,
    PeriodKind.WEEK,
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.YEAR,
)
TREND_KEYS = ("premium_total", "premium_first_year", "new_policies", "visits")


def _period_bucket(measure, periods):
    """The index of the period a row falls in, as a plain SQL CASE on the date column (a
    date-truncating function would be a Python call per row on SQLite, and hides the column
    from its index on both databases).

    The rows are already within the periods, so the CASE is a binary search on the period
    boundaries: four comparisons a row for twelve periods instead of up to twenty-four.
    """
    f = measure.date_field
    bounds = [p.start for p in periods]
    if measure.is_datetime:
        bounds = [_local_midnight(b) for b in bounds]

    def search(low, high):  # the index among periods[low:high]
        if high - low == 1:
            return Value(low)
        middle = (low + high) // 2
        return Case(
            When(**{f"{f}__lt": bounds[middle]}, then=search(low, middle)),
            default=search(middle, high),
            output_field=IntegerField(),
        )

    return search(0, len(periods))


def trend(scope, kind, n=12, ending=None, keys=TREND_KEYS):
    """The last ``n`` periods of ``kind`` (day, week, month, quarter, year) up to the one
    containing ``ending`` (default today), each with the figures ``keys`` (every figure if
    None): ``[(Period, {key: value}), ...]`` oldest first. One statement for every measure
    and all the periods together (grouped by the period each row falls in, in the company time
    zone)."""
    if kind not in _TREND_KINDS:
        raise ValueError(f"no trend by {kind!r}")
    keys = None if keys is None else set(keys)
    periods = last_n(kind, n, ending)
    start, end = periods[0].start, periods[-1].end
    raw = {p.start: {} for p in periods}
    present = set()
    branches = []
    for measure in _measures_for(keys):
        if not _installed(measure):
            continue
        present.update(_raw_keys(measure))
        rows = (
            _queryset(measure, scope, start, end)
            .annotate(_bucket=_period_bucket(measure, periods))
            .values("_bucket")
            .annotate(**measure.aggregates())
            .order_by()
        )
        branches.append((measure.name, rows))
    for _name, row in _rows_of(branches):
        index = row.pop("_bucket")
        if index is not None:
            raw[periods[index].start].update(row)
    result = []
    for period in periods:
        values = _empty(present)
        values.update({k: v for k, v in raw[period.start].items() if v is not None})
        result.append((period, _finish(values, keys)))
    return result
