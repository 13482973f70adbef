"""The engine: a measure's rows for a scope and period, one UNION ALL statement for many
SELECTs, and the rounding of raw aggregates into figure values."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, Value
from django.utils import timezone

from core.periods import Period, PeriodKind, period_containing

from .measures import (
    _DERIVED,
    _SUMS,
    CENT,
    FIGURES,
    RATE,
    TENTH,
    _installed,
    _measures_for,
    _raw_keys,
)
from .scopes import Scope


def company_tz():
    return timezone.get_default_timezone()


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=company_tz())


def _range_q(measure, start, end):
    f = measure.date_field
    if measure.is_datetime:
        return Q(**{f"{f}__gte": _local_midnight(start), f"{f}__lt": _local_midnight(end)})
    return Q(**{f"{f}__gte": start, f"{f}__lt": end})


def scope_q(measure, scope):
    """The rows of ``measure``'s model that belong to ``scope`` (None: every row)."""
    if scope.kind == Scope.COMPANY:
        return None
    if scope.kind == Scope.TEAM:
        return _path_q(measure.model_class(), measure.team, scope.team_id)
    return _path_q(measure.model_class(), measure.person, scope.user_id)


def _path_q(model, path, pk):
    """``Q(<path>_id=pk)`` written as nested ``IN (subquery)`` hops along the path.

    As joins, "the team's premiums this year" let the planner walk a whole year of every
    team's premiums through the date index and drop the other teams' rows one by one (2 s
    of the dashboard at 100,000 customers on SQLite); as ``policy IN (policies of the team's
    customers)`` it starts from the team's customers and reads only their rows (0.1 s).
    """
    first, _, rest = path.partition("__")
    if not rest:
        return Q(**{f"{first}_id": pk})
    related = model._meta.get_field(first).related_model
    rows = related._base_manager.order_by().filter(_path_q(related, rest, pk)).values("pk")
    return Q(**{f"{first}__in": rows})


def _queryset(measure, scope, start, end):
    qs = measure.model_class().objects.order_by()
    q = scope_q(measure, scope)
    if q is not None:
        qs = qs.filter(q)
    where = measure.where_q()
    if where is not None:
        qs = qs.filter(where)
    return qs.filter(_range_q(measure, start, end))


def _money(value):
    if value is None:
        return Decimal("0.00")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _ratio(numerator, denominator, quantum=RATE):
    if not denominator:
        return None
    return (Decimal(numerator or 0) / Decimal(denominator)).quantize(quantum, ROUND_HALF_UP)


def _finish(raw, keys=None):
    """Raw aggregates -> figure values (rounded; derived rates computed; None if undefined)."""
    values = {}
    for figure in FIGURES:
        if keys is not None and figure.key not in keys:
            continue
        key = figure.key
        if key in _DERIVED:
            need = _DERIVED[key]
            if any(n not in raw for n in need):
                values[key] = None
                continue
            if key in _SUMS:
                values[key] = sum(int(raw[n] or 0) for n in need)
                continue
            a, b = (raw[n] for n in need)
            if key == "avg_premium":
                values[key] = _ratio(a, b, CENT)
            elif key == "underwriting_days":
                values[key] = _ratio(Decimal(a or 0), b, TENTH)
            elif key == "conversion_rate":
                values[key] = _ratio(a, (a or 0) + (b or 0))
            else:
                values[key] = _ratio(a, b)
            continue
        if key not in raw:
            values[key] = None
        elif figure.unit == "money":
            values[key] = _money(raw[key])
        elif figure.unit == "score":
            v = raw[key]
            values[key] = None if v is None else Decimal(str(v)).quantize(CENT, ROUND_HALF_UP)
        else:
            values[key] = int(raw[key] or 0)
    return values


def _empty(present):
    """Raw values of a group without rows: zero counts and sums, no average."""
    values = dict.fromkeys(present, 0)
    if "satisfaction" in values:
        values["satisfaction"] = None
    return values


def _check_range(start, end):
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end <= start:
        raise ValueError(f"not a date range: [{start}, {end})")


