"""The figures (key, label, unit, target) and the measures behind them: one grouped SELECT
each, over one model, by one date."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.db.models import (
    Avg,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
RATE = Decimal("0.0001")
TENTH = Decimal("0.1")


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
    # The work of the person who did it (a clerk's output), not of the file's owner.
    Figure("files_completed", _("Customer files completed"), "count"),
    Figure("proposals_reviewed", _("Proposals reviewed"), "count"),
    Figure("documents_checked", _("Documents checked"), "count"),
    Figure("reviews_done", _("Reviews done (proposals and documents)"), "count"),
    Figure("follow_ups_due", _("Follow-ups due"), "count"),
    Figure("follow_ups_on_time", _("Follow-ups done on time"), "count"),
    Figure("follow_ups_on_time_rate", _("Follow-ups done on time (share of those due)"), "percent"),
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
    where: object = None  # a Q, or a function returning one (built when the models are loaded)
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

    def where_q(self):
        """The rows' condition (None: every row)."""
        return self.where() if callable(self.where) else self.where


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


def _file_completed_q():
    """A version of a customer file at 100 % completeness whose previous version (or none: a
    file opened complete) was below 100 %: the edit that completed the file. Completed again
    after falling below (a stage that asks for more), it counts again."""
    from customers.models import Customer

    history = Customer.history.model
    previous = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("completeness")[:1]
    )
    return (
        Q(completeness=100)
        & ~Q(history_type="-")
        & Q(LessThan(Coalesce(Subquery(previous), Value(0)), 100))
    )


def _checked_documents(name, model, team):
    return Measure(
        name,
        model,
        "checked_at",
        lambda: {f"_{name}": Count("*")},
        person="checked_by",
        team=team,
        is_datetime=True,
        where=Q(checked_by__isnull=False),
    )


MEASURES += [
    Measure(
        "files_completed",
        "customers.HistoricalCustomer",
        "history_date",
        lambda: {"files_completed": Count("*")},
        person="history_user",
        team="team",
        is_datetime=True,
        where=_file_completed_q,
    ),
    Measure(
        "proposals_reviewed",
        "sales.Proposal",
        "reviewed_at",
        lambda: {"proposals_reviewed": Count("*")},
        person="reviewed_by",
        team="opportunity__team",
        is_datetime=True,
        where=Q(reviewed_by__isnull=False),
    ),
    _checked_documents(
        "documents_checked_applications",
        "underwriting.ApplicationDocument",
        "application__customer__team",
    ),
    _checked_documents(
        "documents_checked_claims", "aftersales.ClaimDocument", "claim__customer__team"
    ),
    Measure(
        "follow_ups_due",
        "aftersales.FollowUp",
        "due_date",
        lambda: {
            "follow_ups_due": Count("*"),
            "follow_ups_on_time": Count(
                "pk", filter=Q(status="done", completed_on__lte=F("due_date"))
            ),
        },
        person="assigned_to",
        team="customer__team",
        where=~Q(status="cancelled"),
    ),
]

# Which raw keys each derived figure needs, and the measures behind every figure.
_DERIVED = {
    "avg_premium": ("new_policy_premium", "new_policies"),
    "conversion_rate": ("opportunities_won", "opportunities_lost"),
    "acceptance_rate": ("_accepted", "_decisions"),
    "underwriting_days": ("_days", "_timed"),
    "renewal_rate": ("_renewals_kept", "_renewals_decided"),
    "documents_checked": ("_documents_checked_applications", "_documents_checked_claims"),
    "reviews_done": (
        "proposals_reviewed",
        "_documents_checked_applications",
        "_documents_checked_claims",
    ),
    "follow_ups_on_time_rate": ("follow_ups_on_time", "follow_ups_due"),
}
# Derived figures that are the sum of their raw counts (the others are ratios).
_SUMS = {"documents_checked", "reviews_done"}


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


def figure_label(key):
    return FIGURES_BY_KEY[key].label
