"""Dashboards: the supervisor's team dashboard, the manager's company dashboard and the personal
dashboard of a salesperson or clerk — their data assembly and their views.

Every figure comes from ``reports.statistics`` (the same as the report files); every chart
from ``reports.charts``. A dashboard costs a constant number of queries, whatever the number
of members or records: one statement per set of figures, never one query per member.

Definitions used here:

* **Month to date**: from the 1st of the month of the reference day (today, or ``?on=`` for
  a past month) to that day inclusive; compared with the previous month up to the same day
  of the month and the same month last year up to the same day.
* **Working days**: Monday to Friday (public holidays are not known to the system).
* **Pace needed**: what is left of the monthly target divided by the working days left,
  today included (when no working day is left, the whole rest).
* **Expected by now**: the monthly target × working days elapsed before today / working days
  of the month. A member is **behind pace** on a figure with a target when their month-to-date
  value is below expected-by-now × (1 − the company's tolerance setting).
* **Ranking**: by completion of the first-year premium target, then by first-year premium.
* **Overdue work**: overdue follow-ups, renewals past due without an outcome, claims past
  their next-step deadline, complaints past their deadline (after-sales selectors), and
  stalled opportunities (no action for the company's stalled-days setting), per owner of the
  customer file (or of the opportunity), restricted to what the viewer may see.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import params
from core.periods import Period, PeriodKind, period_containing
from core.permissions import get_profile

from . import charts, statistics
from .providers import DASHBOARD_PERM
from .rules import PACE_TOLERANCE
from .statistics import FIGURES_BY_KEY, Scope

KEY_FIGURES = (
    "premium_first_year",
    "new_policies",
    "visits",
    "conversion_rate",
    "premium_total",
    "commission",
)
# The figure each sales target measures is declared once, on the figure (``target_key``;
# core.figures.target_measures): premium_first_year, new_policies, visits.
TARGET_OF = {f.key: f.target_key for f in statistics.FIGURES if f.target_key}
PACE_FIGURES = tuple(TARGET_OF)
MEMBER_KEYS = (*PACE_FIGURES, "conversion_rate", "leads")
OVERDUE_KINDS = ("follow_ups", "renewals", "claims", "complaints", "stalled")
OVERDUE_LABELS = {
    "follow_ups": gettext_lazy("Overdue follow-ups"),
    "renewals": gettext_lazy("Renewals past due"),
    "claims": gettext_lazy("Claims past deadline"),
    "complaints": gettext_lazy("Complaints past deadline"),
    "stalled": gettext_lazy("Stalled opportunities"),
}
OVERDUE_SHORT = {
    "follow_ups": gettext_lazy("Follow-ups"),
    "renewals": gettext_lazy("Renewals"),
    "claims": gettext_lazy("Claims"),
    "complaints": gettext_lazy("Complaints"),
    "stalled": gettext_lazy("Stalled"),
}
OVERDUE_LINKS = {
    "follow_ups": ("aftersales:followup_list", "?work=overdue"),
    "renewals": ("aftersales:renewal_list", "?work=overdue"),
    "claims": ("aftersales:claim_list", "?work=overdue"),
    "complaints": ("aftersales:complaint_list", "?work=overdue"),
    "stalled": ("sales:opportunity_list", "?stalled=1"),
}


# --- the calendar of a month -------------------------------------------------------------------


def working_days(start, end):
    """Monday–Friday days in [start, end)."""
    days = max((end - start).days, 0)
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(rest):
        if (start + dt.timedelta(days=weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def _same_day_in(month_start, day_of_month, month_end):
    """[month_start, the same day of the month + 1) clipped to the month."""
    return min(month_start + dt.timedelta(days=day_of_month), month_end)


@dataclass
class MonthContext:
    """The reference day and the ranges a dashboard compares."""

    on: dt.date
    month: Period
    to_date: Period
    previous: Period
    last_year: Period
    today: Period
    working_days: int
    elapsed: int  # working days before the reference day
    remaining: int  # working days from the reference day (included) to the month end

    @classmethod
    def for_day(cls, on):
        month = period_containing(PeriodKind.MONTH, on)
        span = (on - month.start).days + 1
        prev_month = month.previous()
        year_month = month.same_last_year()
        return cls(
            on=on,
            month=month,
            to_date=Period(PeriodKind.CUSTOM, month.start, on + dt.timedelta(days=1)),
            previous=Period(
                PeriodKind.CUSTOM,
                prev_month.start,
                _same_day_in(prev_month.start, span, prev_month.end),
            ),
            last_year=Period(
                PeriodKind.CUSTOM,
                year_month.start,
                _same_day_in(year_month.start, span, year_month.end),
            ),
            today=period_containing(PeriodKind.DAY, on),
            working_days=working_days(month.start, month.end),
            elapsed=working_days(month.start, on),
            remaining=working_days(on, month.end),
        )

    @property
    def share_elapsed(self):
        if not self.working_days:
            return Decimal(1)
        return Decimal(self.elapsed) / Decimal(self.working_days)


def reference_day(request):
    """Today, or the ``?on=YYYY-MM-DD`` of the request (to look at a past month)."""
    raw = request.GET.get("on", "")
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


# --- pace ------------------------------------------------------------------------------------


@dataclass
class Pace:
    """One figure of one member against the monthly target."""

    key: str
    value: object
    target: object = None
    completion: Decimal | None = None
    expected: Decimal | None = None
    needed_per_day: Decimal | None = None
    behind: bool = False

    @property
    def figure(self):
        return FIGURES_BY_KEY[self.key]

    @property
    def unit(self):
        return self.figure.unit


def pace(key, value, target, month_ctx, tolerance):
    """The figure against its monthly target: completion, expected by now, pace needed."""
    if not target:
        return Pace(key, value)
    target = Decimal(target)
    value_d = Decimal(value or 0)
    quantum = statistics.CENT if FIGURES_BY_KEY[key].unit == "money" else statistics.TENTH
    expected = (target * month_ctx.share_elapsed).quantize(quantum, ROUND_HALF_UP)
    left = max(target - value_d, Decimal(0))
    days = month_ctx.remaining or 1
    return Pace(
        key,
        value,
        target=target,
        completion=(value_d / target).quantize(statistics.RATE, ROUND_HALF_UP),
        expected=expected,
        needed_per_day=(left / days).quantize(quantum, ROUND_HALF_UP),
        behind=value_d < expected * (1 - tolerance),
    )


def _tolerance():
    return Decimal(str(params.get(PACE_TOLERANCE)))


# --- overdue work ------------------------------------------------------------------------------


def overdue_counts(viewer, by, on=None):
    """{owner id (``by="person"``) or team id (``"team"``): {kind: count}} of the overdue work
    ``viewer`` may see. One grouped query per kind."""
    from aftersales import selectors as aftersales
    from sales.models import Opportunity
    from sales.services import stalled_since

    if by not in ("person", "team"):
        raise ValueError(f"no overdue work by {by!r}")
    via_file = {"person": "customer__owner", "team": "customer__team"}[by]
    sources = {
        "follow_ups": (aftersales.overdue_follow_ups(user=viewer, today=on), via_file),
        "renewals": (aftersales.overdue_renewals(user=viewer, today=on), via_file),
        "claims": (aftersales.overdue_claims(user=viewer, today=on), via_file),
        "complaints": (
            aftersales.overdue_complaints(user=viewer, today=on),
            "customer__owner" if by == "person" else "team",
        ),
        "stalled": (
            Opportunity.objects.visible_to(viewer)
            .exclude(stage__in=["won", "lost"])
            .filter(last_action_at__lt=stalled_since()),
            "owner" if by == "person" else "team",
        ),
    }
    result = {}
    for kind, (qs, path) in sources.items():
        rows = qs.order_by().values(f"{path}_id").annotate(n=Count("pk"))
        for row in rows:
            ident = row[f"{path}_id"]
            if ident is not None:
                result.setdefault(ident, dict.fromkeys(OVERDUE_KINDS, 0))[kind] = row["n"]
    return result


def overdue_totals(viewer, on=None):
    """{kind: count} of all the overdue work ``viewer`` may see (a clerk's teams)."""
    totals = dict.fromkeys(OVERDUE_KINDS, 0)
    for counts in overdue_counts(viewer, "team", on).values():
        for kind, n in counts.items():
            totals[kind] += n
    return totals


def clerk_work(user, month_ctx):
    """What a clerk did: today and month to date (proposals reviewed, papers checked,
    applications submitted, follow-ups done), and the claims they handle now. One query per
    kind, on the clerk's own fields (reviewed_by, checked_by, submitted_by, assigned_to,
    handled_by)."""
    from django.db.models import Q

    from aftersales.models import Claim, FollowUp
    from sales.models import Proposal
    from underwriting.models import Application, ApplicationDocument

    ctx = month_ctx
    tz = statistics.company_tz()

    def moment(day):
        return dt.datetime.combine(day, dt.time.min, tzinfo=tz)

    def counts(qs, field, is_datetime=False):
        conv = moment if is_datetime else (lambda d: d)
        month_q = Q(
            **{f"{field}__gte": conv(ctx.to_date.start), f"{field}__lt": conv(ctx.to_date.end)}
        )
        today_q = Q(**{f"{field}__gte": conv(ctx.today.start), f"{field}__lt": conv(ctx.today.end)})
        return qs.order_by().aggregate(
            month=Count("pk", filter=month_q), today=Count("pk", filter=today_q)
        )

    rows = [
        (
            _("Proposals reviewed"),
            counts(Proposal.objects.filter(reviewed_by=user), "reviewed_at", True),
        ),
        (
            _("Application papers checked"),
            counts(ApplicationDocument.objects.filter(checked_by=user), "checked_at", True),
        ),
        (
            _("Applications submitted"),
            counts(Application.objects.filter(submitted_by=user), "submitted_on"),
        ),
        (
            _("Follow-ups done"),
            counts(FollowUp.objects.filter(assigned_to=user, status="done"), "completed_on"),
        ),
    ]
    handling = Claim.objects.filter(handled_by=user).exclude(status="closed").count()
    return {"rows": rows, "claims_handling": handling}


def overdue_links():
    return {kind: reverse(name) + query for kind, (name, query) in OVERDUE_LINKS.items()}


# --- assembling a dashboard ----------------------------------------------------------------------


@dataclass
class MemberRow:
    """One member (or team) of a dashboard table."""

    key: int
    label: str
    url: str
    today: dict
    month: dict
    paces: list
    overdue: dict
    rank: int = 0
    alerts: list = field(default_factory=list)

    @property
    def premium_pace(self):
        return self.paces[0]

    @property
    def overdue_total(self):
        return sum(self.overdue.values())


def key_figures(scope, month_ctx):
    """The 4–6 key figures: month to date against the month's target, the previous month to
    the same day and the same month last year."""
    return statistics.summary(
        scope,
        month_ctx.to_date,
        keys=KEY_FIGURES,
        previous=month_ctx.previous,
        last_year=month_ctx.last_year,
        target_range=(month_ctx.month.start, month_ctx.month.end),
    )


def member_rows(scope, by, month_ctx, viewer, url_name):
    """The table of members (``by="person"``) or teams (``"team"``) of ``scope``: today and
    month to date, pace against the monthly target, overdue work, rank and alerts."""
    tolerance = _tolerance()
    ctx = month_ctx
    month = statistics.breakdown(scope, ctx.to_date.start, ctx.to_date.end, by, keys=MEMBER_KEYS)
    today = {
        r["key"]: r
        for r in statistics.breakdown(scope, ctx.today.start, ctx.today.end, by, keys=PACE_FIGURES)
    }
    goals = statistics.targets_by(scope, ctx.month.start, ctx.month.end, by)
    overdue = overdue_counts(viewer, by, ctx.on)
    rows = []
    for r in month:
        goal = goals.get(r["key"], {})
        paces = [pace(k, r.get(k), goal.get(TARGET_OF[k]), ctx, tolerance) for k in PACE_FIGURES]
        row = MemberRow(
            key=r["key"],
            label=r["label"],
            url=reverse(url_name, args=[r["key"]]) if url_name else "",
            today=today.get(r["key"], {}),
            month=r,
            paces=paces,
            overdue=overdue.get(r["key"], dict.fromkeys(OVERDUE_KINDS, 0)),
        )
        row.alerts = [p for p in paces if p.behind]
        rows.append(row)
    rows.sort(
        key=lambda m: (
            m.premium_pace.completion is None,
            -(m.premium_pace.completion or 0),
            -(m.month.get("premium_first_year") or 0),
            str(m.label),
        )
    )
    for i, row in enumerate(rows, 1):
        row.rank = i
    return rows


def dashboard_charts(scope, month_ctx, rows=None, by=None):
    """The dashboard's charts: 12-month trends, actual vs target per member or team, the
    pipeline funnel and the channel mix — the same builders as the PDF report."""
    ctx = month_ctx
    series = statistics.trend(
        scope,
        PeriodKind.MONTH,
        n=12,
        ending=ctx.on,
        keys=("premium_first_year", "premium_renewal", "new_policies", "visits"),
    )
    result = [
        charts.trend_chart(
            series,
            ("premium_first_year", "premium_renewal"),
            title=_("Premium income, last 12 months"),
            key="trend_premium",
        ),
        charts.trend_chart(
            series,
            ("new_policies", "visits"),
            title=_("New policies and visits, last 12 months"),
            key="trend_activity",
        ),
    ]
    if rows is not None:
        data = [
            {
                "label": r.label,
                "premium_first_year": r.month.get("premium_first_year"),
                "target": r.premium_pace.target,
            }
            for r in sorted(rows, key=lambda r: str(r.label))
        ]
        title = (
            _("First-year premium by member: month to date and target")
            if by == "person"
            else _("First-year premium by team: month to date and target")
        )
        result.append(charts.target_chart(data, "premium_first_year", title=title))
    result.append(charts.funnel_chart(statistics.pipeline(scope, ctx.month.start, ctx.month.end)))
    result.append(
        charts.channel_chart(
            statistics.breakdown(
                scope,
                ctx.to_date.start,
                ctx.to_date.end,
                "channel",
                keys=("leads", "opportunities_won", "conversion_rate", "new_policies"),
            ),
            title=_("New leads by channel, month to date"),
        )
    )
    return result


def behind_pace_count(team_id, on=None):
    """How many members of the team are behind pace on some figure this month (My work)."""
    ctx = MonthContext.for_day(on or timezone.localdate())
    scope = Scope.team(team_id)
    tolerance = _tolerance()
    month = statistics.breakdown(scope, ctx.to_date.start, ctx.to_date.end, "person", PACE_FIGURES)
    goals = statistics.targets_by(scope, ctx.month.start, ctx.month.end, "person")
    count = 0
    for r in month:
        goal = goals.get(r["key"], {})
        if any(
            pace(k, r.get(k), goal.get(TARGET_OF[k]), ctx, tolerance).behind for k in PACE_FIGURES
        ):
            count += 1
    return count


def switcher(user, current):
    """The scopes to switch between: the company (if visible), the teams, and oneself."""
    from org.models import Team

    profile = get_profile(user)
    entries = []
    if user.is_superuser or profile.company_wide:
        entries.append((_("Whole company"), reverse("reports:dashboard_company"), Scope.company()))
        teams = Team.objects.filter(active=True)
    else:
        teams = Team.objects.filter(pk__in=sorted(profile.team_ids))
    for team in teams.order_by("code").only("pk", "name", "name_en"):
        entries.append(
            (str(team), reverse("reports:dashboard_team", args=[team.pk]), Scope.team(team.pk))
        )
    if hasattr(user, "employee"):
        entries.append((_("My figures"), reverse("reports:dashboard_personal"), Scope.person(user)))
    return [
        {"label": label, "url": url, "active": scope == current} for label, url, scope in entries
    ]


# --- views ------------------------------------------------------------------------------------


class DashboardMixin(LoginRequiredMixin):
    """Needs the dashboard permission; subclasses resolve their scope (404 when not visible)."""

    template_name = "reports/dashboard.html"
    kind = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(DASHBOARD_PERM):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # The members, names and targets the figures of the page share are read once.
        with statistics.remembering():
            return super().get(request, *args, **kwargs)

    def get_scope(self):
        raise NotImplementedError

    def base_context(self, scope, figures=True):
        ctx = MonthContext.for_day(reference_day(self.request))
        previous_month = ctx.month.start - dt.timedelta(days=1)
        next_month = ctx.month.end
        return {
            "scope": scope,
            "kind": self.kind,
            "month_ctx": ctx,
            "key_figures": key_figures(scope, ctx) if figures else [],
            "switcher": switcher(self.request.user, scope),
            "overdue_labels": OVERDUE_LABELS,
            "overdue_short": OVERDUE_SHORT,
            "overdue_kinds": OVERDUE_KINDS,
            "overdue_links": overdue_links(),
            "pace_figures": [FIGURES_BY_KEY[k] for k in PACE_FIGURES],
            "previous_month_url": f"?on={previous_month.isoformat()}",
            "next_month_url": (
                f"?on={next_month.isoformat()}" if next_month <= timezone.localdate() else ""
            ),
            "is_current_month": ctx.on >= timezone.localdate().replace(day=1),
        }


class DashboardHomeView(LoginRequiredMixin, View):
    """The menu's Dashboard: the company dashboard for company-wide roles, the team's for a
    supervisor (the first team they lead; the switcher offers the others), one's own for
    salespeople and clerks (a clerk's shows the work of the teams they support and links to
    those teams' dashboards)."""

    def get(self, request):
        user = request.user
        if not user.has_perm(DASHBOARD_PERM):
            raise PermissionDenied
        profile = get_profile(user)
        if user.is_superuser or profile.company_wide:
            return redirect("reports:dashboard_company")
        if profile.led_team_ids:
            return redirect("reports:dashboard_team", min(profile.led_team_ids))
        return redirect("reports:dashboard_personal")


class TeamDashboardView(DashboardMixin, TemplateView):
    """The supervisor's team dashboard."""

    kind = "team"

    def get_context_data(self, **kwargs):
        from org.models import Team

        team = get_object_or_404(Team, pk=self.kwargs["pk"])
        scope = Scope.team(team)
        if not statistics.can_see(self.request.user, scope):
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(self.base_context(scope))
        ctx = context["month_ctx"]
        rows = member_rows(scope, "person", ctx, self.request.user, "reports:dashboard_person")
        context.update(
            {
                "title": _("%(team)s — team dashboard") % {"team": team},
                "scope_label": team.name,
                "team": team,
                "rows": rows,
                "row_label": _("Member"),
                "alerts": [r for r in rows if r.alerts],
                "charts": dashboard_charts(scope, ctx, rows, "person"),
                "tolerance": _tolerance(),
            }
        )
        return context


class CompanyDashboardView(DashboardMixin, TemplateView):
    """The manager's company dashboard, by team."""

    kind = "company"

    def get_context_data(self, **kwargs):
        scope = Scope.company()
        if not statistics.can_see(self.request.user, scope):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        context.update(self.base_context(scope))
        ctx = context["month_ctx"]
        rows = member_rows(scope, "team", ctx, self.request.user, "reports:dashboard_team")
        context.update(
            {
                "title": _("Company dashboard"),
                "scope_label": _("Whole company"),
                "rows": rows,
                "row_label": _("Team"),
                "alerts": [r for r in rows if r.alerts],
                "charts": dashboard_charts(scope, ctx, rows, "team"),
                "tolerance": _tolerance(),
            }
        )
        return context


class PersonDashboardView(DashboardMixin, TemplateView):
    """A personal dashboard: one's own (``dashboard_personal``) or, for a supervisor, clerk or
    manager, a member's (``dashboard_person``)."""

    kind = "person"

    def get_person(self):
        if "pk" in self.kwargs:
            return get_object_or_404(get_user_model(), pk=self.kwargs["pk"])
        return self.request.user

    def get_context_data(self, **kwargs):
        person = self.get_person()
        scope = Scope.person(person)
        if not statistics.can_see(self.request.user, scope):
            raise Http404
        employee = getattr(person, "employee", None)
        is_clerk = bool(employee and employee.position == "clerk")
        context = super().get_context_data(**kwargs)
        context.update(self.base_context(scope, figures=not is_clerk))
        ctx = context["month_ctx"]
        tolerance = _tolerance()
        own = person.pk == self.request.user.pk
        profile = get_profile(self.request.user)
        supports = bool(own and profile.supported_team_ids)
        if supports:  # a clerk: the overdue work of the teams they support
            overdue = overdue_totals(self.request.user, ctx.on)
        else:
            overdue = overdue_counts(self.request.user, "person", ctx.on).get(
                person.pk, dict.fromkeys(OVERDUE_KINDS, 0)
            )
        if is_clerk:
            paces, today, month = [], {}, {}
        else:
            month = statistics.compute(scope, ctx.to_date.start, ctx.to_date.end, MEMBER_KEYS)
            today = statistics.compute(scope, ctx.today.start, ctx.today.end, PACE_FIGURES)
            goal = statistics.targets(scope, ctx.month.start, ctx.month.end)
            paces = [
                pace(k, month.get(k), goal.get(TARGET_OF[k]), ctx, tolerance) for k in PACE_FIGURES
            ]
        context.update(
            {
                "title": (
                    _("My dashboard")
                    if own
                    else _("%(name)s — dashboard") % {"name": person.display_name}
                ),
                "scope_label": person.display_name,
                "person": person,
                "own": own,
                "paces": paces,
                "today_figures": today,
                "month_figures": month,
                "alerts": [p for p in paces if p.behind],
                "overdue": overdue,
                "overdue_of_teams": supports,
                "clerk_work": clerk_work(person, ctx) if is_clerk else None,
                "charts": [] if is_clerk else dashboard_charts(scope, ctx),
                "tolerance": tolerance,
            }
        )
        return context