def compute(scope, start, end, keys=None):
    """Every figure (or only ``keys``) of ``scope`` for the local dates ``[start, end)``.

    One SQL statement, whatever the number of records (see ``compute_many``).
    """
    return compute_many([(scope, start, end)], keys)[0]


# SQLite allows 500 SELECTs in one compound statement by default; stay well below.
_BRANCHES_PER_STATEMENT = 200


def _aggregated(queryset, aggregates):
    """``queryset.aggregate(**aggregates)`` as a queryset, to be run later (``_rows_of``).

    Grouped by a constant, which Django leaves out of the GROUP BY clause, so the SQL is
    aggregate()'s own: one row, even over no rows.
    """
    return queryset.values(_one=Value(1)).annotate(**aggregates).values(*aggregates)


def _rows_of(branches):
    """Run ``[(tag, values queryset), ...]`` as one ``UNION ALL`` (per 200 branches) and yield
    ``(tag, {name: value})`` for every row, as iterating each queryset would give it.

    Each branch is the queryset's own SQL, tagged with its number and padded with NULLs to
    the widest branch; its rows come back through its own converters (so SQLite's decimals
    are rounded exactly as the ORM rounds them). A branch Django knows to be empty before
    any SQL (``EmptyResultSet``) has no rows. Every branch must put the same kind of value
    in the same column (PostgreSQL types the union's columns): group keys first, then
    numbers.
    """
    compiled = []
    for tag, queryset in branches:
        query = queryset.query
        compiler = query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            continue
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        compiled.append((tag, sql, params, compiler, names))
    for first in range(0, len(compiled), _BRANCHES_PER_STATEMENT):
        yield from _run_union(compiled[first : first + _BRANCHES_PER_STATEMENT])


def _run_union(compiled):
    width = max(len(names) for *_rest, names in compiled)
    parts, params = [], []
    for number, (_tag, sql, branch_params, _compiler, names) in enumerate(compiled):
        # Typed: PostgreSQL types a chain of UNIONs pair by pair, and two untyped NULLs
        # make a text column that the next branch's number cannot join.
        padding = ", CAST(NULL AS NUMERIC)" * (width - len(names))
        parts.append(f"SELECT {number}, b{number}.*{padding} FROM ({sql}) b{number}")
        params.extend(branch_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    converters = {}
    for row in rows:
        tag, _sql, _params, compiler, names = compiled[row[0]]
        values = list(row[1 : 1 + len(names)])
        if row[0] not in converters:
            converters[row[0]] = compiler.get_converters([e for e, _sql, _a in compiler.select])
        if converters[row[0]]:
            (values,) = compiler.apply_converters([values], converters[row[0]])
        yield tag, dict(zip(names, values, strict=True))


def compute_many(requests, keys=None):
    """``compute`` for each ``(scope, start, end)`` of ``requests``, in one SQL statement.

    Each measure of each request is one aggregate ``SELECT`` (as ``aggregate()`` would send
    it); they reach the database as the branches of one ``UNION ALL`` (``_rows_of``). A
    period's figures with its previous period's and last year's were 45 round trips; now
    they are one.
    """
    for _scope, start, end in requests:
        _check_range(start, end)
    measures = [m for m in _measures_for(keys) if _installed(m)]
    # What aggregate() gives over no rows, for a branch that has none.
    raws = [_empty({key for m in measures for key in _raw_keys(m)}) for _request in requests]
    branches = [
        (index, _aggregated(_queryset(m, scope, start, end), m.aggregates()))
        for index, (scope, start, end) in enumerate(requests)
        for m in measures
    ]
    for index, values in _rows_of(branches):
        raws[index].update(values)
    return [_finish(raw, keys) for raw in raws]


# --- targets -------------------------------------------------------------------------------


# --- helpers for periods --------------------------------------------------------------------


def period_of(kind, day=None, start=None, end=None):
    """The period of ``kind`` containing ``day`` (default today), or the custom range
    ``[start, end]`` (both inclusive, as typed in a form)."""
    if kind == PeriodKind.CUSTOM:
        if start is None or end is None or end < start:
            raise ValueError("a custom period needs start <= end")
        return Period(PeriodKind.CUSTOM, start, end + dt.timedelta(days=1))
    return period_containing(kind, day or timezone.localdate())
