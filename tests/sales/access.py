"""Permission matrix of the sales pages.

The scenario is team A's: a customer of the salesperson with an opportunity, a visit, a
needs analysis, a draft proposal, a target, a plan, a meeting and a task; plus reference data
(an insurer, a product, a campaign, a market note, a comparison). Team B has the same
records of the other salesperson (``*_b``). The team-A customer is shared with the shared
colleague (team B): they see what inherits the file's scope (visits, needs analyses), not
the opportunities and proposals, which belong to their owner and team. HR and compliance
have no sales pages at all; the manager reads everything and changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sales import services
from sales.models import (
    Campaign,
    CompetitorComparison,
    MarketNote,
    SalesTarget,
    SalesTask,
    TeamMeeting,
    TeamPlan,
    Visit,
)
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, each, share

NOT_ALLOWED = 405
SELLERS = ("clerk", "salesperson", "other_salesperson", "shared_colleague", "supervisor")
READERS = (*SELLERS, "manager", "superuser")  # who may open sales pages at all
WORKERS = (*SELLERS, "superuser")  # who works the pipeline (add and change)

# A record of the salesperson's customer (team A): the other team's salesperson gets a 404.
TEAM_A_READ = {**each(READERS, OK), "other_salesperson": NOT_FOUND, "shared_colleague": NOT_FOUND}
TEAM_A_CHANGE = {
    **each(WORKERS, OK),
    "other_salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
}
# A record inside the shared team-A file (a visit, a needs analysis): the share reaches it.
SHARED_READ = {**TEAM_A_READ, "shared_colleague": OK}
SHARED_CHANGE = {**TEAM_A_CHANGE, "shared_colleague": OK}
# Proposals are drafted by salespeople (and supervisors) and reviewed by clerks.
PROPOSERS = ("salesperson", "other_salesperson", "shared_colleague", "supervisor", "superuser")
PROPOSAL_CHANGE = {
    **each(PROPOSERS, OK),
    "other_salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
}
SUPERVISOR_ONLY = {"supervisor": OK, "superuser": OK}


def _tomorrow():
    """A planned visit's time: within the agenda's fortnight."""
    return timezone.now() + dt.timedelta(days=1)


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
    customer = share(make_customer(salesperson), personas)
    opportunity = make_opportunity(customer)
    proposal = make_proposal(make_opportunity(customer, need="life"), salesperson)
    product = proposal.lines.first().product
    spare_product = make_product()
    visit = services.visit_save(
        actor=salesperson,
        visit=Visit(customer=customer, kind="phone", status="planned", starts_at=_tomorrow()),
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
    objects = {
        "customer": customer,
        "insurer": product.insurer,
        "product": product,
        "spare_product": spare_product,
        "spare_insurer": spare_product.insurer,
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
        "proposal_opportunity": proposal.opportunity,
    }
    objects.update(_team_b(personas, product))
    return objects


def _team_b(personas, product):
    """The other salesperson's records (team B, which has no supervisor or clerk)."""
    from tests.sales.factories import make_customer, make_opportunity, make_proposal

    other = personas["other_salesperson"]
    team = other.employee.team
    customer = make_customer(other)
    opportunity = make_opportunity(customer)
    line = {"product": product, "sum_insured": Decimal("300000"), "annual_premium": Decimal("9000")}
    proposal = make_proposal(make_opportunity(customer, need="life"), other, lines=[line])
    visit = services.visit_save(
        actor=other,
        visit=Visit(customer=customer, kind="phone", status="planned", starts_at=_tomorrow()),
    )
    return {
        "customer_b": customer,
        "opportunity_b": opportunity,
        "proposal_b": proposal,
        "proposal_opportunity_b": proposal.opportunity,
        "analysis_b": proposal.needs_analysis,
        "visit_b": visit,
        # get_or_create: a write case makes its scenario again (one target per month)
        "target_b": SalesTarget.objects.get_or_create(
            team=team, user=other, month=dt.date(2026, 12, 1), defaults={"premium": Decimal("5000")}
        )[0],
        "plan_b": TeamPlan.objects.create(
            team=team,
            title="乙組計劃",
            period_start=dt.date(2026, 12, 1),
            period_end=dt.date(2026, 12, 31),
            content="意外險推廣",
            author=other,
        ),
        "meeting_b": TeamMeeting.objects.create(
            team=team, date=dt.date(2026, 12, 2), agenda="週會", chaired_by=other
        ),
        "task_b": SalesTask.objects.create(
            team=team,
            assignee=other,
            assigned_by=other,
            title="跟進",
            due_date=dt.date(2026, 12, 11),
        ),
    }


