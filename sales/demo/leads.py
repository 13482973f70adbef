"""Demo leads: each salesperson's opportunities over the past months, from the first call to
the outcome, with their visits, needs analyses and proposals."""

import datetime as dt

from django.utils import timezone

from core import demo
from core.services import acting_as

from .. import services
from ..models import (
    NeedsAnalysis,
    Opportunity,
    Visit,
)
from .catalogue import NEED_PRODUCTS, NEXT_ACTIONS, OUTCOMES, REQUIRED_FOR_CUSTOMER, D, _age

# Each salesperson's pace (leads a month at the company's average activity).
PACE = {"sales1": 5.0, "sales2": 3.6, "sales3": 4.4, "sales4": 3.2}
# How a lead ends: lost after the first call, lost after the meeting, the proposal turned
# down, gone quiet (closed as lost weeks later), or won (the proposal accepted).
OUTCOMES_WEIGHTS = {
    "lost_call": 18,
    "lost_meeting": 14,
    "lost_proposal": 10,
    "quiet": 13,
    "won": 45,
}
LOST_REASONS = {
    "lost_call": ["客戶暫無保險需求", "多次聯絡未果"],
    "lost_meeting": ["客戶已在他處投保", "預算不足，明年再談"],
    "lost_proposal": ["客戶認為保費偏高", "客戶選擇了其他公司的產品"],
    "quiet": ["長期未回覆，暫停跟進"],
}
SERVICE_PURPOSES = ["保單檢視", "節日問候", "續保提醒", "理賠說明", "家庭保障回顧"]


class _Past:
    """The demo's calendar: working days of the past months and moments on them."""

    def __init__(self, rng, today):
        from org.demo import Workdays

        self.rng = rng
        self.today = today
        self.workdays = Workdays(demo.month_start(today, 48), today + dt.timedelta(days=90))

    def later(self, day, low, high):
        return self.workdays.add(day, self.rng.randint(low, high))

    def moment(self, day, hour=None):
        hour = self.rng.randint(9, 17) if hour is None else hour
        return demo.at(day, hour, self.rng.choice([0, 10, 15, 20, 30, 40, 45, 50]))

    def months(self):
        """(first of month, weight, its working days up to today), oldest first."""
        for back in range(demo.HISTORY_MONTHS, -1, -1):
            month = demo.month_start(self.today, back)
            days = [d for d in self.workdays.in_month(month) if d <= self.today]
            if days:
                yield month, demo.month_weight(month, self.today), days


def _complete(customer):
    return not any(getattr(customer, name) in (None, "") for name in REQUIRED_FOR_CUSTOMER)


class _Pool:
    """Each salesperson's files that may get a lead on a day: opened by then and with no
    other lead running (a file is busy until its last lead closes)."""

    def __init__(self, customers):
        self.by_owner = {}
        for customer in customers:
            self.by_owner.setdefault(customer.owner_id, []).append(customer)
        self.busy_until = {}

    def pick(self, rng, owner, day, complete):
        free = [
            c
            for c in self.by_owner.get(owner.pk, [])
            if timezone.localdate(c.created) < day
            and self.busy_until.get(c.pk, dt.date.min) < day
            and (not complete or _complete(c))
        ]
        return rng.choice(free) if free else None


def _need(customer, i):
    need = ["critical_illness", "life", "medical", "critical_illness", "education", "accident"][
        i % 6
    ]
    if need == "education" and _age(customer) < 28:
        need = "medical"
    return need


def _visit(
    past,
    owner,
    customer,
    day,
    *,
    opportunity=None,
    kind="phone",
    purpose="",
    status="done",
    hour=None,
):
    moment = past.moment(day, hour)
    duration = past.rng.choice([10, 20, 30]) if kind == "phone" else past.rng.choice([45, 60, 90])
    if status == "done" and moment + dt.timedelta(minutes=duration) > timezone.now():
        status = "planned"  # later today (just after midnight, all of today): still to come
    if opportunity is not None:
        opportunity.refresh_from_db()  # a service may have moved its stage meanwhile
    visit = Visit(
        customer=customer,
        opportunity=opportunity,
        kind=kind,
        status=status,
        starts_at=moment,
        duration_minutes=duration,
        location="客戶辦公室" if kind == "face_to_face" else "",
        purpose=purpose,
    )
    if status == "done":
        visit.outcome = past.rng.choice(OUTCOMES)
        visit.next_step = past.rng.choice(NEXT_ACTIONS)
        visit.participants = past.rng.choice(["客戶本人", "客戶及配偶"])
        with demo.clock(moment + dt.timedelta(minutes=visit.duration_minutes)):
            return services.visit_save(actor=owner, visit=visit)
    # a visit booked now for a coming day
    with demo.clock(timezone.now()):
        return services.visit_save(actor=owner, visit=visit)


