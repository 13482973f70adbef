"""Demo sales data: insurers and products, campaigns, opportunities in every stage, visits
over the last months, needs analyses, proposals in every review state, targets, team work and
market research. Deterministic (context["rng"]) and idempotent."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import demo
from core.services import acting_as
from customers.models import Customer
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
    now = timezone.now()
    today = timezone.localdate()

    campaigns = []
    for name, channel, team, months_ago, budget in (
        ("春季重疾保障講座", "social_event", "A", 3, 30000),
        ("線上家庭保障測評", "online", None, 2, 50000),
        ("老客戶轉介紹計劃", "referral", "B", 1, 10000),
    ):
        start = (today - dt.timedelta(days=30 * months_ago)).replace(day=1)
        owner = sup["A"] if team != "B" else sup["B"]
        campaigns.append(
            Campaign.objects.create(
                name=name,
                channel=channel,
                team=teams.get(team) if team else None,
                start_date=start,
                end_date=start + dt.timedelta(days=45),
                budget=D(budget),
                owner=owner,
                description="",
            )
        )

    customers = list(
        Customer.objects.filter(
            owner__username__in=["sales1", "sales2", "sales3", "sales4"],
            archived=False,
            kind="individual",
            birth_date__isnull=False,
        ).order_by("pk")[:90]
    )
    customers = [c for c in customers if 22 <= _age(c) <= 50]
    for i, customer in enumerate(customers[:56]):
        owner = customer.owner
        team_code = customer.team.code
        stage = STAGES[i % len(STAGES)]
        need = ["critical_illness", "life", "medical", "education"][i % 4]
        if need == "education" and _age(customer) < 28:
            need = "accident"
        with acting_as(owner):
            opp = services.opportunity_create(
                actor=owner,
                customer=customer,
                need=need,
                channel=rng.choice(
                    ["telemarketing", "online", "social_event", "referral", "walk_in"]
                ),
                campaign=campaigns[i % 3] if i % 2 == 0 else None,
                expected_premium=D(rng.randrange(30, 300) * 100),
                next_action=rng.choice(NEXT_ACTIONS),
                next_action_date=today + dt.timedelta(days=rng.randint(-5, 14)),
            )
        path = services.PIPELINE[: services.PIPELINE.index(stage) + 1] if stage != "lost" else []
        # visits over the last months
        for v in range(rng.randint(1, 4)):
            when = now - dt.timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 6))
            services.visit_save(
                actor=owner,
                visit=Visit(
                    customer=customer,
                    opportunity=opp,
                    kind=rng.choice(["phone", "phone", "face_to_face", "online", "event"]),
                    status="done",
                    starts_at=when,
                    duration_minutes=rng.choice([10, 20, 30, 45, 60, 90]),
                    purpose=rng.choice(["需求了解", "方案說明", "保單檢視", "初次聯絡"]),
                    outcome=rng.choice(OUTCOMES),
                    next_step=rng.choice(NEXT_ACTIONS),
                    participants="客戶本人" if v % 2 else "客戶及配偶",
                ),
            )
        if i % 3 == 0:
            services.visit_save(
                actor=owner,
                visit=Visit(
                    customer=customer,
                    opportunity=opp,
                    kind="face_to_face",
                    status="planned",
                    starts_at=now.replace(minute=0, second=0, microsecond=0)
                    + dt.timedelta(days=i % 7, hours=1 + i % 5),
                    duration_minutes=60,
                    location="客戶辦公室",
                    purpose="方案說明",
                ),
            )
        if stage == "lost":
            services.opportunity_transition(opportunity=opp, to="contacted", actor=owner)
            services.opportunity_transition(
                opportunity=opp, to="lost", actor=owner, reason="客戶已在他處投保"
            )
            continue
        for step in path[1:]:
            if step == "needs_analysed":
                income = D(rng.randrange(12, 60) * 10000)
                services.needs_analysis_create(
                    actor=owner,
                    analysis=NeedsAnalysis(
                        customer=customer,
                        analysed_on=today - dt.timedelta(days=rng.randint(3, 60)),
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
            if step == "proposal":
                state = (
                    PROPOSAL_STATES[(i // 8) % len(PROPOSAL_STATES)]
                    if stage == "proposal"
                    else "draft"
                )
                _proposal(opp, owner, clerks[team_code], products, state)
                opp.refresh_from_db()
                continue
            if step in ("application", "won") and opp.stage == step:
                continue
            if step == "application":
                proposal = opp.proposals.order_by("-version").first()
                if proposal.status != "accepted":
                    _accept(proposal, owner, clerks[team_code])
                opp.refresh_from_db()
                continue
            try:
                services.opportunity_transition(opportunity=opp, to=step, actor=owner)
            except ValidationError:
                break  # a precondition the demo data does not meet: leave it where it is
            opp.refresh_from_db()

    _teamwork(teams, sup, users, today, rng)
    _research(users, products)


def _proposal(opp, owner, clerk, products, state):
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
    if state == "draft":
        return proposal
    services.proposal_submit(actor=owner, proposal=proposal)
    if state == "submitted":
        return proposal
    approve = state in ("approved", "accepted", "rejected")
    checks_ok = all(c.passed for c in services.proposal_checklist(proposal))
    if approve and checks_ok:
        services.proposal_review(
            actor=clerk,
            proposal=proposal,
            approve=True,
            compliant=True,
            reasonable=True,
            feasible=True,
            comment="保額與保費在預算內，符合客戶需求。",
        )
    else:
        services.proposal_review(
            actor=clerk,
            proposal=proposal,
            approve=False,
            comment="保費佔收入比例偏高，請調整保額或繳費期。",
        )
        if state == "revised":
            new = services.proposal_revise(actor=owner, proposal=proposal, reason="調低保額")
            return new
        return proposal
    if state == "accepted":
        services.proposal_decide(actor=owner, proposal=proposal, accepted=True)
    elif state == "rejected":
        services.proposal_decide(actor=owner, proposal=proposal, accepted=False, note="客戶暫緩")
    return proposal


def _accept(proposal, owner, clerk):
    """Take a proposal through review and acceptance so the opportunity reaches application."""
    if proposal.status in ("draft", "returned"):
        if proposal.status == "returned":
            proposal = services.proposal_revise(actor=owner, proposal=proposal)
        services.proposal_submit(actor=owner, proposal=proposal)
        proposal.refresh_from_db()
    if proposal.status == "submitted":
        if not all(c.passed for c in services.proposal_checklist(proposal)):
            return
        services.proposal_review(
            actor=clerk,
            proposal=proposal,
            approve=True,
            compliant=True,
            reasonable=True,
            feasible=True,
            comment="審核通過。",
        )
        proposal.refresh_from_db()
    if proposal.status == "approved":
        services.proposal_decide(actor=owner, proposal=proposal, accepted=True)


def _teamwork(teams, sup, users, today, rng):
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    members = {"A": ["sales1", "sales2"], "B": ["sales3", "sales4"]}
    for code, team in teams.items():
        supervisor = sup.get(code)
        if supervisor is None:
            continue
        for month in (last_month, this_month):
            services.target_set(
                actor=supervisor,
                team=team,
                month=month,
                premium=D("600000"),
                new_policies=30,
                visits=160,
            )
            for username in members.get(code, []):
                if username in users:
                    services.target_set(
                        actor=supervisor,
                        team=team,
                        user=users[username],
                        month=month,
                        premium=D(rng.choice([200000, 250000, 300000])),
                        new_policies=rng.choice([10, 12, 15]),
                        visits=rng.choice([60, 80]),
                    )
        with acting_as(supervisor):
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
        meeting = services.meeting_save(
            actor=supervisor,
            meeting=TeamMeeting(
                team=team,
                date=today - dt.timedelta(days=3),
                agenda="1. 上月業績回顧\n2. 本月目標分解\n3. 重點客戶跟進",
                minutes="上月完成目標 86%，重疾險件數增長明顯；需加強醫療險附加銷售。",
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
