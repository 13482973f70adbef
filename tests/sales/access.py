"""Permission matrix of the sales pages.

The scenario is team A's: a customer of the salesperson with an opportunity, a visit, a
needs analysis, a draft proposal, a target, a plan, a meeting and a task; plus reference data
(an insurer, a product, a campaign, a market note, a comparison). HR and compliance have no
sales pages at all; the manager reads everything and changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sales import services
from sales.models import (
    Campaign,
    CompetitorComparison,
    MarketNote,
    SalesTask,
    TeamMeeting,
    TeamPlan,
    Visit,
)
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, each

NOT_ALLOWED = 405
SELLERS = ("clerk", "salesperson", "other_salesperson", "supervisor")
READERS = (*SELLERS, "manager", "superuser")  # who may open sales pages at all
WORKERS = (*SELLERS, "superuser")  # who works the pipeline (add and change)

# A record of the salesperson's customer (team A): the other team's salesperson gets a 404.
TEAM_A_READ = {**each(READERS, OK), "other_salesperson": NOT_FOUND}
TEAM_A_CHANGE = {**each(WORKERS, OK), "other_salesperson": NOT_FOUND}
# Proposals are drafted by salespeople (and supervisors) and reviewed by clerks.
PROPOSERS = ("salesperson", "other_salesperson", "supervisor", "superuser")
PROPOSAL_CHANGE = {**each(PROPOSERS, OK), "other_salesperson": NOT_FOUND}
SUPERVISOR_ONLY = {"supervisor": OK, "superuser": OK}


def scenario(personas):
    from tests.sales.factories import (
        make_customer,
        make_opportunity,
        make_product,
        make_proposal,
    )

    salesperson = personas["salesperson"]
    supervisor = personas["supervisor"]
    team = salesperson.employee.team
    customer = make_customer(salesperson)
    opportunity = make_opportunity(customer)
    proposal = make_proposal(make_opportunity(customer, need="life"), salesperson)
    product = proposal.lines.first().product
    visit = services.visit_save(
        actor=salesperson,
        visit=Visit(customer=customer, kind="phone", starts_at=timezone.now()),
    )
    campaign = Campaign.objects.create(
        name="春季講座",
        channel="social_event",
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 3, 31),
        owner=supervisor,
        team=team,
    )
    target = services.target_set(
        actor=supervisor, team=team, user=salesperson, month=dt.date(2026, 12, 1)
    )
    plan = TeamPlan.objects.create(
        team=team,
        title="十二月計劃",
        period_start=dt.date(2026, 12, 1),
        period_end=dt.date(2026, 12, 31),
        content="重疾險推廣",
        author=supervisor,
    )
    meeting = TeamMeeting.objects.create(
        team=team, date=dt.date(2026, 12, 1), agenda="月度檢討", chaired_by=supervisor
    )
    task = SalesTask.objects.create(
        team=team,
        assignee=salesperson,
        assigned_by=supervisor,
        title="回訪",
        due_date=dt.date(2026, 12, 10),
    )
    note = MarketNote.objects.create(title="競品動態", content="…", author=salesperson)
    comparison = CompetitorComparison.objects.create(
        title="重疾險比較",
        our_product=product,
        competitor="平安",
        competitor_product="平安福",
        our_premium=Decimal("1000"),
        competitor_premium=Decimal("1100"),
        author=salesperson,
    )
    return {
        "insurer": product.insurer,
        "product": product,
        "spare_product": make_product(),
        "campaign": campaign,
        "opportunity": opportunity,
        "visit": visit,
        "analysis": proposal.needs_analysis,
        "proposal": proposal,
        "target": target,
        "plan": plan,
        "meeting": meeting,
        "task": task,
        "note": note,
        "comparison": comparison,
    }


def _pk(name):
    return lambda o: [o[name].pk]


def _reference(name, key, *, add_edit, delete=None):
    """Reference data every seller (and the manager) reads."""
    cases = [
        Case(f"sales:{name}_list", each(READERS, OK)),
        Case(f"sales:{name}_list", each(READERS, OK), query="?export=xlsx"),
        Case(f"sales:{name}", each(READERS, OK), args=_pk(key)),
        Case(f"sales:{name}_history", each(READERS, OK), args=_pk(key)),
        Case(f"sales:{name}_add", add_edit),
        Case(f"sales:{name}_edit", add_edit, args=_pk(key)),
    ]
    if delete is not None:
        cases.append(Case(f"sales:{name}_delete", delete, args=_pk(key)))
    return cases


_WRITERS_OF_NOTES = each(WORKERS, OK)

CASES = [
    *_reference("insurer", "insurer", add_edit=SUPERVISOR_ONLY),
    *_reference("product", "product", add_edit=SUPERVISOR_ONLY),
    Case("sales:product_brochure", each(READERS, NOT_FOUND), args=_pk("product")),  # none uploaded
    *_reference("campaign", "campaign", add_edit=SUPERVISOR_ONLY),
    *_reference("marketnote", "note", add_edit=_WRITERS_OF_NOTES, delete=SUPERVISOR_ONLY),
    *_reference("competitorcomparison", "comparison", add_edit=_WRITERS_OF_NOTES),
    # the pipeline
    Case("sales:opportunity_list", each(READERS, OK)),
    Case("sales:opportunity_list", each(READERS, OK), query="?export=xlsx"),
    Case("sales:opportunity_list", each(READERS, OK), query="?stalled=1&mine=1"),
    Case("sales:opportunity_board", each(READERS, OK)),
    Case("sales:opportunity", TEAM_A_READ, args=_pk("opportunity")),
    Case("sales:opportunity_history", TEAM_A_READ, args=_pk("opportunity")),
    Case("sales:opportunity_timeline", TEAM_A_READ, args=_pk("opportunity")),
    Case("sales:opportunity_add", each(WORKERS, OK)),
    Case("sales:opportunity_edit", TEAM_A_CHANGE, args=_pk("opportunity")),
    Case(
        "sales:opportunity_transition",
        {**each(WORKERS, REDIRECT), "other_salesperson": NOT_FOUND},
        args=_pk("opportunity"),
        method="post",
        data={"to": "contacted"},
    ),
    Case("sales:visit_list", each(READERS, OK)),
    Case("sales:visit_list", each(READERS, OK), query="?export=xlsx"),
    Case("sales:visit_agenda", each(READERS, OK)),
    Case("sales:visit", TEAM_A_READ, args=_pk("visit")),
    Case("sales:visit_history", TEAM_A_READ, args=_pk("visit")),
    Case("sales:visit_add", each(WORKERS, OK)),
    Case("sales:visit_edit", TEAM_A_CHANGE, args=_pk("visit")),
    Case("sales:needsanalysis_list", each(READERS, OK)),
    Case("sales:needsanalysis", TEAM_A_READ, args=_pk("analysis")),
    Case("sales:needsanalysis_history", TEAM_A_READ, args=_pk("analysis")),
    Case("sales:needsanalysis_add", each(WORKERS, OK)),
    Case("sales:proposal_list", each(READERS, OK)),
    Case("sales:proposal_list", each(READERS, OK), query="?export=xlsx"),
    Case("sales:proposal_list", each(READERS, OK), query="?status=submitted&review=mine"),
    Case("sales:proposal", TEAM_A_READ, args=_pk("proposal")),
    Case("sales:proposal_history", TEAM_A_READ, args=_pk("proposal")),
    Case("sales:proposal_timeline", TEAM_A_READ, args=_pk("proposal")),
    Case("sales:proposal_pdf", TEAM_A_READ, args=_pk("proposal")),
    Case("sales:proposal_add", PROPOSAL_CHANGE, args=_pk("opportunity")),
    Case("sales:proposal_edit", PROPOSAL_CHANGE, args=_pk("proposal")),
    # workflow steps are POST only: a GET is refused (405) to whoever may take the step
    Case("sales:proposal_submit", each(PROPOSERS, NOT_ALLOWED), args=_pk("proposal")),
    Case("sales:proposal_decide", each(PROPOSERS, NOT_ALLOWED), args=_pk("proposal")),
    Case("sales:proposal_revise", each(PROPOSERS, NOT_ALLOWED), args=_pk("proposal")),
    Case(
        "sales:proposal_review",
        {"clerk": NOT_ALLOWED, "superuser": NOT_ALLOWED},
        args=_pk("proposal"),
    ),
    # a submit by someone of another team is a 404, by the owner a redirect back
    Case(
        "sales:proposal_submit",
        {**each(PROPOSERS, REDIRECT), "other_salesperson": NOT_FOUND},
        args=_pk("proposal"),
        method="post",
        data={"x": "1"},
    ),
    # targets and team work
    Case("sales:salestarget_list", each(READERS, OK)),
    Case("sales:salestarget", TEAM_A_READ, args=_pk("target")),
    Case("sales:salestarget_history", TEAM_A_READ, args=_pk("target")),
    Case("sales:salestarget_add", SUPERVISOR_ONLY),
    Case("sales:salestarget_edit", SUPERVISOR_ONLY, args=_pk("target")),
    Case("sales:teamplan_list", each(READERS, OK)),
    Case("sales:teamplan", TEAM_A_READ, args=_pk("plan")),
    Case("sales:teamplan_history", TEAM_A_READ, args=_pk("plan")),
    Case("sales:teamplan_add", SUPERVISOR_ONLY),
    Case("sales:teamplan_edit", SUPERVISOR_ONLY, args=_pk("plan")),
    Case("sales:teammeeting_list", each(READERS, OK)),
    Case("sales:teammeeting", TEAM_A_READ, args=_pk("meeting")),
    Case("sales:teammeeting_history", TEAM_A_READ, args=_pk("meeting")),
    Case("sales:teammeeting_add", SUPERVISOR_ONLY),
    Case("sales:teammeeting_edit", SUPERVISOR_ONLY, args=_pk("meeting")),
    Case(
        "sales:teammeeting_action",
        {"supervisor": NOT_ALLOWED, "superuser": NOT_ALLOWED},
        args=_pk("meeting"),
    ),
    Case("sales:salestask_list", each(READERS, OK)),
    Case("sales:salestask", TEAM_A_READ, args=_pk("task")),
    Case("sales:salestask_history", TEAM_A_READ, args=_pk("task")),
    Case("sales:salestask_add", SUPERVISOR_ONLY),
    Case(
        "sales:salestask_edit",
        {
            **SUPERVISOR_ONLY,
            "salesperson": NOT_FOUND,
            "clerk": NOT_FOUND,
            "other_salesperson": NOT_FOUND,
        },
        args=_pk("task"),
    ),
    Case("sales:salestask_status", each(WORKERS, NOT_ALLOWED), args=_pk("task")),
]

assert FORBIDDEN == 403  # everyone not listed (HR, compliance, ...) is refused
