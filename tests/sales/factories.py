"""Sales records for tests: a customer with a family, products, an opportunity at a stage,
a needs analysis and a proposal with lines."""

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from customers.models import Customer, FamilyMember
from sales import services
from sales.models import Insurer, NeedsAnalysis, Opportunity, Product, Proposal, ProposalLine

_seq = itertools.count(1)


def years_ago(years, today=None):
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def make_customer(owner, *, name=None, age=40, **fields):
    team = owner.employee.team
    n = next(_seq)
    clerk = team.clerks.first()
    return Customer.objects.create(
        name=name or f"客戶{n}",
        owner=owner,
        team=team,
        clerk=clerk,
        birth_date=years_ago(age) if age is not None else None,
        **fields,
    )


def make_family_member(customer, *, name="王小明", age=8, relation="child"):
    return FamilyMember.objects.create(
        customer=customer, name=name, relation=relation, birth_date=years_ago(age), dependent=True
    )


def make_insurer(code=None, name=None):
    n = next(_seq)
    return Insurer.objects.create(code=code or f"INS{n}", name=name or f"保險公司{n}")


def make_product(insurer=None, **fields):
    n = next(_seq)
    defaults = {
        "code": f"P{n}",
        "name": f"產品{n}",
        "category": Product.Category.CRITICAL_ILLNESS,
        "min_age": 0,
        "max_age": 60,
        "min_sum_insured": Decimal("10000"),
        "max_sum_insured": Decimal("2000000"),
        "commission_rate": Decimal("0.25"),
        "payment_modes": ["annual", "monthly"],
    }
    defaults.update(fields)
    return Product.objects.create(insurer=insurer or make_insurer(), **defaults)


def make_opportunity(customer, *, stage="new", need="critical_illness", **fields):
    defaults = {
        "channel": "telemarketing",
        "expected_premium": Decimal("12000"),
        "owner": customer.owner,
        "team": customer.team,
    }
    defaults.update(fields)
    if stage == "lost":
        defaults.setdefault("lost_reason", "too expensive")
    return Opportunity.objects.create(customer=customer, need=need, stage=stage, **defaults)


def make_analysis(customer, actor, **fields):
    defaults = {
        "annual_income": Decimal("200000"),
        "annual_expenses": Decimal("80000"),
        "total_assets": Decimal("500000"),
        "liquid_assets": Decimal("100000"),
        "liabilities": Decimal("300000"),
        "support_years": 10,
        "dependants": 2,
    }
    defaults.update(fields)
    return services.needs_analysis_create(
        actor=actor, analysis=NeedsAnalysis(customer=customer, **defaults)
    )


def make_proposal(opportunity, actor, *, lines=None, analysis=True):
    """A draft proposal (the opportunity is moved to the needs-analysed stage first)."""
    customer = opportunity.customer
    if analysis and not NeedsAnalysis.objects.filter(customer=customer).exists():
        make_analysis(customer, actor)
    if opportunity.stage not in ("needs_analysed", "proposal"):
        opportunity.stage = "needs_analysed"
        opportunity.save()
    proposal = services.proposal_create(actor=actor, opportunity=opportunity)
    if lines is None:
        lines = [
            {
                "product": make_product(),
                "sum_insured": Decimal("500000"),
                "annual_premium": Decimal("15000"),
            }
        ]
    services.proposal_update(actor=actor, proposal=proposal, lines=lines)
    return Proposal.objects.get(pk=proposal.pk)


def add_line(proposal, **fields):
    return ProposalLine.objects.create(proposal=proposal, **fields)


TODAY = dt.date.today
