"""One source of sales figures: the read API every page and app calls, whatever its layer.

A business figure (premium income, new policies, visits, conversion, ...) is defined once, by
the statistics service of ``reports`` (``reports.statistics``; its docstring gives every
definition: premium income is paid, not refunded premium records by payment date; new policies
are policies issued in the period and not cancelled in the cooling-off period; and so on). The
apps below ``reports`` in DESIGN.md's layering (``sales``' targets page) may not import it, and
the apps above it (``appraisal``'s computed results, ``payroll``'s sales bonus) should not
depend on its internals, so they all read figures here. ``reports`` registers the
implementation when it starts (``ReportsConfig.ready`` → ``reports.providers``), the way apps
fill the My work and timeline registries; ``core`` imports no domain app.

Usage::

    from core import figures
    from core.figures import Scope

    month = period_containing(PeriodKind.MONTH, day)        # core.periods.Period
    values = figures.figures(scope=Scope.person(user), period=month,
                             measures=["premium_total", "new_policies"])
    values["premium_total"]    # Decimal("12345.60")
    values["new_policies"]     # 3

* ``Scope``: whose figures. ``Scope.company()``, ``Scope.team(team or id)``,
  ``Scope.person(user or id)``; ``scope.key`` ("company", "team:3", "person:12") and
  ``Scope.from_key(key)`` for URLs and stored rows. A person's figures follow the records they
  own (the customer file's owner for policies and premiums); a team's, the records of its
  customer files (see the attribution rule in ``reports.statistics``).
* ``period``: a ``core.periods.Period`` or a ``(start, end)`` pair of dates, half-open
  ``[start, end)`` in the company time zone.
* ``figures(*, scope, period, measures=None)`` → ``{key: value}``: every measure, or only
  ``measures``. ``figures_many(requests, measures=None)``: the same for a list of
  ``(scope, period)`` pairs in one database round trip. ``figures_by(*, scope, period, by,
  measures=None)`` → ``{user id or team id: {key: value}}`` for each person (``by="person"``)
  or team (``"team"``) within ``scope``, also one statement: what an appraisal round or a
  payroll run over many people should call instead of a loop.
* ``targets(*, scope, period)`` → ``{"premium", "new_policies", "visits"}`` from the sales
  targets (monthly, prorated by days for other ranges; a key without a target is absent).
  ``target_measures()`` says which measure each target is compared with: the premium target
  measures the *first-year* premium paid (targets are set for new business), the new-policy
  target the new policies, the visit target the visits done. ``against_targets(*, scope,
  period)`` gives those lines with target, actual and completion, as the targets page shows
  them (and the appraisal should).
* ``measures()``: the measures there are (key, label, unit, target key), in display order.

Values: money is a ``Decimal`` rounded half-up to the cent; counts are ``int``; rates are
fractions as ``Decimal`` with four decimals (``0.2500`` = 25 %); average days with one decimal,
scores with two; ``None`` where a figure is undefined (a rate over nothing).

The keys (``reports.statistics.FIGURES``): premium_total (premium income), premium_first_year,
premium_renewal, commission, new_policies, new_policy_premium, avg_premium, visits, leads,
opportunities_won, opportunities_lost, conversion_rate, proposals_submitted,
proposals_approved, applications_submitted, acceptance_rate, underwriting_days, renewal_rate,
lapses, claims_reported, claims_paid_amount, follow_ups_done, satisfaction, complaints_opened,
complaints_closed, and a person's own work (a clerk's output): files_completed,
proposals_reviewed, documents_checked, reviews_done, follow_ups_due, follow_ups_on_time,
follow_ups_on_time_rate.

An implementation registered with ``register`` provides ``compute_many(requests, keys)``
(requests of ``(scope, start, end)``), ``breakdown(scope, start, end, by, keys)`` (rows with a
``"key"``), ``targets(scope, start, end)``, ``targets_many(requests)``, ``figures()``
(objects with ``key``, ``label``, ``unit``, ``target_key``) and ``scope_label(scope)``.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ImproperlyConfigured

from core.periods import Period

_registry = {"provider": None}


def register(provider):
    """Make ``provider`` the implementation of the figures (the last registration wins: there
    is one source)."""
    _registry["provider"] = provider
    return provider


def _provider():
    provider = _registry["provider"]
    if provider is None:
        raise ImproperlyConfigured(
            "No sales figures are registered: core.figures needs the reports app installed."
        )
    return provider


@dataclass(frozen=True)
class Scope:
    """Whose figures: the company, one team, or one person (by their login)."""

    kind: str  # "company" | "team" | "person"
    team_id: int | None = None
    user_id: int | None = None

    COMPANY = "company"
    TEAM = "team"
    PERSON = "person"

    def __post_init__(self):
        if self.kind == self.COMPANY:
            ok = self.team_id is None and self.user_id is None
        elif self.kind == self.TEAM:
            ok = isinstance(self.team_id, int) and self.user_id is None
        elif self.kind == self.PERSON:
            ok = isinstance(self.user_id, int) and self.team_id is None
        else:
            ok = False
        if not ok:
            raise ValueError(f"invalid scope {self.kind!r} team={self.team_id} user={self.user_id}")

    @classmethod
    def company(cls):
        return cls(cls.COMPANY)

    @classmethod
    def team(cls, team):
        return cls(cls.TEAM, team_id=getattr(team, "pk", team))

    @classmethod
    def person(cls, user):
        return cls(cls.PERSON, user_id=getattr(user, "pk", user))

    @property
    def key(self):
        """ "company", "team:3" or "person:12": stable, for snapshot rows and URLs."""
        if self.kind == self.COMPANY:
            return "company"
        if self.kind == self.TEAM:
            return f"team:{self.team_id}"
        return f"person:{self.user_id}"

    @classmethod
    def from_key(cls, key):
        """The scope of a ``key``; ValueError on anything else."""
        key = (key or "").strip()
        if key == "company":
            return cls.company()
        kind, sep, raw = key.partition(":")
        if not sep or kind not in (cls.TEAM, cls.PERSON) or not raw.isdigit():
            raise ValueError(f"not a scope key: {key!r}")
        pk = int(raw)
        if pk <= 0:
            raise ValueError(f"not a scope key: {key!r}")
        return cls(kind, team_id=pk) if kind == cls.TEAM else cls(kind, user_id=pk)

    def label(self):
        """全公司 / the team's name / the person's display name (one query for a team or person)."""
        return _provider().scope_label(self)

    def __str__(self):
        return self.key


def _range(period):
    """``(start, end)`` of a Period or a pair of dates; ValueError otherwise."""
    if isinstance(period, Period):
        start, end = period.start, period.end
    else:
        try:
            start, end = period
        except (TypeError, ValueError):
            raise ValueError(f"not a period: {period!r}") from None
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end <= start:
        raise ValueError(f"not a date range: [{start}, {end})")
    return start, end


def _scope(scope):
    if not isinstance(scope, Scope):
        raise ValueError(f"not a scope: {scope!r}")
    return scope


def measures():
    """The measures there are (objects with ``key``, ``label``, ``unit``, ``target_key``), in
    the order the pages list them."""
    return list(_provider().figures())


def target_measures():
    """``{target key: measure key}``: which measure each sales target is compared with
    (``{"premium": "premium_first_year", "new_policies": "new_policies", "visits": "visits"}``)."""
    return {m.target_key: m.key for m in measures() if m.target_key}


def _keys(wanted):
    if wanted is None:
        return None
    known = {m.key for m in measures()}
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise ValueError(f"unknown measures: {', '.join(unknown)}")
    return set(wanted)


def figures(*, scope, period, measures=None):
    """The figures of ``scope`` in ``period``: ``{key: value}`` of every measure, or only of
    ``measures``. One SQL statement."""
    return figures_many([(scope, period)], measures)[0]


def figures_many(requests, measures=None):
    """``figures`` for each ``(scope, period)`` of ``requests``, in order, in one SQL
    statement (up to 200 measures × requests; more are chunked)."""
    keys = _keys(measures)
    resolved = [(_scope(scope), *_range(period)) for scope, period in requests]
    if not resolved:
        return []
    return _provider().compute_many(resolved, keys)


def figures_by(*, scope, period, by, measures=None):
    """``{user id: figures}`` (``by="person"``) or ``{team id: figures}`` (``by="team"``) of
    the people or teams within ``scope`` in ``period``: a team's salespeople, a company's
    active teams (with zeros where nothing happened), and anyone else with figures. One SQL
    statement for the figures."""
    if by not in ("person", "team"):
        raise ValueError(f"no figures by {by!r}")
    keys = _keys(measures)
    start, end = _range(period)
    rows = _provider().breakdown(_scope(scope), start, end, by, keys)
    return {row["key"]: {k: v for k, v in row.items() if k not in ("key", "label")} for row in rows}


def targets(*, scope, period):
    """The sales targets of ``scope`` for ``period``: ``{"premium": Decimal, "new_policies",
    "visits"}`` (counts an ``int`` over whole months, else a ``Decimal`` with one decimal);
    a target not set is absent. One query."""
    return _provider().targets(_scope(scope), *_range(period))


def targets_many(requests):
    """``targets`` for each ``(scope, period)`` of ``requests``, in order, in one query (an
    appraisal round's or a payroll run's targets of many people)."""
    resolved = [(_scope(scope), *_range(period)) for scope, period in requests]
    if not resolved:
        return []
    return _provider().targets_many(resolved)


@dataclass(frozen=True)
class TargetLine:
    """One target against its actual figure. ``completion`` = actual / target as a fraction
    with four decimals (None without a target)."""

    target_key: str
    measure: str
    label: str
    target: object
    actual: object
    completion: Decimal | None


def against_targets(*, scope, period, actual=None):
    """Each target of ``scope`` in ``period`` with the figure it measures, in
    ``target_measures()`` order, whether or not a target is set. ``actual`` (the figures, if
    the caller has them already) saves the figures' statement; else two queries."""
    compared = target_measures()
    goal = targets(scope=scope, period=period)
    if actual is None:
        actual = figures(scope=scope, period=period, measures=compared.values())
    labels = {m.key: m.label for m in measures()}
    lines = []
    for target_key, measure in compared.items():
        target = goal.get(target_key)
        value = actual[measure]
        completion = None
        if target and value is not None:
            completion = (Decimal(value) / Decimal(target)).quantize(
                Decimal("0.0001"), ROUND_HALF_UP
            )
        lines.append(TargetLine(target_key, measure, labels[measure], target, value, completion))
    return lines


__all__ = [
    "Scope",
    "TargetLine",
    "against_targets",
    "figures",
    "figures_by",
    "figures_many",
    "measures",
    "register",
    "target_measures",
    "targets",
    "targets_many",
]
