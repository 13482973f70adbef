"""Demo after-sales: follow-ups done and due (with a task and a complaint from opinions, an
unreached retry and an escalation), claims in every state, complaints open and closed,
service requests, and the renewal worklist filled by the daily job for the coming weeks.

Runs after the underwriting seeder (the delivered policies already have their follow-ups,
scheduled by the delivery). Deterministic through ``context["rng"]``; a second run adds
nothing."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core import demo
from core.demo import at, clock
from underwriting.models import Policy, PremiumRecord

from . import services
from .models import Claim, Complaint, FollowUp, Renewal

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OPINIONS = [
    ("", ""),
    ("服務很周到，說明清楚", ""),
    ("希望每年提醒一次保單檢視", "年度保單檢視"),
    ("不太清楚醫療險的免賠額", "請業務員再說明一次免賠額"),
    ("業務員承諾的分紅與合約不一致", ""),
]
CLAIM_PLAN = [
    "reported",
    "collecting",
    "submitted",
    "info_requested",
    "approved",
    "partly_approved",
    "declined",
    "paid",
    "closed",
    "disputed",
]
CLAIM_TYPES = {
    "critical_illness": "critical_illness",
    "medical": "medical",
    "life": "medical",
    "accident": "accident",
}


def _pdf(name="scan.pdf"):
    return ContentFile(PDF, name=name)


def _clerk(customer):
    return services.clerk_for(customer)


def _reach(follow_up, clerk, rng, when, *, score=None, opinion=None, action="none"):
    opinions, requests = opinion if opinion is not None else rng.choice(OPINIONS[:3])
    with clock(when):
        return _record_reached(follow_up, clerk, rng, when, score, opinions, requests, action)


def _record_reached(follow_up, clerk, rng, when, score, opinions, requests, action):
    return services.follow_up_record_attempt(
        actor=clerk,
        follow_up=follow_up,
        reached=True,
        when=when,
        channel="phone",
        signed_in_person=True,
        understands_coverage=True,
        understands_exclusions=rng.random() < 0.9,
        understands_cooling_off=True,
        satisfaction=score or rng.choice([4, 5, 5, 4, 3]),
        opinions=opinions,
        requests=requests,
        action=action,
        task_due_date=timezone.localdate(when) + dt.timedelta(days=5),
        complaint_category=Complaint.Category.SALES,
        complaint_severity=Complaint.Severity.HIGH,
    )


def _aware(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 15)))


FOLLOW_UP_PLAN = ["done", "task", "escalated", "complaint", "overdue", "done", "retry", "done"]


def _follow_ups(rng, today, policies):
    """Past follow-ups mostly done (an opinion turned into a task, another into a
    complaint), one escalated after three unreached calls, one left overdue, one waiting
    for a retry; and ad hoc follow-ups due in the coming days."""
    open_ = FollowUp.objects.filter(status=FollowUp.Status.SCHEDULED).select_related(
        "customer__team", "policy"
    )
    for i, follow_up in enumerate(open_.order_by("due_date", "pk")):
        clerk = follow_up.assigned_to or _clerk(follow_up.customer)
        if clerk is None or follow_up.due_date >= today:
            continue
        plan = FOLLOW_UP_PLAN[i % len(FOLLOW_UP_PLAN)]
        day = max(
            follow_up.due_date - dt.timedelta(days=rng.randint(0, 3)), follow_up.created.date()
        )
        day = min(day, today)
        with transaction.atomic(), clock(_aware(day, 9)):
            if plan == "escalated":
                for n in range(3):
                    when = _aware(min(today, day + dt.timedelta(days=2 * n)), 9 + n)
                    with clock(when):
                        services.follow_up_record_attempt(
                            actor=clerk,
                            follow_up=follow_up,
                            reached=False,
                            note="電話無人接聽",
                            when=when,
                        )
            elif plan == "retry":
                services.follow_up_record_attempt(
                    actor=clerk,
                    follow_up=follow_up,
                    reached=False,
                    note="無人接聽",
                    when=_aware(today, 9),
                )
            elif plan == "task":
                _reach(
                    follow_up, clerk, rng, _aware(day), score=2, opinion=OPINIONS[3], action="task"
                )
            elif plan == "complaint":
                _reach(
                    follow_up,
                    clerk,
                    rng,
                    _aware(day),
                    score=1,
                    opinion=OPINIONS[4],
                    action="complaint",
                )
            elif plan == "done":
                _reach(follow_up, clerk, rng, _aware(day))
            # "overdue": left as it is, flagged by the daily job
    for offset, policy in zip((0, 0, 2, 5, 9, -2), policies, strict=False):
        clerk = _clerk(policy.customer)
        if clerk is None:
            continue
        services.follow_up_create(
            actor=clerk,
            policy=policy,
            due_date=today + dt.timedelta(days=offset),
            notes="回訪確認保障需求是否有變化",
        )


# How long ago a claim in each state was reported (days): settled claims over the past
# year and a half, open ones recent.
CLAIM_AGE = {
    "reported": (2, 6),
    "collecting": (4, 12),
    "submitted": (10, 25),
    "info_requested": (15, 35),
}
# Older claims, settled, so every month has its claims and payments.
SETTLED_PLAN = ["closed", "paid", "closed", "declined", "closed", "paid", "closed", "closed"] * 2


def _claim_to(rng, claim, clerk, state, today, days):
    """Take ``claim`` to ``state``, each phase on the next of ``days``."""
    S = Claim.Status
    if state == "reported":
        return
    days = iter(days)
    with clock(at(next(days), 10)):
        for item in services.claim_checklist(claim):
            if state == "collecting" and item.kind in ("medical_records", "invoices", "diagnosis"):
                continue
            doc = services.claim_document_upload(
                actor=clerk, claim=claim, kind=item.kind, file=_pdf(f"{item.kind}.pdf")
            )
            if state != "collecting" or rng.random() < 0.5:
                services.claim_document_check(
                    actor=clerk,
                    document=doc,
                    accept=True,
                    authentic=True,
                    complete=True,
                    accurate=True,
                )
        claim = Claim.objects.get(pk=claim.pk)
        if claim.status == S.REPORTED:
            claim = services.claim_start_collecting(actor=clerk, claim=claim)
    if state == "collecting":
        return
    with clock(at(next(days), 11)):
        claim = services.claim_submit(
            actor=clerk, claim=claim, insurer_reference=f"LP{claim.pk:06d}"
        )
    if state == "submitted":
        return
    with clock(at(next(days), 14)):
        if state == "info_requested":
            services.claim_request_info(
                actor=clerk,
                claim=claim,
                what="住院病歷及出院小結",
                due_date=timezone.localdate() + dt.timedelta(days=7),
            )
            return
        if state in ("approved", "paid", "closed"):
            claim = services.claim_decide(actor=clerk, claim=claim, decision=S.APPROVED)
        elif state == "partly_approved":
            claim = services.claim_decide(
                actor=clerk,
                claim=claim,
                decision=S.PARTLY_APPROVED,
                amount_approved=(claim.amount_claimed * Decimal("0.6")).quantize(Decimal("1")),
                note="部分費用屬自費項目",
            )
        else:  # declined, disputed
            claim = services.claim_decide(
                actor=clerk, claim=claim, decision=S.DECLINED, note="屬等待期內出險"
            )
    if state in ("paid", "closed"):
        with clock(at(next(days), 15)):
            claim = services.claim_pay(actor=clerk, claim=claim, amount_paid=claim.amount_approved)
    with clock(at(next(days), 16)):
        if state == "closed":
            services.claim_close(actor=clerk, claim=claim)
        if state == "disputed":
            services.claim_dispute(
                actor=clerk, claim=claim, reason="客戶認為已過等待期，不認同拒賠"
            )


def _spread(start, end, n):
    """``n`` dates from after ``start`` to ``end``, in order, evenly apart."""
    span = max((end - start).days, n)
    return [min(end, start + dt.timedelta(days=span * (k + 1) // (n + 1))) for k in range(n)] + [
        end
    ]


def _claims(rng, today, policies):
    made = 0
    plan = CLAIM_PLAN + SETTLED_PLAN
    for i, state in enumerate(plan):
        policy = policies[i % len(policies)]
        clerk = _clerk(policy.customer)
        if clerk is None:
            continue
        claim_type = CLAIM_TYPES.get(policy.product.category, "medical")
        low, high = CLAIM_AGE.get(state, (40, 520) if i >= len(CLAIM_PLAN) else (30, 90))
        lived = (today - policy.effective_date).days
        age = min(rng.randint(low, high), max(lived - 3, 2))
        reported = today - dt.timedelta(days=age)
        incident = max(policy.effective_date, reported - dt.timedelta(days=rng.randint(1, 4)))
        try:
            with transaction.atomic(), clock(at(reported, 9)):
                claim = services.claim_report(
                    actor=clerk,
                    policy=policy,
                    claim_type=claim_type,
                    incident_date=incident,
                    reported_on=reported,
                    description=rng.choice(
                        ["住院治療肺炎", "確診甲狀腺癌", "騎車跌倒骨折", "急性闌尾炎手術"]
                    ),
                    amount_claimed=Decimal(rng.choice([8000, 25000, 60000, 150000])),
                )
            with transaction.atomic():
                _claim_to(rng, claim, clerk, state, today, _spread(reported, today, 4))
                made += 1
        except ValidationError:
            continue
    return made


def _complaints(rng, today, policies):
    plans = [
        ("open", "high", 4, "理賠進度太慢，無人回覆"),
        ("acknowledged", "medium", 1, "續期保費扣款日期未通知"),
        ("in_progress", "critical", 6, "業務員誤導產品收益"),
        ("closed", "low", 20, "保單寄送延誤"),
        ("closed", "medium", 30, "客服電話等待太久"),
        ("closed", "low", 95, "續期扣款金額與通知不符"),
        ("closed", "medium", 180, "保全變更辦理時間過長"),
        ("closed", "high", 320, "理賠所需資料說明不清"),
    ]
    for (state, severity, days_ago, subject), policy in zip(plans, policies, strict=False):
        customer = policy.customer
        supervisor = customer.team.supervisor
        logger = customer.owner
        received = max(
            today - dt.timedelta(days=days_ago), policy.delivered_on or policy.effective_date
        )
        days = iter(_spread(received, today, 4))
        with transaction.atomic(), clock(at(received, 10)):
            complaint = services.complaint_log(
                actor=logger,
                customer=customer,
                policy=policy,
                channel=rng.choice(["phone", "email", "in_person"]),
                category="claim" if "理賠" in subject else "service",
                severity=severity,
                subject=subject,
                description=f"客戶反映：{subject}。",
                received_on=received,
            )
        if supervisor is None or state == "open":
            continue
        with transaction.atomic():
            with clock(at(next(days), 11)):
                services.complaint_acknowledge(
                    actor=supervisor, complaint=complaint, note="已致電客戶致歉"
                )
            if state == "acknowledged":
                continue
            with clock(at(next(days), 14)):
                services.complaint_start(actor=supervisor, complaint=complaint)
                services.complaint_add_action(
                    actor=supervisor, complaint=complaint, action="與保險公司及業務員了解情況"
                )
            if state == "in_progress":
                continue
            with clock(at(next(days), 15)):
                services.complaint_resolve(
                    actor=supervisor, complaint=complaint, resolution="已說明原因並改善流程"
                )
            with clock(at(next(days), 16)):
                services.complaint_close(
                    actor=supervisor, complaint=complaint, satisfaction=rng.choice([3, 4, 5])
                )


def _service_requests(rng, policies):
    for i, policy in enumerate(policies[:4]):
        clerk = _clerk(policy.customer)
        if clerk is None:
            continue
        try:
            with transaction.atomic():
                if i == 0:
                    request = services.service_request_create(
                        actor=clerk,
                        policy=policy,
                        kind="address",
                        after={"province": "上海市", "city": "上海市", "street": "世紀大道88號"},
                    )
                    services.service_request_submit(actor=clerk, request=request)
                    services.service_request_complete(actor=clerk, request=request)
                elif i == 1:
                    request = services.service_request_create(
                        actor=clerk,
                        policy=policy,
                        kind="bank_account",
                        after={"bank_name": "招商銀行", "bank_account": "6225881234567890"},
                    )
                elif i == 2:
                    request = services.service_request_create(
                        actor=clerk,
                        policy=policy,
                        kind="beneficiary",
                        after={"beneficiaries": "王芳 配偶 70\n王小寶 子女 30"},
                    )
                    services.service_request_document_upload(
                        actor=clerk, request=request, file=_pdf(), description="受益人變更申請書"
                    )
                    services.service_request_submit(actor=clerk, request=request)
                else:
                    request = services.service_request_create(
                        actor=clerk, policy=policy, kind="reissue", after={"reason": "搬家遺失"}
                    )
                    services.service_request_document_upload(
                        actor=clerk, request=request, file=_pdf(), description="保單遺失聲明書"
                    )
        except ValidationError:
            continue


def _renewals(rng, today):
    services.renewals_send_reminders(today=today)
    # premiums already past due without payment: some in grace, one lapse
    overdue = (
        PremiumRecord.objects.filter(
            paid_on__isnull=True,
            refunded=False,
            due_date__lt=today,
            policy__status=Policy.Status.IN_FORCE,
        )
        .select_related("policy__customer")
        .order_by("due_date")
    )
    for i, premium in enumerate(overdue[:4]):
        policy = premium.policy
        renewal = services._renewal_for(
            policy=policy,
            kind=Renewal.Kind.PREMIUM,
            due_date=premium.due_date,
            premium=premium,
            amount=premium.amount,
        )
        clerk = _clerk(policy.customer)
        if clerk is None or renewal.outcome != Renewal.Outcome.PENDING:
            continue
        with transaction.atomic():
            if i == 0:
                services.renewal_record_outcome(actor=clerk, renewal=renewal, outcome="paid")
            elif i == 1:
                services.renewal_record_outcome(
                    actor=clerk, renewal=renewal, outcome="grace", reason="客戶表示月底前繳費"
                )
            # the others stay pending and show as overdue on the worklist


@demo.register
def seed_aftersales(context):
    if Claim.objects.exists():
        return
    rng = context["rng"]
    today = timezone.localdate()
    services.ensure_default_claim_checklist(actor=context.get("admin"))
    policies = list(
        Policy.objects.filter(status=Policy.Status.IN_FORCE, delivered_on__isnull=False)
        .select_related("customer__team", "product", "insurer")
        .order_by("pk")
    )
    rng.shuffle(policies)
    if not policies:
        return
    _follow_ups(rng, today, policies)
    services.follow_ups_chase(today=today)  # coming yearly reviews, overdue flags
    n = len(policies)
    claims = _claims(rng, today, [policies[i % n] for i in range(len(CLAIM_PLAN))])
    _complaints(rng, today, [policies[(i + 3) % n] for i in range(8)])
    _service_requests(rng, [policies[(i + 6) % n] for i in range(4)])
    _renewals(rng, today)
    if context.get("stdout"):
        context["stdout"].write(
            f"aftersales: {FollowUp.objects.count()} follow-ups, {claims} claims, "
            f"{Complaint.objects.count()} complaints, {Renewal.objects.count()} renewals"
        )