def _lead(past, i, day, customer, owner, clerk, outcome, products, campaign):
    """One lead from its first day to where it stands today: each step on a later working
    day, done at that moment; a step that falls after today is left as the next action.
    Returns the day the lead's file is free again."""
    rng, today = past.rng, past.today
    taken = set(
        Opportunity.objects.filter(customer=customer)
        .exclude(stage__in=["won", "lost"])
        .values_list("need", flat=True)
    )
    need = next((n for k in range(6) if (n := _need(customer, i + k)) not in taken), None)
    if need is None:
        return None  # every need already has a lead running
    with demo.clock(past.moment(day)), acting_as(owner):
        opp = services.opportunity_create(
            actor=owner,
            customer=customer,
            need=need,
            channel=campaign.channel
            if campaign
            else rng.choice(["telemarketing", "online", "referral", "walk_in", "social_event"]),
            campaign=campaign,
            expected_premium=D(rng.randrange(30, 300) * 100),
            next_action="電話跟進",
            next_action_date=past.later(day, 1, 3),
        )

    def pending(next_day, action, meeting=False):
        """The next step is still to come: it is the lead's next action (and a booked
        meeting); the file stays busy."""
        opp.refresh_from_db()
        services.opportunity_update(
            actor=owner, opportunity=opp, next_action=action, next_action_date=next_day
        )
        if meeting:
            _visit(
                past,
                owner,
                customer,
                next_day,
                opportunity=opp,
                kind="face_to_face",
                purpose="方案說明" if action == "發送方案" else "需求了解",
                status="planned",
            )
        return next_day + dt.timedelta(days=60)

    def move(step_day, to, reason="", hour=None):
        with demo.clock(past.moment(step_day, hour)):
            services.opportunity_transition(opportunity=opp, to=to, actor=owner, reason=reason)
        opp.refresh_from_db()

    def close_lost(after, kind):
        lost_day = past.later(after, 5, 15 if kind != "quiet" else 40)
        if lost_day > today:
            return pending(lost_day, "電話跟進")
        move(lost_day, "lost", rng.choice(LOST_REASONS[kind]))
        return lost_day

    d1 = past.later(day, 1, 3)
    if d1 > today:
        return pending(d1, "電話跟進")
    _visit(past, owner, customer, d1, opportunity=opp, purpose="初次聯絡", hour=10)
    move(d1, "contacted", hour=12)
    if outcome == "lost_call":
        return close_lost(d1, outcome)
    d2 = past.later(d1, 2, 8)
    if d2 > today:
        return pending(d2, "預約面談", meeting=True)
    _visit(
        past, owner, customer, d2, opportunity=opp, kind="face_to_face", purpose="需求了解", hour=10
    )
    move(d2, "meeting", hour=13)
    if outcome == "lost_meeting":
        return close_lost(d2, outcome)
    d3 = past.later(d2, 0, 3)
    if d3 > today:
        return pending(d3, "回覆保費試算")
    with demo.clock(past.moment(d3, 14)):
        _needs_analysis(rng, owner, customer, need, d3)
    move(d3, "needs_analysed", hour=16)
    if outcome == "quiet":
        return close_lost(d3, outcome)
    d4 = past.later(d3, 2, 6)
    if d4 > today:
        return pending(d4, "發送方案")
    with demo.clock(past.moment(d4, 10)):
        proposal = _draft(opp, owner, products)
    with demo.clock(past.moment(d4, 16)):
        services.proposal_submit(actor=owner, proposal=proposal)
    d5 = past.later(d4, 1, 2)
    if d5 > today:
        return d5 + dt.timedelta(days=60)
    if not all(c.passed for c in services.proposal_checklist(proposal, today=d5)):
        with demo.clock(past.moment(d5)):
            services.proposal_review(
                actor=clerk,
                proposal=proposal,
                approve=False,
                comment="保費佔收入比例偏高，請調整保額或繳費期。",
            )
        return close_lost(d5, "lost_proposal")
    if rng.random() < 0.12:  # sent back once, revised and approved
        with demo.clock(past.moment(d5, 11)):
            services.proposal_review(
                actor=clerk,
                proposal=proposal,
                approve=False,
                comment="請補充受益人資料並確認繳費期。",
            )
        d5 = past.later(d5, 1, 2)
        if d5 > today:
            return d5 + dt.timedelta(days=60)
        with demo.clock(past.moment(d5, 10)):
            proposal = services.proposal_revise(actor=owner, proposal=proposal, reason="補充資料")
            services.proposal_submit(actor=owner, proposal=proposal)
        d5 = past.later(d5, 1, 2)
        if d5 > today:
            return d5 + dt.timedelta(days=60)
    with demo.clock(past.moment(d5, 11)):
        services.proposal_review(
            actor=clerk,
            proposal=proposal,
            approve=True,
            compliant=True,
            reasonable=True,
            feasible=True,
            comment="保額與保費在預算內，符合客戶需求。",
        )
    d6 = past.later(d5, 2, 8)
    if d6 > today:
        return pending(d6, "發送方案", meeting=True)
    _visit(
        past, owner, customer, d6, opportunity=opp, kind="face_to_face", purpose="方案說明", hour=10
    )
    accepted = outcome == "won"
    with demo.clock(past.moment(d6, 15)):
        services.proposal_decide(
            actor=owner, proposal=proposal, accepted=accepted, note="" if accepted else "客戶暫緩"
        )
    if not accepted:
        return close_lost(d6, "lost_proposal")
    # the application and the policy follow (the underwriting demo): no other lead on this
    # file meanwhile, or its work would touch this opportunity before it is won
    return dt.date.max


