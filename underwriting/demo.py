"""Demo underwriting: applications in every state, issued policies with premium history over
the past 18 months, delivered contracts, one cancellation in the cooling-off period.

Runs after the sales seeder: it uses the accepted proposals it finds and, where there are
not enough, takes customer files through the sales services itself (lead → needs analysis →
proposal → clerk review → customer acceptance). Deterministic through ``context["rng"]``;
a second run adds nothing."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core import demo
from core.services import saved_by
from customers.models import COMPLETENESS, Customer
from sales import services as sales_services
from sales.models import Insurer, NeedsAnalysis, Opportunity, Product, Proposal

from . import services
from .models import Application, Policy

REQUIRED_FOR_CUSTOMER = COMPLETENESS["individual"]["customer"][0]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

INSURERS = [
    ("DEMO-PA", "平安人壽（示範）", "Ping An Life (demo)"),
    ("DEMO-CL", "國壽人壽（示範）", "China Life (demo)"),
    ("DEMO-TP", "太平洋人壽（示範）", "CPIC Life (demo)"),
]
PRODUCTS = [
    ("CI20", "安康重疾險", "Well-Being Critical Illness", "critical_illness", "0.30"),
    ("LIFE", "終身壽險", "Whole Life", "life", "0.35"),
    ("MED", "百萬醫療險", "Million Medical", "medical", "0.20"),
    ("ACC", "綜合意外險", "Comprehensive Accident", "accident", "0.25"),
]

# Fewer accepted proposals than this from the sales demo: more are made here.
MIN_APPLICATIONS = 12


def _pdf(name):
    return ContentFile(PDF, name=name)


def _products(actor):
    products = list(Product.objects.filter(active=True).select_related("insurer"))
    usable = [p for p in products if p.max_age >= 60 and p.max_sum_insured >= Decimal("500000")]
    if usable:
        return usable
    for i, (code, name, name_en) in enumerate(INSURERS):
        insurer = Insurer.objects.filter(code=code).first() or Insurer(
            code=code, name=name, name_en=name_en
        )
        insurer.full_clean()
        saved_by(insurer, actor).save()
        for pcode, pname, pname_en, category, rate in PRODUCTS[i : i + 2] or PRODUCTS[:1]:
            product = Product(
                insurer=insurer,
                code=pcode,
                name=pname,
                name_en=pname_en,
                category=category,
                min_age=0,
                max_age=65,
                min_sum_insured=Decimal("10000"),
                max_sum_insured=Decimal("5000000"),
                commission_rate=Decimal(rate),
                payment_modes=["annual", "monthly"],
                term_options="20年, 終身",
                payment_periods="10年, 20年",
            )
            product.full_clean()
            saved_by(product, actor).save()
            usable.append(product)
    return usable


def _candidates():
    """Complete individual files (they may become customers) without open CI/life leads."""
    qs = Customer.objects.filter(
        kind="individual", archived=False, stage__in=["customer", "intending"]
    )
    result = []
    for customer in qs.select_related("team", "owner").order_by("pk"):
        if any(getattr(customer, name) in (None, "") for name in REQUIRED_FOR_CUSTOMER):
            continue
        if customer.team.clerks.exists():
            result.append(customer)
    return result


def _make_proposal(rng, customer, products):
    """Take ``customer`` from a new lead to an accepted proposal through the sales services."""
    owner = customer.owner
    clerk = customer.team.clerks.order_by("pk").first()
    product = rng.choice(products)
    need = {"critical_illness": "critical_illness", "life": "life", "medical": "medical"}.get(
        product.category, "accident"
    )
    if (
        Opportunity.objects.filter(customer=customer, need=need)
        .exclude(stage__in=["won", "lost"])
        .exists()
    ):
        return None
    opportunity = sales_services.opportunity_create(
        actor=owner,
        customer=customer,
        need=need,
        channel="referral",
        expected_premium=Decimal("12000"),
    )
    sales_services.needs_analysis_create(
        actor=owner,
        analysis=NeedsAnalysis(
            customer=customer,
            annual_income=Decimal(rng.choice([240000, 360000, 480000])),
            annual_expenses=Decimal("90000"),
            total_assets=Decimal("800000"),
            liquid_assets=Decimal("150000"),
            liabilities=Decimal("200000"),
            support_years=10,
            dependants=2,
        ),
    )
    for stage in ("contacted", "meeting", "needs_analysed"):
        opportunity = sales_services.opportunity_transition(
            opportunity=opportunity, to=stage, actor=owner
        )
    proposal = sales_services.proposal_create(actor=owner, opportunity=opportunity)
    sum_insured = Decimal(rng.choice([300000, 500000, 800000, 1200000]))
    premium = (sum_insured * Decimal("0.012")).quantize(Decimal("1"))
    sales_services.proposal_update(
        actor=owner,
        proposal=proposal,
        lines=[
            {
                "product": product,
                "sum_insured": sum_insured,
                "annual_premium": premium,
                "term": rng.choice(["20年", "終身"]),
                "payment_period": rng.choice(["10年", "20年"]),
                "frequency": rng.choice(["annual", "annual", "monthly"]),
            }
        ],
    )
    sales_services.proposal_submit(actor=owner, proposal=proposal)
    sales_services.proposal_review(
        actor=clerk, proposal=proposal, approve=True, compliant=True, reasonable=True, feasible=True
    )
    return sales_services.proposal_decide(actor=owner, proposal=proposal, accepted=True)


def _upload_all(application, salesperson, clerk, *, check=True, reject=None):
    for item in services.application_checklist(application):
        doc = services.document_upload(
            actor=salesperson,
            application=application,
            kind=item.kind,
            file=_pdf(f"{item.kind}.pdf"),
        )
        if not check:
            continue
        if reject == item.kind:
            services.document_check(
                actor=clerk, document=doc, accept=False, reason="簽名不全，請客戶補簽"
            )
        else:
            services.document_check(
                actor=clerk, document=doc, accept=True, authentic=True, complete=True, accurate=True
            )


def _check_all(application, clerk):
    for doc in application.documents.filter(checked_at__isnull=True):
        services.document_check(
            actor=clerk, document=doc, accept=True, authentic=True, complete=True, accurate=True
        )


def _outcome(rng, i):
    """How the insurer ends an application (by its place in the demo's order, so every
    outcome is there): mostly accepted, some with conditions, a few declined, postponed or
    withdrawn by the customer."""
    for every, outcome in (
        (23, "declined"),
        (17, "postponed"),
        (19, "withdrawn"),
        (9, "issued_conditions"),
    ):
        if i % every == every - 1:
            return outcome
    return "issued"


class _Steps:
    """The application's days, one after the other; ``due(day)`` is False once a day is
    after today (the application stays where it is)."""

    def __init__(self, rng, workdays, today):
        self.rng, self.workdays, self.today = rng, workdays, today

    def after(self, day, low, high):
        return self.workdays.add(day, self.rng.randint(low, high))

    def due(self, day):
        return day <= self.today

    def clock(self, day, hour=None):
        hour = self.rng.randint(9, 17) if hour is None else hour
        return demo.clock(demo.at(day, hour, self.rng.choice([0, 15, 30, 45])))


def _issue(steps, application, line, n, issued, clerk):
    """The policy of one application line, issued on ``issued``, and its premiums paid as
    they fell due (now and then the latest one not yet: the overdue badges)."""
    rng, today = steps.rng, steps.today
    defaults = services.policy_defaults(line)
    try:
        with transaction.atomic(), steps.clock(issued, 15):
            policy = services.policy_issue(
                actor=clerk,
                line=line,
                policy_number=f"{application.insurer.code}-{issued:%y%m}{application.pk:05d}"
                + (f"-{n + 1}" if n else ""),
                effective_date=issued,
                payment_years=defaults["payment_years"] or 10,
                term_years=defaults["term_years"],
                frequency=defaults["frequency"],
                first_premium_paid_on=issued,
                issued_on=issued,
            )
    except ValidationError:
        return None
    for premium in policy.premiums.filter(paid_on__isnull=True, due_date__lte=today).order_by(
        "due_date"
    ):
        if premium.due_date > today - dt.timedelta(days=20) and rng.random() < 0.3:
            break
        paid = min(today, steps.workdays.add(premium.due_date, rng.randint(0, 4)))
        with steps.clock(paid, 11):
            services.premium_record_payment(actor=clerk, premium=premium, paid_on=paid)
    return policy


def _run(steps, i, application, base):
    """Take ``application`` (created on ``base``) through the insurer's process at the pace
    of a working office: papers, submission, perhaps a request for more information, the
    decision, the policy and its premiums, the delivery."""
    rng = steps.rng
    customer = application.customer
    salesperson, clerk = customer.owner, customer.team.clerks.order_by("pk").first()
    outcome = _outcome(rng, i)
    uploaded = steps.after(base, 0, 2)
    if not steps.due(uploaded):
        return
    with steps.clock(base, 10):
        services.application_set_beneficiaries(
            actor=clerk,
            application=application,
            beneficiaries=[{"name": customer.name[0] + "小明", "relation": "child", "share": 100}],
        )
    reject = "application_form" if rng.random() < 0.12 else None
    with steps.clock(uploaded, 14):
        _upload_all(application, salesperson, clerk, check=False)
    checked = steps.after(uploaded, 1, 2)
    if not steps.due(checked):
        return
    with steps.clock(checked, 10):
        if reject:
            doc = application.documents.get(kind=reject)
            services.document_check(
                actor=clerk, document=doc, accept=False, reason="簽名不全，請客戶補簽"
            )
    if reject:
        checked = steps.after(checked, 1, 3)
        if not steps.due(checked):
            return
        with steps.clock(checked, 11):
            services.document_upload(
                actor=salesperson, application=application, kind=reject, file=_pdf("form.pdf")
            )
    with steps.clock(checked, 16):
        _check_all(application, clerk)
    submitted = steps.after(checked, 1, 2)
    if not steps.due(submitted):
        return
    with steps.clock(submitted, 10):
        services.application_submit(
            actor=clerk,
            application=application,
            submitted_on=submitted,
            channel=rng.choice(["portal", "email", "courier"]),
            insurer_reference=f"UW{application.pk:05d}",
        )
        services.communication_add(
            actor=clerk,
            application=application,
            party="insurer",
            channel="phone",
            person="核保部 陳先生",
            content="已收件，核保中。",
            when=demo.at(submitted, 10, 30),
            next_follow_up=submitted + dt.timedelta(days=7),
        )
    # the insurer's answer: usually within two weeks, sometimes late (overdue on the list)
    slow = rng.random() < 0.15
    decided = steps.after(submitted, 25, 35) if slow else steps.after(submitted, 4, 10)
    if rng.random() < 0.2:
        asked = steps.after(submitted, 2, 4)
        if not steps.due(asked):
            return
        with steps.clock(asked, 11):
            services.application_request_info(
                actor=clerk,
                application=application,
                what="請補充近一年體檢報告",
                due_date=asked + dt.timedelta(days=7),
                requested_on=asked,
            )
        supplied = steps.after(asked, 2, 5)
        if not steps.due(supplied):
            return
        with steps.clock(supplied, 15):
            services.application_supply_info(
                actor=clerk, application=application, note="已寄送體檢報告", supplied_on=supplied
            )
        decided = max(decided, steps.after(supplied, 3, 6))
    if not steps.due(decided):
        return
    with steps.clock(decided, 11):
        if outcome == "postponed":
            services.application_decide(
                actor=clerk,
                application=application,
                decision="postponed",
                decided_on=decided,
                note="血壓偏高，半年後再評估",
                postponed_until=decided + dt.timedelta(days=180),
            )
            return
        if outcome == "declined":
            services.application_decide(
                actor=clerk,
                application=application,
                decision="declined",
                decided_on=decided,
                note="既往病史不符承保條件",
            )
            return
        if outcome == "withdrawn":
            services.application_withdraw(
                actor=clerk, application=application, reason="客戶決定暫緩投保"
            )
            return
        if outcome == "issued_conditions":
            services.application_decide(
                actor=clerk,
                application=application,
                decision="accepted_conditions",
                decided_on=decided,
                extra_premium=Decimal("800"),
                exclusion="甲狀腺疾病除外",
            )
        else:
            services.application_decide(
                actor=clerk, application=application, decision="accepted", decided_on=decided
            )
    issued = steps.after(decided, 1, 3)
    if not steps.due(issued):
        return
    for n, line in enumerate(application.lines.order_by("pk")):
        policy = _issue(steps, application, line, n, issued, clerk)
        if policy is None:
            return  # the file cannot become a customer's yet: the application stays accepted
    delivered = steps.after(issued, 3, 8)
    if rng.random() < 0.1 or not steps.due(delivered):
        return  # not delivered yet
    for policy in application.policies.order_by("pk"):
        with steps.clock(delivered, 14):
            services.policy_deliver(
                actor=clerk,
                policy=policy,
                delivered_on=delivered,
                method=rng.choice(["in_person", "courier", "electronic"]),
                receipt_signed_on=delivered,
                receipt=_pdf("receipt.pdf"),
                explained_coverage=True,
                explained_exclusions=True,
                explained_claims=True,
                explained_cooling_off=True,
            )


def _cancel_one(today):
    """One customer changes their mind in the cooling-off period: the latest delivered
    policy still in it is cancelled today."""
    policy = (
        Policy.objects.filter(
            status=Policy.Status.IN_FORCE, delivered_on__isnull=False, cooling_off_ends__gte=today
        )
        .select_related("customer__team")
        .order_by("-delivered_on", "-pk")
        .first()
    )
    clerk = policy and policy.customer.team.clerks.order_by("pk").first()
    if clerk is None:
        return
    services.policy_cancel_cooling_off(
        actor=clerk,
        policy=policy,
        cancelled_on=today,
        refund_amount=policy.installment - Decimal("10"),
        reason="客戶於猶豫期內撤回",
    )


@demo.register
def seed_underwriting(context):
    if Application.objects.exists():
        return
    from org.demo import Workdays

    rng = context["rng"]
    admin = context.get("admin")
    services.ensure_default_checklist(actor=admin)
    products = _products(admin)
    today = timezone.localdate()
    proposals = list(
        Proposal.objects.filter(status="accepted", applications__isnull=True)
        .select_related("opportunity__customer")
        .order_by("decided_at", "pk")
    )
    candidates = [
        c for c in _candidates() if not c.opportunities.filter(proposals__in=proposals).exists()
    ]
    rng.shuffle(candidates)
    while len(proposals) < MIN_APPLICATIONS and candidates:
        customer = candidates.pop()
        try:
            with transaction.atomic():
                proposal = _make_proposal(rng, customer, products)
        except ValidationError:
            continue
        if proposal is not None:
            proposals.append(proposal)
    steps = _Steps(
        rng, Workdays(demo.month_start(today, 48), today + dt.timedelta(days=400)), today
    )
    made = 0
    for i, proposal in enumerate(proposals):
        customer = proposal.opportunity.customer
        clerk = customer.team.clerks.order_by("pk").first()
        if clerk is None:
            continue
        accepted = timezone.localdate(proposal.decided_at or timezone.now())
        base = steps.after(accepted, 1, 3)
        if base > today:
            continue  # accepted today: the clerk prepares the application tomorrow
        with transaction.atomic(), steps.clock(base, 9):
            created = services.application_create_from_proposal(
                actor=clerk,
                proposal=proposal,
                bank_name="工商銀行",
                bank_account=f"62220202{rng.randint(10**10, 10**11 - 1)}",
            )
        for application in created:
            with transaction.atomic():
                _run(steps, i, application, base)
            made += 1
    with transaction.atomic():
        _cancel_one(today)
    if context.get("stdout"):
        context["stdout"].write(f"underwriting: {made} applications")
