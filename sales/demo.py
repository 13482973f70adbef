"""Demo sales data: insurers and products, campaigns, opportunities in every stage, visits
over the last months, needs analyses, proposals in every review state, targets, team work and
market research. Deterministic (context["rng"]) and idempotent."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import demo
from core.services import acting_as
from customers.models import COMPLETENESS, Customer
from org.models import Team

from . import services
from .models import (
    Campaign,
    CompetitorComparison,
    Insurer,
    MarketNote,
    NeedsAnalysis,
    Opportunity,
    Product,
    TeamMeeting,
    TeamPlan,
    Visit,
)

D = Decimal
REQUIRED_FOR_CUSTOMER = COMPLETENESS["individual"]["customer"][0]

INSURERS = [
    ("PAL", "平安人壽", "李經理 021-3888 0001", "核保部 王先生 021-3888 0101", "理賠部 95511"),
    ("CLI", "中國人壽", "陳經理 010-6363 1000", "核保中心 010-6363 1200", "理賠熱線 95519"),
    ("CPL", "太平洋人壽", "周經理 021-3396 1888", "核保部 021-3396 1800", "理賠熱線 95500"),
    ("NCI", "新華保險", "趙經理 010-8521 3000", "核保部 010-8521 3100", "理賠熱線 95567"),
]
# insurer, code, name, category, min age, max age, min sum, max sum, commission, modes, inv.
PRODUCTS = [
    (
        "PAL",
        "PA-CI01",
        "平安福終身重疾險",
        "critical_illness",
        0,
        55,
        100000,
        1000000,
        "0.30",
        ["annual", "monthly"],
        False,
    ),
    (
        "PAL",
        "PA-AC01",
        "平安安心意外保障計劃",
        "accident",
        18,
        65,
        100000,
        2000000,
        "0.20",
        ["annual"],
        False,
    ),
    (
        "PAL",
        "PA-AN01",
        "平安鑫享年金保險",
        "annuity",
        18,
        60,
        50000,
        3000000,
        "0.08",
        ["single", "annual"],
        True,
    ),
    (
        "CLI",
        "CL-LF01",
        "國壽福終身壽險",
        "life",
        18,
        60,
        100000,
        5000000,
        "0.25",
        ["annual", "semi_annual"],
        False,
    ),
    (
        "CLI",
        "CL-ED01",
        "國壽少兒教育年金",
        "education",
        0,
        17,
        50000,
        1000000,
        "0.10",
        ["annual"],
        False,
    ),
    (
        "CLI",
        "CL-MD01",
        "國壽百萬醫療險",
        "medical",
        0,
        60,
        1000000,
        6000000,
        "0.15",
        ["annual", "monthly"],
        False,
    ),
    (
        "CPL",
        "CP-CI01",
        "太平洋金佑人生重疾險",
        "critical_illness",
        0,
        50,
        100000,
        800000,
        "0.28",
        ["annual"],
        False,
    ),
    (
        "CPL",
        "CP-LF01",
        "太平洋長相伴定期壽險",
        "life",
        18,
        55,
        200000,
        3000000,
        "0.25",
        ["annual"],
        False,
    ),
    (
        "CPL",
        "CP-PR01",
        "太平洋家財綜合保險",
        "property",
        18,
        80,
        50000,
        2000000,
        "0.15",
        ["annual"],
        False,
    ),
    (
        "NCI",
        "NC-MD01",
        "新華健康無憂醫療險",
        "medical",
        0,
        65,
        500000,
        4000000,
        "0.15",
        ["annual"],
        False,
    ),
    (
        "NCI",
        "NC-UL01",
        "新華穩得福萬能險",
        "life",
        18,
        60,
        100000,
        2000000,
        "0.12",
        ["annual"],
        True,
    ),
]
NEED_PRODUCTS = {
    "critical_illness": "PA-CI01",
    "life": "CL-LF01",
    "medical": "CL-MD01",
    "accident": "PA-AC01",
    "annuity": "PA-AN01",
    "education": "CL-ED01",
    "property": "CP-PR01",
}
STAGES = ["new", "contacted", "meeting", "needs_analysed", "proposal", "application", "won", "lost"]
PROPOSAL_STATES = ["draft", "submitted", "approved", "returned", "accepted", "rejected", "revised"]
NEXT_ACTIONS = ["電話跟進", "預約面談", "發送方案", "補充健康告知", "約見家人", "回覆保費試算"]
OUTCOMES = [
    "客戶對重疾保障有興趣，希望比較兩家公司的方案。",
    "了解家庭收支，約定下週帶配偶一起面談。",
    "客戶擔心保費過高，建議調低保額。",
    "已說明等待期及免責條款，客戶表示理解。",
    "客戶希望先為孩子投保教育金。",
    "電話未接通，改約明天。",
]


def _products():
    by_code = {}
    insurers = {}
    for code, name, contact, uw, claims in INSURERS:
        insurers[code], _c = Insurer.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "contact_name": contact.split(" ", 1)[0],
                "contact_phone": contact.split(" ", 1)[1],
                "underwriting_contact": uw,
                "claims_contact": claims,
            },
        )
    for ins, code, name, cat, lo, hi, smin, smax, rate, modes, inv in PRODUCTS:
        by_code[code], _c = Product.objects.get_or_create(
            insurer=insurers[ins],
            code=code,
            defaults={
                "name": name,
                "category": cat,
                "min_age": lo,
                "max_age": hi,
                "min_sum_insured": D(smin),
                "max_sum_insured": D(smax),
                "commission_rate": D(rate),
                "payment_modes": modes,
                "investment_type": inv,
                "term_options": "20年, 30年, 至70歲, 終身",
                "payment_periods": "躉交, 10年, 20年",
            },
        )
    return by_code


def _age(customer):
    return customer.age or 0


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
CAMPAIGNS = [
    # name, channel, team, calendar month, days, budget
    ("春季重疾保障講座", "social_event", "A", 3, 45, 30000),
    ("暑期少兒教育金專案", "online", None, 7, 40, 20000),
    ("老客戶轉介紹計劃", "referral", "B", 9, 60, 10000),
    ("年終家庭保障檢視", "telemarketing", None, 12, 31, 40000),
    ("線上家庭保障測評", "online", None, 11, 30, 50000),
]


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


def _campaigns(past, teams, sup):
    made = []
    for name, channel, team, month_no, days, budget in CAMPAIGNS:
        year = past.today.year if month_no < past.today.month else past.today.year - 1
        start = past.workdays.on_or_after(dt.date(year, month_no, 1))
        owner = sup["A"] if team != "B" else sup["B"]
        with demo.clock(past.moment(start - dt.timedelta(days=14), 10)):
            campaign = Campaign(
                name=name,
                channel=channel,
                team=teams.get(team) if team else None,
                start_date=start,
                end_date=start + dt.timedelta(days=days),
                budget=D(budget),
                owner=owner,
                description="",
            )
            campaign.full_clean()
            campaign.save()
        made.append(campaign)
    return made


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


@demo.register
def seed_sales(context):
    User = get_user_model()
    rng = context["rng"]
    users = {u.username: u for u in User.objects.filter(username__regex=r"^(sales|clerk|sup)\d")}
    if not users:
        return
    products = _products()
    if Opportunity.objects.exists():
        return
    teams = {t.code: t for t in Team.objects.all()}
    sup = {"A": users.get("sup1"), "B": users.get("sup2")}
    clerks = {"A": users.get("clerk1"), "B": users.get("clerk2")}
    today = timezone.localdate()
    past = _Past(rng, today)
    campaigns = _campaigns(past, teams, sup)
    customers = [
        c
        for c in Customer.objects.filter(
            owner__username__in=list(PACE),
            archived=False,
            kind="individual",
            birth_date__isnull=False,
        )
        .select_related("team", "owner")
        .order_by("pk")
        if 22 <= _age(c) <= 55
    ]
    pool = _Pool(customers)
    leads = []
    for month, weight, days in past.months():
        share = len(days) / max(1, len(past.workdays.in_month(month)))
        for username, pace in PACE.items():
            if username not in users:
                continue
            n = round(pace * weight * share * rng.uniform(0.8, 1.2))
            if share == 1:
                n = max(n, 1)  # nobody has a month without a lead
            leads += [(rng.choice(days), username) for _i in range(n)]
    leads.sort()
    outcomes, weights = list(OUTCOMES_WEIGHTS), list(OUTCOMES_WEIGHTS.values())
    made = 0
    for i, (day, username) in enumerate(leads):
        owner = users[username]
        outcome = rng.choices(outcomes, weights=weights)[0]
        customer = pool.pick(rng, owner, day, complete=outcome == "won")
        if customer is None and outcome == "won":
            outcome = "lost_proposal"
            customer = pool.pick(rng, owner, day, complete=False)
        if customer is None:
            continue
        campaign = next(
            (c for c in campaigns if c.start_date <= day <= c.end_date and rng.random() < 0.6),
            None,
        )
        end = _lead(
            past, i, day, customer, owner, clerks[customer.team.code], outcome, products, campaign
        )
        if end is not None:
            pool.busy_until[customer.pk] = end
            made += 1
    _service_visits(past, users, pool)
    _teamwork(teams, sup, users, past)
    _research(users, products)
    if context.get("stdout"):
        context["stdout"].write(f"sales: {made} opportunities over {demo.HISTORY_MONTHS} months")


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


def _teamwork(teams, sup, users, past):
    today = past.today
    this_month = today.replace(day=1)
    members = {"A": ["sales1", "sales2"], "B": ["sales3", "sales4"]}
    for code, team in teams.items():
        supervisor = sup.get(code)
        if supervisor is None:
            continue
        planned = past.workdays.on_or_after(this_month)
        with acting_as(supervisor), demo.clock(past.moment(min(planned, today), 9)):
            plan = TeamPlan(
                team=team,
                title=f"{today:%Y年%m月}團隊計劃",
                period_start=this_month,
                period_end=(this_month + dt.timedelta(days=32)).replace(day=1)
                - dt.timedelta(days=1),
                content=(
                    "一、重點推廣重疾險與醫療險組合。\n"
                    "二、每人每週面談不少於 5 次。\n"
                    "三、月底前完成老客戶保單檢視。"
                ),
                author=supervisor,
            )
            plan.full_clean()
            plan.save()
        met = min(past.workdays.on_or_after(today - dt.timedelta(days=7)), today)
        with demo.clock(past.moment(met, 17)):
            meeting = services.meeting_save(
                actor=supervisor,
                meeting=TeamMeeting(
                    team=team,
                    date=met,
                    agenda="1. 上月業績回顧\n2. 本月目標分解\n3. 重點客戶跟進",
                    minutes="重疾險件數增長明顯；需加強醫療險附加銷售。",
                ),
                attendees=[users[u] for u in members.get(code, []) if u in users],
            )
        for n, username in enumerate(members.get(code, [])):
            if username in users:
                services.task_assign(
                    actor=supervisor,
                    team=team,
                    assignee=users[username],
                    title=["整理本月重點客戶名單", "完成三份方案試算"][n % 2],
                    due_date=today + dt.timedelta(days=[-1, 5][n % 2]),
                    meeting=meeting,
                )


def _research(users, products):
    author = users.get("clerk1") or next(iter(users.values()))
    with acting_as(author):
        for title, competitor, product, pricing, source, tags, content in (
            (
                "友邦推出新版重疾險，輕症賠付提高",
                "友邦人壽",
                "友邦全佑至尊",
                "30歲男性 50萬保額 年繳約 9,800 元",
                "官網及代理人資料",
                "重疾險,競品,價格",
                "輕症賠付比例由 30% 提高到 45%，並增加特定疾病額外給付。",
            ),
            (
                "百萬醫療險續保條件比較",
                "眾安保險",
                "尊享e生",
                "年繳 300–1,500 元",
                "行業報告",
                "醫療險,續保",
                "多家公司推出保證續保 6 年的版本，客戶關注度上升。",
            ),
            (
                "年金險預定利率下調趨勢",
                "多家公司",
                "",
                "預定利率 2.5% → 2.0%",
                "監管通知",
                "年金險,趨勢",
                "預計下季起新產品預定利率下調，可提醒有儲蓄需求的客戶。",
            ),
        ):
            note = MarketNote(
                title=title,
                competitor=competitor,
                product_name=product,
                pricing=pricing,
                source=source,
                tags=tags,
                content=content,
                author=author,
            )
            note.full_clean()
            note.save()
        comparison = CompetitorComparison(
            title="重疾險：平安福 vs 友邦全佑至尊（30歲男性，50萬）",
            our_product=products["PA-CI01"],
            competitor="友邦人壽",
            competitor_product="友邦全佑至尊",
            sum_insured=D("500000"),
            our_premium=D("9200"),
            competitor_premium=D("9800"),
            strengths="保費較低；理賠服務網點多。",
            weaknesses="輕症賠付比例較低。",
            author=author,
        )
        comparison.full_clean()
        comparison.save()