def _needs_analysis(rng, owner, customer, need, day):
    income = D(rng.randrange(12, 60) * 10000)
    services.needs_analysis_create(
        actor=owner,
        analysis=NeedsAnalysis(
            customer=customer,
            analysed_on=day,
            dependants=rng.randint(0, 3),
            support_years=rng.choice([5, 10, 15, 20]),
            annual_income=income,
            annual_expenses=(income * D("0.45")).quantize(D("1")),
            total_assets=income * 3,
            liquid_assets=income,
            liabilities=income * rng.randint(0, 4),
            existing_life_cover=D(rng.choice([0, 200000, 500000])),
            existing_ci_cover=D(rng.choice([0, 100000, 300000])),
            risk_q1=rng.randint(2, 5),
            risk_q2=rng.randint(2, 4),
            risk_q3=rng.randint(1, 4),
            risk_q4=rng.randint(2, 4),
            risk_q5=rng.randint(2, 5),
            goal_protection=1,
            goal_health=2,
            goal_education=3 if need == "education" else 0,
            goal_retirement=rng.choice([0, 2, 3]),
        ),
    )


def _service_visits(past, users, pool):
    """Calls and visits on existing clients (reviews, greetings, renewals) every month, and
    the meetings booked for the coming days."""
    rng = past.rng
    for month, weight, days in past.months():
        share = len(days) / max(1, len(past.workdays.in_month(month)))
        for username, pace in PACE.items():
            owner = users.get(username)
            if owner is None:
                continue
            files = pool.by_owner.get(owner.pk, [])
            for _i in range(round(pace * 1.6 * weight * share * rng.uniform(0.8, 1.2))):
                day = rng.choice(days)
                known = [c for c in files if timezone.localdate(c.created) < day]
                if not known:
                    continue
                _visit(
                    past,
                    owner,
                    rng.choice(known),
                    day,
                    kind=rng.choice(["phone", "phone", "face_to_face", "online"]),
                    purpose=rng.choice(SERVICE_PURPOSES),
                )
    for username in PACE:
        owner = users.get(username)
        files = pool.by_owner.get(owner.pk, []) if owner else []
        for _i in range(min(3, len(files))):
            _visit(
                past,
                owner,
                rng.choice(files),
                past.later(past.today, 1, 8),
                kind="face_to_face",
                purpose=rng.choice(SERVICE_PURPOSES),
                status="planned",
            )


def _draft(opp, owner, products):
    """The proposal for the lead's need (and a medical line for a child), priced at the
    budget of the customer's needs analysis."""
    customer = opp.customer
    analysis = services.latest_needs_analysis(customer)
    product = products[NEED_PRODUCTS.get(opp.need, "PA-CI01")]
    if not product.min_age <= _age(customer) <= product.max_age:
        product = products["CL-MD01"]
    budget = analysis.premium_budget if analysis else D("10000")
    proposal = services.proposal_create(actor=owner, opportunity=opp, title="家庭保障方案")
    lines = [
        {
            "product": product,
            "sum_insured": max(product.min_sum_insured, D("300000")).min(product.max_sum_insured),
            "annual_premium": (budget * D("0.6")).quantize(D("0.01")),
            "term": "終身" if product.category in ("critical_illness", "life") else "1年",
            "payment_period": "20年",
            "frequency": "annual",
        }
    ]
    family = list(customer.family.filter(relation="child", birth_date__isnull=False)[:1])
    if family:
        lines.append(
            {
                "product": products["CL-MD01"],
                "insured_member": family[0],
                "sum_insured": D("2000000"),
                "annual_premium": D("680.00"),
                "term": "1年",
                "payment_period": "1年",
                "frequency": "annual",
            }
        )
    services.proposal_update(actor=owner, proposal=proposal, lines=lines)
    return proposal
