"""Demo reports: each salesperson's monthly targets over the demo's eighteen months (set
from what they went on to achieve, so achievement reads 80–120%), and last month's report
for the company and each team, generated at seed time (as the monthly job would have on the
1st), so the archive and the files can be opened at once. A second run regenerates the
reports in place and leaves the targets."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from core import demo, periods

from . import services, statistics

TARGET_KEYS = ("premium_first_year", "new_policies", "visits")


def _round(value, step):
    step = Decimal(step)
    return int((Decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def _target(achieved, ratio, previous, default):
    """A month's target from what was achieved in it (``achieved / ratio``, rounded as a
    supervisor would); last month's target (or ``default``) when nothing was achieved."""
    achieved = Decimal(achieved or 0)
    if not achieved:
        return previous or default
    value = achieved / ratio
    step = 1000 if value >= 20000 else 100 if value >= 1000 else 5 if value >= 30 else 1
    return max(_round(value, step), 1)


def _months(today):
    return [demo.month_start(today, back) for back in range(demo.HISTORY_MONTHS, -1, -1)]


@demo.register
def seed_targets(context):
    """Each month's target of each salesperson, set by their supervisor at the start of the
    month: what they achieved divided by 0.8–1.2 (the current month: last month's, a little
    higher)."""
    from sales import services as sales_services
    from sales.models import SalesTarget

    if SalesTarget.objects.exists():
        return
    from org.models import Employee

    rng = context["rng"]
    today = periods.today()
    members = list(
        Employee.objects.filter(position="salesperson", team__supervisor__isnull=False)
        .select_related("team__supervisor", "user")
        .order_by("employee_no")
    )
    if not members:
        return
    months = _months(today)
    requests = [
        (statistics.Scope("person", user_id=e.user_id), month, demo.month_start(month, -1))
        for e in members
        for month in months[:-1]
    ]
    results = iter(statistics.compute_many(requests, TARGET_KEYS))
    team_totals = {}
    for employee in members:
        last = None
        for month in months:
            if month == months[-1]:
                premium, policies, visits = (
                    _round(last[0] * Decimal("1.05"), 1000),
                    last[1],
                    _round(last[2] * 1.05, 5),
                )
            else:
                got = next(results)
                ratio = Decimal(str(rng.uniform(0.82, 1.18)))
                premium, policies, visits = (
                    _target(got.get("premium_first_year"), ratio, last and last[0], 10000),
                    _target(got.get("new_policies"), ratio, last and last[1], 1),
                    _target(got.get("visits"), ratio, last and last[2], 10),
                )
            last = (premium, policies, visits)
            supervisor = employee.team.supervisor
            start = demo.at(min(month, today), 9)
            with demo.clock(start):
                sales_services.target_set(
                    actor=supervisor,
                    team=employee.team,
                    user=employee.user,
                    month=month,
                    premium=Decimal(premium),
                    new_policies=policies,
                    visits=visits,
                )
            totals = team_totals.setdefault((employee.team, month), [0, 0, 0])
            for i, value in enumerate(last):
                totals[i] += value
    for (team, month), (premium, policies, visits) in team_totals.items():
        with demo.clock(demo.at(min(month, today), 9)):
            sales_services.target_set(
                actor=team.supervisor,
                team=team,
                month=month,
                premium=Decimal(premium),
                new_policies=policies,
                visits=visits,
            )


@demo.register
def seed_notifications_read(context):
    """People read their notifications as they came: those older than two weeks are read."""
    from django.db.models import F
    from django.utils import timezone

    from core.models import Notification

    Notification.objects.filter(
        read_at__isnull=True, created__lt=timezone.now() - dt.timedelta(days=14)
    ).update(read_at=F("created"))


@demo.register
def seed_reports(context):
    period = periods.period_containing("month", periods.today()).previous()
    out = context.get("stdout")
    for scope in services.scheduled_scopes():
        snapshot = services.snapshot_request(scope=scope, period=period)
        try:
            services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)
        except Exception as exc:  # e.g. no PDF libraries on this machine: the rest still seeds
            # The snapshot is marked failed with its error, as a failed job would leave it.
            if out is not None:
                out.write(f"Reports: {scope.label()} not generated ({exc.__class__.__name__}).")
    if out is not None:
        out.write(f"Reports: {period.label} for the company and each team.")
