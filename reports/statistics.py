"""The one statistics service: every figure the dashboards, report snapshots and the Excel/PDF
files show comes from here, so the page and the files always agree.

Everything is aggregated by the database (``aggregate`` / ``values().annotate()``), one
grouped ``SELECT`` per *measure* (a model, the date that places a row in a period, and the
sums over it), never a loop of queries per person or per period; the SELECTs of one call go
to the database together, as one ``UNION ALL`` statement (``_rows_of``).

Periods are half-open ``[start, end)`` ranges of local dates in the company time zone
(``settings.TIME_ZONE``, Asia/Shanghai), like ``core.periods.Period``. Date fields are compared
as they are; date-time fields (visit times, lead creation, proposal submission and review) are
compared with the local midnights of the company time zone, so a visit at 23:30 local time on
the 31st belongs to that month even though it is the 31st 15:30 UTC.

Definitions (the same everywhere):

* **Attribution.** A record counts for a person or a team by its own owner / team where it has
  them — opportunities by ``owner`` / ``team``, visits by ``owner`` (visits have no team, a
  visit counts for the team of the visited customer), proposals by their opportunity's, a
  complaint by its ``team`` — else by the customer file's ``owner`` / ``team`` (policies,
  premiums, applications, renewals, claims, follow-ups, and complaints for the person).
  So figures follow the customer file: when a file is reassigned its history moves with it.
* **Premium income**: paid, not refunded ``PremiumRecord`` amounts by ``paid_on``, split by
  ``kind`` into first-year and renewal premium (as ``underwriting.selectors.premium_income``).
  **Profit contribution** is the sum of their stored ``commission``.
* **New policies**: policies with ``issued_on`` in the period, *excluding* policies cancelled
  in the cooling-off period (status ``cancelled``): a cancelled sale is no sale, and its
  premium is refunded too. A later cancellation therefore lowers a past period's figure; a
  stored report snapshot keeps what was known then. **Average premium per new policy** is the
  annualised premium of those policies divided by their number.
* **Customer visits**: visits with status done whose ``starts_at`` falls in the period.
* **New leads**: opportunities created in the period (by ``channel`` in ``breakdown``).
* **Conversion rate**: won / (won + lost) of the opportunities closed (``closed_on``) in the
  period.
* **Proposals submitted**: ``submitted_at`` in the period; **approved**: reviewed
  (``reviewed_at``) in the period with a passing review — status approved, accepted or
  rejected by the customer, or a revised version whose review passed all three checks.
* **Applications submitted**: ``submitted_on`` in the period. **Underwriting acceptance rate**:
  decisions in the period (``decided_on``; status accepted, accepted with conditions, issued,
  postponed or declined) that accepted (accepted, with conditions, issued) / all those
  decisions; **average underwriting days**: mean of ``decided_on - submitted_on`` over them.
* **Renewal rate**: renewals due (``due_date``) in the period with outcome paid or renewed /
  those with a decided outcome (paid, renewed, lapsed, not renewed). **Lapses**: outcome lapsed,
  due in the period.
* **Claims assisted**: claims reported (``reported_on``) in the period; **amounts paid**: sum of
  ``amount_paid`` of the claims paid (``paid_on``) in the period.
* **Follow-ups done**: follow-ups with status done completed (``completed_on``) in the period;
  **average satisfaction**: mean of their 1–5 score where given.
* **Complaints opened**: ``received_on`` in the period; **closed**: ``closed_on`` in it.

Values: money is a ``Decimal`` rounded half-up to the cent; counts are ``int``; rates
(unit ``percent``) are *fractions* as ``Decimal`` with four decimals (``0.2500`` = 25.0 %, what
the ``pct`` template filter and Excel's ``0.0%`` format expect); days with one decimal, scores
with two. A rate whose denominator is zero is ``None`` (undefined), as are after-sales figures
while the after-sales app has no such model.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Period, PeriodKind, last_n, period_containing
from core.permissions import get_profile

CENT = Decimal("0.01")
RATE = Decimal("0.0001")
TENTH = Decimal("0.1")

# --- scopes ------------------------------------------------------------------------------


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
        if self.kind == self.COMPANY:
            return str(_("Whole company"))
        if self.kind == self.TEAM:
            from org.models import Team

            name = Team.objects.filter(pk=self.team_id).values_list("name", flat=True).first()
            return name or str(_("Unknown team"))
        user = _user_model().objects.filter(pk=self.user_id).first()
        return user.display_name if user else str(_("Unknown person"))

    def __str__(self):
        return self.key


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _member_ids(team_ids, positions=None):
    """Logins of the people in ``team_ids`` who have not left (one query), optionally only
    those in ``positions``."""
    from org.models import Employee

    qs = Employee.objects.filter(team_id__in=sorted(team_ids)).exclude(status=Employee.Status.LEFT)
    if positions:
        qs = qs.filter(position__in=positions)
    return list(qs.order_by("team_id", "name").values_list("user_id", flat=True))


SELLING_POSITIONS = ("salesperson",)


def scopes_visible_to(user):
    """The scopes whose figures ``user`` may see, broadest first.

    * company-wide roles (manager; also HR and compliance, whose pages are gated by their own
      permissions) and superusers: the company, every active team, every current employee;
    * a supervisor: each team they lead and its members, and themself;
    * a clerk: each team they support and its members (clerks produce the team's figures and
      see its records), and themself;
    * a salesperson: themself only.
    """
    from org.models import Employee, Team

    if user is None or not user.is_authenticated or not user.is_active:
        return []
    profile = get_profile(user)
    if user.is_superuser or profile.company_wide:
        teams = list(Team.objects.filter(active=True).values_list("pk", flat=True))
        people = list(
            Employee.objects.exclude(status=Employee.Status.LEFT)
            .order_by("team_id", "name")
            .values_list("user_id", flat=True)
        )
        return [
            Scope.company(),
            *(Scope.team(pk) for pk in teams),
            *(Scope.person(pk) for pk in people),
        ]
    team_ids = sorted(profile.team_ids)
    result = [Scope.team(pk) for pk in team_ids]
    members = _member_ids(team_ids) if team_ids else []
    result.append(Scope.person(user.pk))
    result.extend(Scope.person(pk) for pk in members if pk != user.pk)
    return result


def can_see(user, scope):
    """Whether ``user`` may see ``scope``'s figures (same rule as scopes_visible_to; at most one
    query)."""
    from org.models import Employee

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    profile = get_profile(user)
    if user.is_superuser or profile.company_wide:
        return True
    if scope.kind == Scope.COMPANY:
        return False
    if scope.kind == Scope.TEAM:
        return scope.team_id in profile.team_ids
    if scope.user_id == user.pk:
        return True
    if not profile.team_ids:
        return False
    return (
        Employee.objects.filter(user_id=scope.user_id, team_id__in=sorted(profile.team_ids))
        .exclude(status=Employee.Status.LEFT)
        .exists()
    )


# --- figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure of the statistics: its key, label, unit, and the target it is measured by."""

    key: str
    label: str
    unit: str  # "money" | "count" | "percent" | "days" | "score"
    target_key: str | None = None
    higher_is_better: bool = True


