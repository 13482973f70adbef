"""A summary: each figure against its target, the previous period and last year."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .engine import _ratio, compute_many
from .measures import FIGURES, RATE, Figure
from .sales_targets import targets


@dataclass
class FigureRow:
    """One line of a summary: the figure's value against its target, the previous period and
    the same period last year. ``completion`` and the changes are fractions (0.25 = 25 %):
    completion = value / target; change = (value - previous) / previous; None if undefined."""

    figure: Figure
    value: object
    target: object = None
    completion: Decimal | None = None
    previous: object = None
    change: Decimal | None = None
    last_year: object = None
    change_last_year: Decimal | None = None

    @property
    def key(self):
        return self.figure.key

    @property
    def label(self):
        return self.figure.label

    @property
    def unit(self):
        return self.figure.unit

    @property
    def change_is_good(self):
        """Whether the change vs the previous period goes the right way (None: no change)."""
        if not self.change:
            return None
        return (self.change > 0) == self.figure.higher_is_better


def _change(value, before):
    if value is None or before in (None, 0):
        return None
    return ((Decimal(value) - Decimal(before)) / abs(Decimal(before))).quantize(RATE, ROUND_HALF_UP)


def summary(scope, period, keys=None, *, previous=None, last_year=None, target_range=None):
    """Each figure of ``scope`` in ``period`` (a core.periods.Period) with its target, the
    previous period and the same period last year: a list of FigureRow in FIGURES order.

    ``previous`` / ``last_year`` (Periods) and ``target_range`` ((start, end)) replace the
    defaults — the dashboards compare a month to date with the previous month to the same
    day and measure it against the whole month's target."""
    keys = set(keys) if keys is not None else None
    prev_period = previous or period.previous()
    year_period = last_year or period.same_last_year()
    now, before, last_year = compute_many(
        [(scope, p.start, p.end) for p in (period, prev_period, year_period)], keys
    )
    goal = targets(scope, *(target_range or (period.start, period.end)))
    rows = []
    for figure in FIGURES:
        if keys is not None and figure.key not in keys:
            continue
        value = now[figure.key]
        target = goal.get(figure.target_key) if figure.target_key else None
        rows.append(
            FigureRow(
                figure=figure,
                value=value,
                target=target,
                completion=_ratio(value, target) if target and value is not None else None,
                previous=before[figure.key],
                change=_change(value, before[figure.key]),
                last_year=last_year[figure.key],
                change_last_year=_change(value, last_year[figure.key]),
            )
        )
    return rows
