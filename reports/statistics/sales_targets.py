"""Targets from ``sales.SalesTarget``, by month and prorated to any range."""

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .engine import _check_range
from .measures import CENT, TENTH
from .scopes import Scope, remembered


def _months(start, end):
    month = start.replace(day=1)
    while month < end:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _target_rows(scope, start, end):
    from sales.models import SalesTarget

    def read():
        qs = SalesTarget.objects.filter(month__gte=start.replace(day=1), month__lt=end).order_by()
        if scope.kind == Scope.TEAM:
            qs = qs.filter(team_id=scope.team_id)
        elif scope.kind == Scope.PERSON:
            qs = qs.filter(user_id=scope.user_id)
        return list(
            qs.values_list("team_id", "user_id", "month", "premium", "new_policies", "visits")
        )

    return remembered(("targets", scope.key, start.replace(day=1), end), read)


def _group_targets(rows, person_level):
    """{(group key, month): [premium, policies, visits]} of target rows, by the rule of
    monthly_targets; ``person_level`` keys by user, else by team."""
    per_team = {}
    per_person = {}
    for team_id, user_id, month, premium, policies, visits in rows:
        if user_id is not None:
            mine = per_person.setdefault((user_id, month), [Decimal(0), 0, 0])
            mine[0] += premium
            mine[1] += policies
            mine[2] += visits
        slot = per_team.setdefault((team_id, month), {"own": None, "members": [Decimal(0), 0, 0]})
        if user_id is None:
            slot["own"] = [premium, policies, visits]
        else:
            members = slot["members"]
            members[0] += premium
            members[1] += policies
            members[2] += visits
    if person_level:
        return per_person
    return {
        key: slot["own"] if slot["own"] is not None else slot["members"]
        for key, slot in per_team.items()
    }


def monthly_targets(scope, start, end, rows=None):
    """{month (1st): {"premium", "new_policies", "visits"}} of the months overlapping the range.

    A person's target is their own row (summed over teams, should they have moved mid-month).
    A team's target is the team's own row for the month when it has one, else the sum of its
    members' rows. The company's is the sum of its teams' targets by that rule. One query
    (none when ``rows``, the scope's target rows of those months, are given).
    """
    if rows is None:
        rows = _target_rows(scope, start, end)
    grouped = _group_targets(rows, scope.kind == Scope.PERSON)
    result = {}
    for (_who, month), values in grouped.items():
        totals = result.setdefault(month, {"premium": Decimal(0), "new_policies": 0, "visits": 0})
        totals["premium"] += Decimal(values[0])
        totals["new_policies"] += values[1]
        totals["visits"] += values[2]
    return result


def _prorate(monthly, start, end):
    """Targets for [start, end) from {month: values}: see targets()."""
    totals = {"premium": Decimal(0), "new_policies": Decimal(0), "visits": Decimal(0)}
    whole = True
    for month in _months(start, end):
        values = monthly.get(month)
        if not values:
            continue
        days = calendar.monthrange(month.year, month.month)[1]
        month_end = month + dt.timedelta(days=days)
        overlap = (min(end, month_end) - max(start, month)).days
        share = Decimal(overlap) / Decimal(days)
        if overlap != days:
            whole = False
        for key in totals:
            totals[key] += Decimal(values[key]) * share
    result = {}
    if totals["premium"] > 0:
        result["premium"] = totals["premium"].quantize(CENT, ROUND_HALF_UP)
    for key in ("new_policies", "visits"):
        if totals[key] > 0:
            value = totals[key].quantize(TENTH, ROUND_HALF_UP)
            result[key] = int(value) if whole and value == value.to_integral_value() else value
    return result


def targets(scope, start, end):
    """The targets of ``scope`` for ``[start, end)`` from ``sales.SalesTarget``.

    Monthly targets are prorated by calendar days: a month the range covers entirely counts
    whole, a partial month by the share of its days in the range (a week inside one month
    gets 7/30 of a 30-day month's target). Money is rounded to the cent; a count target is an
    ``int`` when only whole months are covered, else a ``Decimal`` with one decimal. A target
    of zero counts as not set: the key is absent, and so is the key of a scope without targets.
    The first-year premium is what the premium target measures (targets are set for new
    business; renewals are not sold again). One query.
    """
    _check_range(start, end)
    return _prorate(monthly_targets(scope, start, end), start, end)


def targets_by(scope, start, end, by):
    """{user id or team id: targets} of the people (``by="person"``) or teams (``"team"``)
    within ``scope``, by the rules of targets(). One query."""
    if by not in ("person", "team"):
        raise ValueError(f"no targets by {by!r}")
    _check_range(start, end)
    grouped = _group_targets(_target_rows(scope, start, end), by == "person")
    monthly = {}
    for (who, month), values in grouped.items():
        monthly.setdefault(who, {})[month] = {
            "premium": values[0],
            "new_policies": values[1],
            "visits": values[2],
        }
    return {who: _prorate(months, start, end) for who, months in monthly.items()}


def _belongs(row, scope, start, end):
    """Whether a target row (as ``_target_rows`` reads it) is one of ``scope``'s for the
    months of ``[start, end)``."""
    team_id, user_id, month = row[:3]
    if not start.replace(day=1) <= month < end:
        return False
    if scope.kind == Scope.TEAM:
        return team_id == scope.team_id
    if scope.kind == Scope.PERSON:
        return user_id == scope.user_id
    return True


def targets_many(requests):
    """``targets()`` for each ``(scope, start, end)`` of ``requests``, in order, in one query
    (an appraisal round's targets of every person appraised)."""
    from django.db.models import Q

    from sales.models import SalesTarget

    for _scope, start, end in requests:
        _check_range(start, end)
    if not requests:
        return []
    first = min(start for _scope, start, _end in requests).replace(day=1)
    last = max(end for _scope, _start, end in requests)
    qs = SalesTarget.objects.filter(month__gte=first, month__lt=last).order_by()
    if all(scope.kind != Scope.COMPANY for scope, _start, _end in requests):
        team_ids = sorted({s.team_id for s, _a, _b in requests if s.kind == Scope.TEAM})
        user_ids = sorted({s.user_id for s, _a, _b in requests if s.kind == Scope.PERSON})
        qs = qs.filter(Q(team_id__in=team_ids) | Q(user_id__in=user_ids))
    rows = list(qs.values_list("team_id", "user_id", "month", "premium", "new_policies", "visits"))
    return [
        _prorate(
            monthly_targets(scope, start, end, [r for r in rows if _belongs(r, scope, start, end)]),
            start,
            end,
        )
        for scope, start, end in requests
    ]