FIGURES = [
    Figure("premium_total", _("Premium income"), "money"),
    Figure("premium_first_year", _("First-year premium"), "money", "premium"),
    Figure("premium_renewal", _("Renewal premium"), "money"),
    Figure("commission", _("Profit contribution (commission)"), "money"),
    Figure("new_policies", _("New policies"), "count", "new_policies"),
    Figure("new_policy_premium", _("Annualised premium of new policies"), "money"),
    Figure("avg_premium", _("Average premium per new policy"), "money"),
    Figure("visits", _("Customer visits"), "count", "visits"),
    Figure("leads", _("New leads"), "count"),
    Figure("opportunities_won", _("Opportunities won"), "count"),
    Figure("opportunities_lost", _("Opportunities lost"), "count", higher_is_better=False),
    Figure("conversion_rate", _("Conversion rate (won / closed)"), "percent"),
    Figure("proposals_submitted", _("Proposals submitted"), "count"),
    Figure("proposals_approved", _("Proposals approved"), "count"),
    Figure("applications_submitted", _("Applications submitted"), "count"),
    Figure("acceptance_rate", _("Underwriting acceptance rate"), "percent"),
    Figure("underwriting_days", _("Average underwriting days"), "days", higher_is_better=False),
    Figure("renewal_rate", _("Renewal rate"), "percent"),
    Figure("lapses", _("Lapses"), "count", higher_is_better=False),
    Figure("claims_reported", _("Claims assisted"), "count"),
    Figure("claims_paid_amount", _("Claim amounts paid"), "money"),
    Figure("follow_ups_done", _("Follow-ups done"), "count"),
    Figure("satisfaction", _("Average satisfaction (1–5)"), "score"),
    Figure("complaints_opened", _("Complaints opened"), "count", higher_is_better=False),
    Figure("complaints_closed", _("Complaints closed"), "count"),
]
FIGURES_BY_KEY = {f.key: f for f in FIGURES}
TARGET_LABELS = {
    "premium": _("premium target"),
    "new_policies": _("new policies target"),
    "visits": _("visits target"),
}