def _rows(a, b, shared=()):
    """Rows of a list of team records: team A's (``a``), team B's (``b``), and what the
    share shows the shared colleague."""
    a, b = set(a), set(b)
    return {
        "salesperson": a,
        "clerk": a,
        "supervisor": a,
        "other_salesperson": b,
        "shared_colleague": set(shared),
        "manager": a | b,
        "superuser": a | b,
    }


def _all(*names):
    """Rows of reference data: everyone who opens the list sees every row."""
    return dict.fromkeys(READERS, set(names))


def _pk(name):
    return lambda o: [o[name].pk]


def _reference(name, key, *, add_edit, delete=None, rows):
    """Reference data every seller (and the manager) reads."""
    cases = [
        Case(f"sales:{name}_list", each(READERS, OK), rows=_all(*rows)),
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
    *_reference("insurer", "insurer", add_edit=SUPERVISOR_ONLY, rows=("insurer", "spare_insurer")),
    *_reference("product", "product", add_edit=SUPERVISOR_ONLY, rows=("product", "spare_product")),
    Case("sales:product_brochure", each(READERS, NOT_FOUND), args=_pk("product")),  # none uploaded
    *_reference("campaign", "campaign", add_edit=SUPERVISOR_ONLY, rows=("campaign",)),
    *_reference(
        "marketnote", "note", add_edit=_WRITERS_OF_NOTES, delete=SUPERVISOR_ONLY, rows=("note",)
    ),
    *_reference(
        "competitorcomparison", "comparison", add_edit=_WRITERS_OF_NOTES, rows=("comparison",)
    ),
    # the pipeline
    Case(
        "sales:opportunity_list",
        each(READERS, OK),
        rows=_rows(
            ("opportunity", "proposal_opportunity"), ("opportunity_b", "proposal_opportunity_b")
        ),
    ),
    Case("sales:opportunity_list", each(READERS, OK), query="?export=xlsx"),
    Case("sales:opportunity_list", each(READERS, OK), query="?stalled=1&mine=1"),
    Case(
        "sales:opportunity_board",
        each(READERS, OK),
        rows=_rows(
            ("opportunity", "proposal_opportunity"), ("opportunity_b", "proposal_opportunity_b")
        ),
        shown=lambda context: [card for column in context["columns"] for card in column["cards"]],
    ),
    Case("sales:opportunity", TEAM_A_READ, args=_pk("opportunity")),
    Case("sales:opportunity_history", TEAM_A_READ, args=_pk("opportunity")),
    Case("sales:opportunity_timeline", TEAM_A_READ, args=_pk("opportunity")),
    Case("sales:opportunity_add", each(WORKERS, OK)),
    Case("sales:opportunity_edit", TEAM_A_CHANGE, args=_pk("opportunity")),
    Case(
        "sales:opportunity_transition",
        {**each(WORKERS, REDIRECT), "other_salesperson": NOT_FOUND, "shared_colleague": NOT_FOUND},
        args=_pk("opportunity"),
        method="post",
        data={"to": "contacted"},
    ),
    # The board's drag and drop (JSON): the manager sees the card but the service refuses.
    Case(
        "sales:opportunity_move",
        TEAM_A_CHANGE,
        args=_pk("opportunity"),
        method="post",
        data={"to": "contacted"},
    ),
    Case("sales:visit_list", each(READERS, OK), rows=_rows({"visit"}, {"visit_b"}, {"visit"})),
    Case("sales:visit_list", each(READERS, OK), query="?export=xlsx"),
    Case(
        "sales:visit_agenda",
        each(READERS, OK),
        rows=_rows({"visit"}, {"visit_b"}, {"visit"}),
        shown=lambda context: [
            *(visit for _day, visits in context["my_days"] for visit in visits),
            *context["team_visits"],
        ],
    ),
    Case("sales:visit", SHARED_READ, args=_pk("visit")),
    Case("sales:visit_history", SHARED_READ, args=_pk("visit")),
    Case("sales:visit_add", each(WORKERS, OK)),
    Case("sales:visit_edit", SHARED_CHANGE, args=_pk("visit")),
    Case(
        "sales:needsanalysis_list",
        each(READERS, OK),
        rows=_rows({"analysis"}, {"analysis_b"}, {"analysis"}),
    ),
    Case("sales:needsanalysis", SHARED_READ, args=_pk("analysis")),
    Case("sales:needsanalysis_history", SHARED_READ, args=_pk("analysis")),
    Case("sales:needsanalysis_add", each(WORKERS, OK)),
    Case("sales:proposal_list", each(READERS, OK), rows=_rows({"proposal"}, {"proposal_b"})),
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
        {
            **each(PROPOSERS, REDIRECT),
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=_pk("proposal"),
        method="post",
        data={"x": "1"},
    ),
    # targets and team work
    Case("sales:salestarget_list", each(READERS, OK), rows=_rows({"target"}, {"target_b"})),
    Case("sales:salestarget", TEAM_A_READ, args=_pk("target")),
    Case("sales:salestarget_history", TEAM_A_READ, args=_pk("target")),
    Case("sales:salestarget_add", SUPERVISOR_ONLY),
    Case("sales:salestarget_edit", SUPERVISOR_ONLY, args=_pk("target")),
    # team plans and meetings are read by the team's members too (the shared colleague is
    # in team B)
    Case(
        "sales:teamplan_list",
        each(READERS, OK),
        rows=_rows({"plan"}, {"plan_b"}, {"plan_b"}),
    ),
    Case("sales:teamplan", TEAM_A_READ, args=_pk("plan")),
    Case("sales:teamplan_history", TEAM_A_READ, args=_pk("plan")),
    Case("sales:teamplan_add", SUPERVISOR_ONLY),
    Case("sales:teamplan_edit", SUPERVISOR_ONLY, args=_pk("plan")),
    Case(
        "sales:teammeeting_list",
        each(READERS, OK),
        rows=_rows({"meeting"}, {"meeting_b"}, {"meeting_b"}),
    ),
    Case("sales:teammeeting", TEAM_A_READ, args=_pk("meeting")),
    Case("sales:teammeeting_history", TEAM_A_READ, args=_pk("meeting")),
    Case("sales:teammeeting_add", SUPERVISOR_ONLY),
    Case("sales:teammeeting_edit", SUPERVISOR_ONLY, args=_pk("meeting")),
    Case(
        "sales:teammeeting_action",
        {"supervisor": NOT_ALLOWED, "superuser": NOT_ALLOWED},
        args=_pk("meeting"),
    ),
    Case("sales:salestask_list", each(READERS, OK), rows=_rows({"task"}, {"task_b"})),
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
            "shared_colleague": NOT_FOUND,
        },
        args=_pk("task"),
    ),
    Case("sales:salestask_status", each(WORKERS, NOT_ALLOWED), args=_pk("task")),
]

assert FORBIDDEN == 403  # everyone not listed (HR, compliance, ...) is refused
