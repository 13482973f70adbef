"""Demo qualifications and careers: the industry qualifications, certificates of the demo
salespeople (one expiring within 30 days, one expired licence), rewards (one approved and
waiting for payroll, one paid), a development plan with its promotion path, and a job
rotation. A second run adds nothing."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from core import demo
from core.services import acting_as
from org.models import Employee, Team

from .. import services
from ..models import (
    Certificate,
    Course,
    DevelopmentPlan,
    JobRotation,
    QualificationKind,
    QualificationReward,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

KINDS = [
    # name, issuing body, validity (years), licence required, default reward
    ("保險代理人資格證", "保險監理機關", 3, True, "2000"),
    ("保險銷售從業人員執業登記", "保險業同業公會", 5, True, "1000"),
    ("投資型保險商品業務員資格", "保險業同業公會", 5, False, "3000"),
    ("理財規劃人員證照", "金融研訓院", None, False, "1500"),
]


def _employee(username):
    return Employee.objects.filter(user__username=username).select_related("user").first()


@demo.register
def seed_training_qualifications(context):
    hr = _employee("hr1")
    sales1, sales2, sales3 = (_employee(u) for u in ("sales1", "sales2", "sales3"))
    if hr is None or None in (sales1, sales2, sales3):
        return
    hr = hr.user
    kinds = {}
    for name, body, years, licence, reward in KINDS:
        kinds[name], _c = QualificationKind.objects.get_or_create(
            name=name,
            defaults={
                "issuing_body": body,
                "validity_years": years,
                "licence_required": licence,
                "default_reward": Decimal(reward),
            },
        )
    if Certificate.objects.filter(number__startswith="DEMO-").exists():
        return
    today = dt.date.today()
    month = today.replace(day=1)
    last_month = (month - dt.timedelta(days=1)).replace(day=1)
    agent, register, invest, planner = (kinds[k[0]] for k in KINDS)
    with acting_as(hr):

        def record(employee, kind, number, expires_on, **extra):
            issued = expires_on - dt.timedelta(days=365 * (kind.validity_years or 3))
            return services.certificate_record(
                actor=hr,
                employee=employee,
                kind=kind,
                number=number,
                issued_on=issued,
                exam_passed_on=issued - dt.timedelta(days=30),
                expires_on=expires_on if kind.validity_years else None,
                evidence=ContentFile(PDF, name=f"{number}.pdf"),
                **extra,
            )

        # one expiring within 30 days, one expired licence (sales3 is flagged)
        record(sales1, agent, "DEMO-A-0001", today + dt.timedelta(days=21))
        record(sales3, agent, "DEMO-A-0003", today - dt.timedelta(days=12))
        record(sales1, register, "DEMO-R-0001", today + dt.timedelta(days=900))
        # rewards: one approved and waiting for payroll, one paid last month
        waiting = record(sales2, invest, "DEMO-I-0002", today + dt.timedelta(days=1500))
        services.reward_decide(actor=hr, reward=waiting.reward, approve=True)
        paid = record(sales1, planner, "DEMO-P-0001", today + dt.timedelta(days=1000))
        services.reward_decide(actor=hr, reward=paid.reward, approve=True)
        reward = QualificationReward.objects.get(pk=paid.reward.pk)
        services.reward_mark_paid(actor=hr, reward=reward, month=last_month)
        # an employee's own certificate waiting for HR
        services.certificate_record(
            actor=sales2.user,
            employee=sales2,
            kind=register,
            number="DEMO-R-0002",
            issued_on=today - dt.timedelta(days=20),
            evidence=ContentFile(PDF, name="DEMO-R-0002.pdf"),
        )

        # sales1's development plan: senior salesperson, then supervisor
        plan, created = DevelopmentPlan.objects.get_or_create(
            employee=sales1,
            defaults={
                "direction": "團隊管理方向：帶領新人、負責團隊業績",
                "target_position": "supervisor",
                "target_title": "業務主任",
            },
        )
        if created:
            senior = plan.steps.create(order=1, title="資深業務員")
            services.requirement_add(actor=hr, step=senior, kind="tenure", months=36)
            services.requirement_add(actor=hr, step=senior, kind="certificate", qualification=agent)
            course = Course.objects.filter(active=True).order_by("code").first()
            if course is not None:
                services.requirement_add(actor=hr, step=senior, kind="course", course=course)
            lead = plan.steps.create(order=2, title="業務主任")
            services.requirement_add(actor=hr, step=lead, kind="tenure", months=72)
            services.requirement_add(actor=hr, step=lead, kind="certificate", qualification=invest)

        # the daily job's reminders for the certificates above (expiring, expired)
        services.certificate_expiry_reminders()

        # sales2 rotated to team B for three months
        team_b = Team.objects.filter(code="B").first()
        if team_b is not None and not JobRotation.objects.filter(employee=sales2).exists():
            JobRotation.objects.create(
                employee=sales2,
                from_team=sales2.team,
                from_position=sales2.position,
                to_team=team_b,
                to_position=sales2.position,
                starts_on=today - dt.timedelta(days=60),
                ends_on=today + dt.timedelta(days=30),
                purpose="熟悉另一團隊的轉介紹客戶經營方式",
            )