# --- measures: one grouped SELECT each -----------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One grouped aggregation over a model.

    ``date_field`` places a row in a period (``is_datetime``: compared with local midnights);
    ``where`` narrows the rows; ``aggregates()`` returns fresh aggregate expressions whose keys
    are raw figure names; ``person`` / ``team`` are the attribution paths; ``dims`` maps the
    other breakdown dimensions (product, insurer, channel) to their paths.
    """

    name: str
    model: str
    date_field: str
    aggregates: object
    person: str
    team: str
    is_datetime: bool = False
    where: object = None
    dims: dict = field(default_factory=dict)

    def model_class(self):
        app_label, name = self.model.split(".")
        return apps.get_model(app_label, name)

    def path(self, by):
        if by == "person":
            return self.person
        if by == "team":
            return self.team
        return self.dims.get(by)


class DaysBetween(Func):
    """Whole days from the ``start`` date column to the ``end`` one, in the database's SQL.

    Date minus date in the ORM is a duration, which SQLite computes through a Python
    function called once a row (a third of the monthly figures' time).
    """

    output_field = IntegerField()
    arity = 2

    def _parts(self, compiler):
        (start, start_params), (end, end_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        return start, end, (*end_params, *start_params)

    def as_sqlite(self, compiler, connection, **extra):
        start, end, params = self._parts(compiler)
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)", params

    def as_sql(self, compiler, connection, **extra):
        # PostgreSQL (standard SQL): date - date is an integer number of days.
        start, end, params = self._parts(compiler)
        return f"({end} - {start})", params


def _money_sum(expr, **kw):
    return Sum(expr, default=Decimal(0), **kw)


_PROPOSAL_APPROVED = Q(status__in=["approved", "accepted", "rejected"]) | Q(
    status="revised", review_compliant=True, review_reasonable=True, review_feasible=True
)
_DECIDED_APPLICATION = ["accepted", "accepted_conditions", "issued", "postponed", "declined"]
_ACCEPTED_APPLICATION = ["accepted", "accepted_conditions", "issued"]
_DECIDED_RENEWAL = ["paid", "renewed", "lapsed", "not_renewed"]
_KEPT_RENEWAL = ["paid", "renewed"]

_POLICY_DIMS = {"product": "product", "insurer": "insurer", "channel": "opportunity__channel"}
_VIA_POLICY = {
    "product": "policy__product",
    "insurer": "policy__insurer",
    "channel": "policy__opportunity__channel",
}

# Plain counts are COUNT(*), not COUNT(id): the period indexes cover the figures' columns
# but not the key, and counting the key made PostgreSQL read every row from the table.
MEASURES = [
    Measure(
        "premium",
        "underwriting.PremiumRecord",
        "paid_on",
        lambda: {
            "premium_total": _money_sum("amount"),
            "premium_first_year": _money_sum("amount", filter=Q(kind="first_year")),
            "premium_renewal": _money_sum("amount", filter=Q(kind="renewal")),
            "commission": _money_sum("commission"),
        },
        person="policy__customer__owner",
        team="policy__customer__team",
        where=Q(refunded=False, paid_on__isnull=False),
        dims=_VIA_POLICY,
    ),
    Measure(
        "policies",
        "underwriting.Policy",
        "issued_on",
        lambda: {
            "new_policies": Count("*"),
            "new_policy_premium": _money_sum("annual_premium"),
        },
        person="customer__owner",
        team="customer__team",
        where=~Q(status="cancelled"),
        dims=_POLICY_DIMS,
    ),
    Measure(
        "visits",
        "sales.Visit",
        "starts_at",
        lambda: {"visits": Count("*")},
        person="owner",
        team="customer__team",
        is_datetime=True,
        where=Q(status="done"),
    ),
    Measure(
        "leads",
        "sales.Opportunity",
        "created",
        lambda: {"leads": Count("*")},
        person="owner",
        team="team",
        is_datetime=True,
        dims={"channel": "channel"},
    ),
    Measure(
        "closed",
        "sales.Opportunity",
        "closed_on",
        lambda: {
            "opportunities_won": Count("pk", filter=Q(stage="won")),
            "opportunities_lost": Count("pk", filter=Q(stage="lost")),
        },
        person="owner",
        team="team",
        where=Q(stage__in=["won", "lost"]),
        dims={"channel": "channel"},
    ),
    Measure(
        "proposals_submitted",
        "sales.Proposal",
        "submitted_at",
        lambda: {"proposals_submitted": Count("*")},
        person="opportunity__owner",
        team="opportunity__team",
        is_datetime=True,
    ),
    Measure(
        "proposals_approved",
        "sales.Proposal",
        "reviewed_at",
        lambda: {"proposals_approved": Count("*")},
        person="opportunity__owner",
        team="opportunity__team",
        is_datetime=True,
        where=_PROPOSAL_APPROVED,
    ),
    Measure(
        "applications",
        "underwriting.Application",
        "submitted_on",
        lambda: {"applications_submitted": Count("*")},
        person="customer__owner",
        team="customer__team",
        dims={"insurer": "insurer"},
    ),
    Measure(
        "decisions",
        "underwriting.Application",
        "decided_on",
        lambda: {
            "_decisions": Count("*"),
            "_accepted": Count("pk", filter=Q(status__in=_ACCEPTED_APPLICATION)),
            "_days": Sum(
                DaysBetween("submitted_on", "decided_on"), filter=Q(submitted_on__isnull=False)
            ),
            "_timed": Count("pk", filter=Q(submitted_on__isnull=False)),
        },
        person="customer__owner",
        team="customer__team",
        where=Q(status__in=_DECIDED_APPLICATION),
        dims={"insurer": "insurer"},
    ),
    Measure(
        "renewals",
        "aftersales.Renewal",
        "due_date",
        lambda: {
            "_renewals_decided": Count("*"),
            "_renewals_kept": Count("pk", filter=Q(outcome__in=_KEPT_RENEWAL)),
            "lapses": Count("pk", filter=Q(outcome="lapsed")),
        },
        person="customer__owner",
        team="customer__team",
        where=Q(outcome__in=_DECIDED_RENEWAL),
        dims=_VIA_POLICY,
    ),
    Measure(
        "claims_reported",
        "aftersales.Claim",
        "reported_on",
        lambda: {"claims_reported": Count("*")},
        person="customer__owner",
        team="customer__team",
        dims=_VIA_POLICY,
    ),
    Measure(
        "claims_paid",
        "aftersales.Claim",
        "paid_on",
        lambda: {"claims_paid_amount": _money_sum("amount_paid")},
        person="customer__owner",
        team="customer__team",
        where=Q(amount_paid__isnull=False),
        dims=_VIA_POLICY,
    ),
    Measure(
        "follow_ups",
        "aftersales.FollowUp",
        "completed_on",
        lambda: {"follow_ups_done": Count("*"), "satisfaction": Avg("satisfaction")},
        person="customer__owner",
        team="customer__team",
        where=Q(status="done"),
    ),
    Measure(
        "complaints_opened",
        "aftersales.Complaint",
        "received_on",
        lambda: {"complaints_opened": Count("*")},
        person="customer__owner",
        team="team",
    ),
    Measure(
        "complaints_closed",
        "aftersales.Complaint",
        "closed_on",
        lambda: {"complaints_closed": Count("*")},
        person="customer__owner",
        team="team",
    ),
]

# Which raw keys each derived figure needs, and the measures behind every figure.
_DERIVED = {
    "avg_premium": ("new_policy_premium", "new_policies"),
    "conversion_rate": ("opportunities_won", "opportunities_lost"),
    "acceptance_rate": ("_accepted", "_decisions"),
    "underwriting_days": ("_days", "_timed"),
    "renewal_rate": ("_renewals_kept", "_renewals_decided"),
}


def _raw_keys(measure):
    return set(measure.aggregates())


@cache
def _measure_of_raw():
    return {key: m.name for m in MEASURES for key in _raw_keys(m)}


def _measures_for(keys):
    """The measures needed for figure ``keys`` (every figure when None)."""
    if keys is None:
        return list(MEASURES)
    owner = _measure_of_raw()
    names = set()
    for key in keys:
        for raw in _DERIVED.get(key, (key,)):
            names.add(owner[raw])
    return [m for m in MEASURES if m.name in names]


def _installed(measure):
    """Whether the measure's model exists (after-sales models arrive with that app)."""
    try:
        model = measure.model_class()
    except LookupError:
        return False
    names = {f.name for f in model._meta.get_fields()}
    return measure.date_field in names


# --- the building blocks -------------------------------------------------------------------


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
    if measure.where is not None:
        qs = qs.filter(measure.where)
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


def _months(start, end):
    month = start.replace(day=1)
    while month < end:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _target_rows(scope, start, end):
    from sales.models import SalesTarget

    qs = SalesTarget.objects.filter(month__gte=start.replace(day=1), month__lt=end).order_by()
    if scope.kind == Scope.TEAM:
        qs = qs.filter(team_id=scope.team_id)
    elif scope.kind == Scope.PERSON:
        qs = qs.filter(user_id=scope.user_id)
    return qs.values_list("team_id", "user_id", "month", "premium", "new_policies", "visits")


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


def monthly_targets(scope, start, end):
    """{month (1st): {"premium", "new_policies", "visits"}} of the months overlapping the range.

    A person's target is their own row (summed over teams, should they have moved mid-month).
    A team's target is the team's own row for the month when it has one, else the sum of its
    members' rows. The company's is the sum of its teams' targets by that rule. One query.
    """
    grouped = _group_targets(_target_rows(scope, start, end), scope.kind == Scope.PERSON)
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


# --- the pipeline ----------------------------------------------------------------------------

OPEN_STAGES = ("new", "contacted", "meeting", "needs_analysed", "proposal", "application")


def pipeline(scope, start=None, end=None):
    """The opportunities of ``scope`` by stage: the open ones as they stand now, in pipeline
    order, then the ones won in ``[start, end)`` when a range is given. Each a dict
    ``{"stage", "label", "count", "premium"}`` (premium: their expected annual premium).
    One grouped query."""
    from sales.models import Opportunity

    wanted = Q(stage__in=OPEN_STAGES)
    if start is not None and end is not None:
        wanted |= Q(stage="won", closed_on__gte=start, closed_on__lt=end)
    qs = Opportunity.objects.order_by().filter(wanted)
    if scope.kind == Scope.TEAM:
        qs = qs.filter(team_id=scope.team_id)
    elif scope.kind == Scope.PERSON:
        qs = qs.filter(owner_id=scope.user_id)
    rows = {
        r["stage"]: r
        for r in qs.values("stage").annotate(
            count=Count("pk"), premium=_money_sum("expected_premium")
        )
    }
    labels = dict(Opportunity.Stage.choices)
    stages = [*OPEN_STAGES, *(("won",) if start is not None and end is not None else ())]
    return [
        {
            "stage": stage,
            "label": labels[stage],
            "count": rows.get(stage, {}).get("count", 0),
            "premium": _money(rows.get(stage, {}).get("premium")),
        }
        for stage in stages
    ]


# --- summary: value, target, previous period, same period last year ---------------------------


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


# --- breakdowns ----------------------------------------------------------------------------

BREAKDOWNS = ("person", "team", "product", "insurer", "channel")


def _labels(by, ids):
    from org.models import Team
    from sales.models import Channel, Insurer, Product

    if by == "person":
        users = _user_model().objects.filter(pk__in=ids)
        return {u.pk: u.display_name for u in users}
    if by == "team":
        return dict(Team.objects.filter(pk__in=ids).values_list("pk", "name"))
    if by == "product":
        rows = Product.objects.filter(pk__in=ids).values_list("pk", "insurer__name", "name")
        return {pk: f"{insurer} · {name}" for pk, insurer, name in rows}
    if by == "insurer":
        return dict(Insurer.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {value: str(label) for value, label in Channel.choices}


def _always_listed(scope, by):
    """Rows listed even without figures: a team's salespeople, the company's active teams,
    every channel (so a dashboard shows a zero instead of leaving someone out). Anyone else
    with figures in the range (a supervisor with own customers) is listed too."""
    from org.models import Team
    from sales.models import Channel

    if by == "person" and scope.kind == Scope.TEAM:
        return _member_ids([scope.team_id], SELLING_POSITIONS)
    if by == "person" and scope.kind == Scope.PERSON:
        return [scope.user_id]
    if by == "team" and scope.kind == Scope.COMPANY:
        return list(Team.objects.filter(active=True).values_list("pk", flat=True))
    if by == "team" and scope.kind == Scope.TEAM:
        return [scope.team_id]
    if by == "channel":
        return list(Channel.values)
    return []


def breakdown(scope, start, end, by, keys=None):
    """The figures of ``scope`` in ``[start, end)`` per person, team, product, insurer or
    channel: a list of dicts ``{"key", "label", <figure key>: value, ...}`` holding the figures
    that have that dimension (e.g. per channel: leads, won, lost, conversion, new policies and
    their premiums). One statement for every measure, plus one for the labels and (by person
    or team) one for the members or teams always listed; sorted by label."""
    return breakdowns(scope, start, end, (by,), keys)[by]


def _additive(measure):
    """Whether the measure's group values add up to the values of a coarser group (counts
    and sums do; an average does not)."""
    return all(isinstance(a, (Count, Sum)) for a in measure.aggregates().values())


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _dimension(measure, by):
    """The measure's column for breakdown ``by`` (the channel's value, else a foreign key)."""
    path = measure.path(by)
    return path if by == "channel" else f"{path}_id"


def _no_dimension(by):
    # Typed, as the union's columns must be (a channel is text, the rest are keys).
    return Cast(Value(None), CharField() if by == "channel" else IntegerField())


def breakdowns(scope, start, end, bys=BREAKDOWNS, keys=None):
    """``breakdown`` for several dimensions ``bys`` at once: ``{by: rows}``, in one statement.

    Every branch selects one column per dimension of ``bys`` (NULL where it does not group by
    it), so all branches line up in the ``UNION ALL``. A measure of counts and sums is grouped
    once by all its dimensions and added up per dimension in Python: the report's premiums
    are read once instead of once per sheet. A measure with an average is grouped once per
    dimension.
    """
    for by in bys:
        if by not in BREAKDOWNS:
            raise ValueError(f"unknown breakdown {by!r}")
    _check_range(start, end)
    columns = {by: f"_by_{by}" for by in bys}
    raw = {by: {} for by in bys}
    present = {by: set() for by in bys}
    branches = []
    for measure in _measures_for(keys):
        dims = [by for by in bys if measure.path(by)]
        if not dims or not _installed(measure):
            continue
        for by in dims:
            present[by].update(_raw_keys(measure))
        groups = [dims] if _additive(measure) else [[by] for by in dims]
        for grouped in groups:
            rows = (
                _queryset(measure, scope, start, end)
                .annotate(
                    **{
                        columns[by]: F(_dimension(measure, by))
                        if by in grouped
                        else _no_dimension(by)
                        for by in bys
                    }
                )
                .values(*columns.values())
                .annotate(**measure.aggregates())
                .order_by()
            )
            branches.append((grouped, rows))
    for grouped, row in _rows_of(branches):
        idents = {by: row.pop(columns[by]) for by in bys}
        for by in grouped:
            if idents[by] is None:
                continue
            values = raw[by].setdefault(idents[by], {})
            for key, value in row.items():
                values[key] = _add(values[key], value) if key in values else value
    return {by: _breakdown_rows(scope, by, raw[by], present[by], keys) for by in bys}


def _breakdown_rows(scope, by, raw, present, keys):
    """One breakdown's rows: every listed ident with its figures, labelled, sorted."""
    ids = list(dict.fromkeys([*_always_listed(scope, by), *raw]))
    labels = _labels(by, ids)
    figure_keys = {
        f.key
        for f in FIGURES
        if (keys is None or f.key in keys)
        and all(n in present for n in _DERIVED.get(f.key, (f.key,)))
    }
    result = []
    for ident in ids:
        values = {**_empty(present), **raw.get(ident, {})}
        row = {"key": ident, "label": labels.get(ident, str(ident))}
        row.update(_finish(values, figure_keys))
        result.append(row)
    result.sort(key=lambda r: str(r["label"]))
    return result


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


# --- the new-policy detail sheet -------------------------------------------------------------

NEW_POLICY_COLUMNS = [
    _("Policy number"),
    _("Issued on"),
    _("Effective date"),
    _("Policyholder"),
    _("Salesperson"),
    _("Team"),
    _("Insurer"),
    _("Product"),
    _("Sum insured"),
    _("Annual premium"),
    _("Payment frequency"),
    _("Premium per payment"),
    _("Payment term (years)"),
    _("Lead channel"),
    _("Status"),
]
# The kind of each column, for number formats: text, date, money, count.
NEW_POLICY_UNITS = [
    "text",
    "date",
    "date",
    "text",
    "text",
    "text",
    "text",
    "text",
    "money",
    "money",
    "text",
    "money",
    "count",
    "text",
    "text",
]


def new_policy_rows(scope, start, end):
    """The new policies (same definition as the ``new_policies`` figure) of ``scope`` in
    ``[start, end)`` as tuples in NEW_POLICY_COLUMNS order, streamed from one query
    (``values_list().iterator()``), ordered by issue date and number."""
    from sales.models import Channel, Frequency
    from underwriting.models import Policy

    _check_range(start, end)
    measure = next(m for m in MEASURES if m.name == "policies")
    # Labels translated once, not once a row.
    frequencies = {k: str(v) for k, v in Frequency.choices}
    channels = {k: str(v) for k, v in Channel.choices}
    statuses = {k: str(v) for k, v in Policy.Status.choices}
    rows = (
        _queryset(measure, scope, start, end)
        .order_by("issued_on", "policy_number", "pk")
        .values_list(
            "policy_number",
            "issued_on",
            "effective_date",
            "customer__name",
            Coalesce(NullIf("customer__owner__full_name", Value("")), "customer__owner__username"),
            "customer__team__name",
            "insurer__name",
            "product__name",
            "sum_insured",
            "annual_premium",
            "frequency",
            "installment",
            "payment_years",
            "opportunity__channel",
            "status",
        )
    )
    for row in rows.iterator(chunk_size=2000):
        row = list(row)
        row[10] = frequencies.get(row[10], row[10])
        row[13] = channels.get(row[13], row[13] or "")
        row[14] = statuses.get(row[14], row[14])
        yield tuple(row)


# --- helpers for periods --------------------------------------------------------------------


def period_of(kind, day=None, start=None, end=None):
    """The period of ``kind`` containing ``day`` (default today), or the custom range
    ``[start, end]`` (both inclusive, as typed in a form)."""
    if kind == PeriodKind.CUSTOM:
        if start is None or end is None or end < start:
            raise ValueError("a custom period needs start <= end")
        return Period(PeriodKind.CUSTOM, start, end + dt.timedelta(days=1))
    return period_containing(kind, day or timezone.localdate())


def figure_label(key):
    return FIGURES_BY_KEY[key].label


__all__ = [
    "BREAKDOWNS",
    "FIGURES",
    "FIGURES_BY_KEY",
    "NEW_POLICY_COLUMNS",
    "NEW_POLICY_UNITS",
    "TREND_KEYS",
    "Figure",
    "FigureRow",
    "Scope",
    "breakdown",
    "can_see",
    "compute",
    "pipeline",
    "targets_by",
    "monthly_targets",
    "new_policy_rows",
    "period_of",
    "scopes_visible_to",
    "summary",
    "targets",
    "trend",
]
