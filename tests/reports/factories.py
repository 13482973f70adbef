"""Report test data: rows made directly (the statistics read rows, not workflows), so a
hand-computed fixture stays small and readable and a big one stays fast.

Every builder takes the dates that place its row in a period explicitly. Part B (snapshots,
files) may import these builders too.
"""

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from aftersales.models import Claim, Complaint, FollowUp, Renewal
from core.roles import Role
from customers.models import Customer
from sales.models import Insurer, Opportunity, Product, Proposal, SalesTarget, Visit
from tests.factories import make_employee, make_team
from underwriting.models import Application, ApplicationLine, Policy, PremiumRecord

_seq = itertools.count(1)
TZ = timezone.get_default_timezone()
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def local(year, month, day, hour=10, minute=0):
    """An aware datetime at local (company time zone) wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def sales_team(code=None, *, members=2, name=None):
    """A team with its supervisor, a supporting clerk and ``members`` salespeople:
    returns (team, supervisor, clerk, [salespeople])."""
    n = next(_seq)
    team = make_team(code=code or f"R{n}", name=name or f"銷售{n}組")
    supervisor = make_employee(Role.SUPERVISOR, team=team, name=f"主管{n}")
    team.supervisor = supervisor
    team.save()
    clerk = make_employee(Role.CLERK, team=team, name=f"內勤{n}")
    team.clerks.add(clerk)
    people = [
        make_employee(Role.SALESPERSON, team=team, name=f"業務{n}-{i + 1}") for i in range(members)
    ]
    return team, supervisor, clerk, people


def customer(owner, *, team=None, name=None):
    n = next(_seq)
    team = team or owner.employee.team
    return Customer.objects.create(
        name=name or f"客戶{n}", owner=owner, team=team, clerk=team.clerks.first()
    )


def insurer(name=None):
    n = next(_seq)
    return Insurer.objects.create(code=f"RI{n}", name=name or f"保險公司{n}")


def product(insurer_=None, name=None, commission_rate="0.25"):
    n = next(_seq)
    return Product.objects.create(
        insurer=insurer_ or insurer(),
        code=f"RP{n}",
        name=name or f"產品{n}",
        category=Product.Category.LIFE,
        max_sum_insured=Decimal("5000000"),
        commission_rate=Decimal(commission_rate),
    )


def opportunity(cust, *, stage="new", channel="telemarketing", created=None, closed_on=None, **kw):
    """An opportunity of ``cust`` (owner and team from the customer unless given), created
    at ``created`` — by default long ago, so it counts as a lead in no period under test."""
    kw.setdefault("owner", cust.owner)
    kw.setdefault("team", cust.team)
    needs = ["life", "critical_illness", "medical", "accident", "annuity", "education", "other"]
    if stage == "lost":
        kw.setdefault("lost_reason", "太貴")
    opp = Opportunity.objects.create(
        customer=cust,
        need=kw.pop("need", needs[next(_seq) % len(needs)] if stage in ("won", "lost") else "life"),
        channel=channel,
        stage=stage,
        closed_on=closed_on,
        **kw,
    )
    created = created or LONG_AGO
    Opportunity.objects.filter(pk=opp.pk).update(created=created)
    opp.created = created
    return opp


def proposal(opp, *, status="draft", submitted_at=None, reviewed_at=None, passed=None):
    """A proposal version of ``opp``; ``passed`` sets the three review checks."""
    last = opp.proposals.order_by("-version").values_list("version", flat=True).first()
    version = (last or 0) + 1
    checks = bool(passed) if passed is not None else status in ("approved", "accepted", "rejected")
    return Proposal.objects.create(
        opportunity=opp,
        version=version,
        status=status,
        prepared_by=opp.owner,
        submitted_at=submitted_at,
        reviewed_at=reviewed_at,
        review_compliant=checks,
        review_reasonable=checks,
        review_feasible=checks,
    )


def application(
    cust, *, status="draft", submitted_on=None, decided_on=None, insurer_=None, opp=None
):
    """An application of ``cust`` (with its own opportunity and proposal unless ``opp``)."""
    opp = opp or opportunity(cust, stage="won")  # closed (on no date): never the open one
    prop = opp.proposals.first() or proposal(opp, status="accepted")
    return Application.objects.create(
        customer=cust,
        proposal=prop,
        opportunity=opp,
        insurer=insurer_ or insurer(),
        status=status,
        prepared_by=cust.clerk or cust.owner,
        submitted_on=submitted_on,
        decided_on=decided_on,
    )


def policy(
    cust,
    *,
    issued_on,
    annual_premium="12000",
    status="in_force",
    product_=None,
    channel="telemarketing",
    frequency="annual",
    number=None,
):
    """An issued policy of ``cust`` with the chain it needs (won opportunity, proposal,
    application, line). The chain carries no dates, so it counts in no other figure: tests
    add the leads, closings and applications they mean to count."""
    product_ = product_ or product()
    opp = opportunity(cust, stage="won", channel=channel)
    app = application(cust, status="issued", insurer_=product_.insurer, opp=opp)
    annual = Decimal(annual_premium)
    line = ApplicationLine.objects.create(
        application=app,
        product=product_,
        sum_insured=annual * 20,
        annual_premium=annual,
        frequency=frequency,
    )
    return Policy.objects.create(
        application=app,
        application_line=line,
        proposal=app.proposal,
        opportunity=opp,
        customer=cust,
        insurer=product_.insurer,
        product=product_,
        insured_name=cust.name,
        policy_number=number or f"RPN{next(_seq):06d}",
        sum_insured=annual * 20,
        annual_premium=annual,
        frequency=frequency,
        installment=annual,
        payment_years=10,
        effective_date=issued_on,
        issued_on=issued_on,
        issued_by=cust.clerk or cust.owner,
        status=status,
    )


def premium(pol, *, amount, paid_on, kind="first_year", due_date=None, rate="0.25", refunded=False):
    """A premium of ``pol`` paid on ``paid_on`` (None: unpaid); commission = amount × rate."""
    amount = Decimal(amount)
    rate = Decimal(rate)
    year = 1 if kind == "first_year" else 2
    return PremiumRecord.objects.create(
        policy=pol,
        due_date=due_date or paid_on or pol.issued_on,
        amount=amount,
        policy_year=year,
        kind=kind,
        commission_rate=rate,
        commission=(amount * rate).quantize(Decimal("0.01")),
        paid_on=paid_on,
        refunded=refunded,
    )


def visit(cust, *, starts_at, status="done", owner=None):
    return Visit.objects.create(
        customer=cust,
        owner=owner or cust.owner,
        kind=Visit.Kind.FACE_TO_FACE,
        status=status,
        starts_at=starts_at,
    )


def target(team, month, *, user=None, premium="0", new_policies=0, visits=0):
    return SalesTarget.objects.create(
        team=team,
        user=user,
        month=month,
        premium=Decimal(premium),
        new_policies=new_policies,
        visits=visits,
    )


# --- after-sales -----------------------------------------------------------------------------


def renewal(pol, *, due_date, outcome="pending", kind="premium"):
    return Renewal.objects.create(
        policy=pol,
        customer=pol.customer,
        kind=kind,
        due_date=due_date,
        outcome=outcome,
        reason="客戶不續" if outcome == "not_renewed" else "",
    )


def claim(pol, *, reported_on, status="reported", amount_paid=None, paid_on=None):
    return Claim.objects.create(
        policy=pol,
        customer=pol.customer,
        insured_name=pol.insured_name,
        claim_type=Claim._meta.get_field("claim_type").choices[0][0],
        incident_date=reported_on - dt.timedelta(days=3),
        reported_on=reported_on,
        description="住院",
        amount_claimed=Decimal("10000"),
        status=status,
        amount_paid=None if amount_paid is None else Decimal(amount_paid),
        paid_on=paid_on,
    )


def follow_up(
    pol, *, due_date, status="scheduled", completed_on=None, satisfaction=None, kind="adhoc"
):
    return FollowUp.objects.create(
        policy=pol,
        customer=pol.customer,
        kind=kind,
        due_date=due_date,
        assigned_to=pol.customer.clerk,
        status=status,
        completed_on=completed_on,
        satisfaction=satisfaction,
    )


def complaint(cust, *, received_on, status="open", closed_on=None, team=None):
    team = team or cust.team
    return Complaint.objects.create(
        customer=cust,
        team=team,
        supervisor=team.supervisor,
        received_on=received_on,
        channel=Complaint._meta.get_field("channel").choices[0][0],
        category=Complaint._meta.get_field("category").choices[0][0],
        severity=Complaint._meta.get_field("severity").choices[0][0],
        subject="服務態度",
        description="客戶投訴",
        status=status,
        acknowledge_by=received_on + dt.timedelta(days=1),
        resolve_by=received_on + dt.timedelta(days=7),
        closed_on=closed_on,
        logged_by=team.supervisor or cust.owner,
    )


# --- the hand-computed fixture ------------------------------------------------------------------


def march_world():
    """The hand-computed fixture of the statistics tests (see tests/reports/test_statistics.py):
    March 2026, team A (P1, P2) and team B (P3), with every kind of record around the month
    boundaries. Returns the records by name."""
    team_a, sup_a, clerk_a, (p1, p2) = sales_team("A", members=2)
    team_b, sup_b, clerk_b, (p3,) = sales_team("B", members=1)
    c1, c2, c3 = customer(p1), customer(p2), customer(p3)
    i1, i2 = insurer("甲保險"), insurer("乙保險")
    x, y = product(i1, "安心壽"), product(i2, "健康保")

    # --- policies and premiums ---
    pol0 = policy(c2, issued_on=dt.date(2025, 3, 20), annual_premium="8000", product_=y)
    premium(pol0, amount="8000", paid_on=dt.date(2025, 3, 20))  # Mar 2025: fy 8000, com 2000
    premium(pol0, amount="8000", paid_on=dt.date(2026, 3, 20), kind="renewal", rate="0.05")
    pol1 = policy(
        c1, issued_on=dt.date(2026, 3, 1), annual_premium="12000", product_=x, channel="referral"
    )
    premium(pol1, amount="12000", paid_on=dt.date(2026, 3, 1))  # com 3000
    pol2 = policy(c2, issued_on=dt.date(2026, 3, 31), annual_premium="6000", product_=y)
    premium(pol2, amount="6000", paid_on=dt.date(2026, 4, 1))  # April: not March
    pol3 = policy(c1, issued_on=dt.date(2026, 3, 15), annual_premium="4000", status="cancelled")
    premium(pol3, amount="4000", paid_on=dt.date(2026, 3, 15), refunded=True)
    pol4 = policy(c3, issued_on=dt.date(2026, 3, 10), annual_premium="3000", product_=x)
    premium(pol4, amount="3000", paid_on=dt.date(2026, 3, 10))  # team B, com 750
    pol5 = policy(c1, issued_on=dt.date(2026, 2, 28), annual_premium="5000", product_=x)
    premium(pol5, amount="5000", paid_on=dt.date(2026, 2, 28))  # February, com 1250
    policy(c1, issued_on=dt.date(2026, 4, 1), annual_premium="9999")  # April
    premium(pol1, amount="1000", paid_on=None, due_date=dt.date(2026, 3, 2))  # unpaid

    # --- visits: local midnight boundaries (Asia/Shanghai is UTC+8) ---
    visit(c1, starts_at=local(2026, 3, 1, 0, 30))  # Feb 28 16:30 UTC: March
    visit(c1, starts_at=local(2026, 3, 31, 23, 30))  # March
    visit(c1, starts_at=local(2026, 4, 1, 7, 0))  # Mar 31 23:00 UTC: April
    visit(c1, starts_at=local(2026, 2, 28, 23, 59))  # February
    visit(c1, starts_at=local(2026, 3, 5), status="planned")  # not done
    visit(c2, starts_at=local(2026, 3, 10))  # P2
    visit(c3, starts_at=local(2026, 3, 10))  # team B

    # --- leads (created) and closings ---
    opportunity(c1, channel="referral", created=local(2026, 3, 1, 0, 10))
    opportunity(c1, channel="online", created=local(2026, 3, 20), need="medical")
    opportunity(c2, channel="walk_in", created=local(2026, 4, 1, 0, 10))  # April
    opportunity(c2, channel="telemarketing", created=local(2026, 3, 5), need="accident")
    opportunity(c1, stage="won", closed_on=dt.date(2026, 3, 5))
    opportunity(c1, stage="lost", closed_on=dt.date(2026, 3, 6))
    opportunity(c2, stage="lost", closed_on=dt.date(2026, 3, 31))
    opportunity(c2, stage="won", closed_on=dt.date(2026, 4, 1))  # April

    # --- proposals ---
    o1 = opportunity(c1, stage="proposal", need="education")
    o2 = opportunity(c2, stage="proposal", need="education")
    proposal(o1, status="approved", submitted_at=local(2026, 3, 2), reviewed_at=local(2026, 3, 3))
    proposal(o1, status="returned", submitted_at=local(2026, 3, 4), reviewed_at=local(2026, 3, 5))
    proposal(
        o2,
        status="accepted",
        submitted_at=local(2026, 2, 28, 23),
        reviewed_at=local(2026, 3, 1, 9),
    )
    proposal(o2, status="revised", reviewed_at=local(2026, 3, 7), passed=True)

    # --- applications and underwriting ---
    application(
        c1, status="accepted", submitted_on=dt.date(2026, 3, 3), decided_on=dt.date(2026, 3, 13)
    )
    application(
        c2, status="declined", submitted_on=dt.date(2026, 2, 20), decided_on=dt.date(2026, 3, 2)
    )
    application(c1, status="submitted", submitted_on=dt.date(2026, 3, 25))
    application(
        c2,
        status="accepted_conditions",
        submitted_on=dt.date(2026, 3, 10),
        decided_on=dt.date(2026, 3, 14),
    )

    # --- targets ---
    march = dt.date(2026, 3, 1)
    target(team_a, march, premium="30000", new_policies=4, visits=10)
    target(team_a, march, user=p1, premium="15000", new_policies=2, visits=6)
    target(team_a, march, user=p2, premium="10000", new_policies=1, visits=4)
    target(team_b, march, user=p3, premium="5000", new_policies=1, visits=2)
    target(team_a, dt.date(2026, 4, 1), premium="60000", new_policies=6, visits=12)

    return {
        "team_a": team_a,
        "team_b": team_b,
        "p1": p1,
        "p2": p2,
        "p3": p3,
        "sup_a": sup_a,
        "clerk_a": clerk_a,
        "c1": c1,
        "c2": c2,
        "c3": c3,
        "pol0": pol0,
        "pol1": pol1,
        "pol2": pol2,
        "pol5": pol5,
        "x": x,
        "y": y,
        "i1": i1,
        "i2": i2,
    }
