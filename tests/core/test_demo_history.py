"""The demo company has a past: eighteen months of activity dated when it happened, on
working days, in causal order, with every salesperson busy last month."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from core import demo
from core.models import AuditEvent
from core.services import audit_event

pytestmark = pytest.mark.django_db


def test_the_clock_dates_records_history_and_events_at_its_moment(personas):
    from org.models import Team

    moment = demo.at(dt.date(2025, 3, 4), 10, 30)
    with demo.clock(moment):
        assert timezone.now() == moment
        assert timezone.localdate() == dt.date(2025, 3, 4)
        team = Team.objects.create(name="示範組", code="DEMO")
        event = audit_event(actor=personas["hr"], verb="demo", target=team, message="x")
    assert timezone.now() > moment  # the real time again after the block
    team.refresh_from_db()
    assert team.created == moment
    assert team.history.get().history_date == moment
    assert AuditEvent.objects.get(pk=event.pk).when == moment


def test_the_clock_never_runs_ahead_of_today():
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with demo.clock(tomorrow) as moment:
        assert moment <= timezone.now() < tomorrow


def _months_between(first, last):
    return (last.year - first.year) * 12 + last.month - first.month


def _local(moment):
    return timezone.localdate(moment)


def test_the_demo_company_has_eighteen_months_of_history():
    from aftersales.models import Claim, Complaint
    from org.calendar import calendar_days, is_working_day
    from org.models import Employee
    from reports import statistics
    from sales.models import Opportunity, Proposal, SalesTarget, Visit
    from underwriting.models import Application, Policy, PremiumRecord

    call_command("seed_demo", "--force", stdout=StringIO())
    today = timezone.localdate()
    now = timezone.now()

    # spread over the past eighteen months, not all today
    opportunities = list(Opportunity.objects.select_related("customer"))
    first = min(_local(o.created) for o in opportunities)
    assert _months_between(first, today) >= 17
    lead_months = {(_local(o.created).year, _local(o.created).month) for o in opportunities}
    assert len(lead_months) >= 17
    assert sum(_local(o.created) == today for o in opportunities) < len(opportunities) / 20
    issued = list(Policy.objects.values_list("issued_on", flat=True))
    assert _months_between(min(issued), today) >= 16
    assert len({(d.year, d.month) for d in issued}) >= 15

    # a trend: the last six months busier than the first six
    def leads_in(months_back):
        start = demo.month_start(today, months_back)
        end = demo.month_start(today, months_back - 6)
        return sum(start <= _local(o.created) < end for o in opportunities)

    assert leads_in(6) > leads_in(18)

    # on working days (the PRC calendar, weekends and holidays off)
    days = calendar_days(first, today)
    assert all(is_working_day(_local(o.created), days) for o in opportunities)
    assert all(
        is_working_day(_local(v.starts_at), days)
        for v in Visit.objects.filter(status="done", starts_at__date__gte=first)
    )

    # nothing dated in the future
    assert not Opportunity.objects.filter(created__gt=now).exists()
    assert not Visit.objects.filter(status="done", starts_at__gt=now).exists()
    assert not Policy.objects.filter(issued_on__gt=today).exists()
    assert not PremiumRecord.objects.filter(paid_on__gt=today).exists()
    assert not AuditEvent.objects.filter(when__gt=now).exists()
    assert not Opportunity.history.filter(history_date__gt=now).exists()
    assert not Claim.objects.filter(reported_on__gt=today).exists()
    assert not Complaint.objects.filter(received_on__gt=today).exists()

    # in causal order: file, lead, proposal, acceptance, application, submission, policy
    for o in opportunities:
        assert o.customer.created <= o.created
        stamps = list(o.history.order_by("history_id").values_list("history_date", flat=True))
        assert stamps == sorted(stamps) and stamps[0] >= o.customer.created
    for p in Proposal.objects.filter(submitted_at__isnull=False).select_related("opportunity"):
        assert p.opportunity.created <= p.created <= p.submitted_at
        if p.reviewed_at:
            assert p.submitted_at <= p.reviewed_at
        if p.decided_at:
            assert p.reviewed_at <= p.decided_at
    for a in Application.objects.select_related("proposal"):
        assert a.proposal.decided_at <= a.created
        if a.submitted_on:
            assert _local(a.created) <= a.submitted_on
        if a.decided_on:
            assert a.submitted_on <= a.decided_on
    for policy in Policy.objects.select_related("application"):
        assert policy.application.decided_on <= policy.issued_on == _local(policy.created)
        if policy.delivered_on:
            assert policy.issued_on <= policy.delivered_on
    assert not PremiumRecord.objects.filter(paid_on__lt=F("policy__issued_on")).exists()
    for claim in Claim.objects.select_related("policy"):
        assert claim.policy.effective_date <= claim.incident_date <= claim.reported_on
        assert claim.reported_on == _local(claim.created)
    for v in Visit.objects.filter(status="done", opportunity__isnull=False).select_related(
        "opportunity"
    ):
        assert v.opportunity.created <= v.starts_at

    # last month: every salesperson at work, with a target they came near
    last_month = demo.month_start(today, 1)
    sellers = Employee.objects.filter(position="salesperson").select_related("user")
    assert sellers.count() == 4
    for employee in sellers:
        scope = statistics.Scope.person(employee.user)
        got = statistics.compute(scope, last_month, demo.month_start(today, 0))
        assert got["leads"] > 0, employee
        assert got["visits"] > 0, employee
        target = SalesTarget.objects.get(user=employee.user, month=last_month)
        assert Decimal("0.7") <= Decimal(got["visits"]) / target.visits <= Decimal("1.35")
        if got["premium_first_year"]:
            ratio = Decimal(got["premium_first_year"]) / target.premium
            assert Decimal("0.7") <= ratio <= Decimal("1.35"), (employee, ratio)
    assert SalesTarget.objects.filter(user__isnull=False).values("month").distinct().count() >= 18
