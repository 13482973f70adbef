"""Demo training: a catalogue of twelve courses (products, confidentiality and the rest),
the mandatory rules (product knowledge within 30 days of hire for salespeople,
confidentiality every year for everyone), past sessions with their results, an upcoming
session open for sign-up, external courses (one confirmed, one waiting for approval) and a
training plan. Idempotent: a second run adds nothing."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from core import demo
from core.roles import Role
from core.services import acting_as

from .. import services
from ..models import Course, Enrolment, Session, TrainingPlan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# code, title, content, delivery, duration, credit hours
COURSES = [
    ("BAS-101", "保險原理與基本概念", "insurance_basics", "internal", "6", "6"),
    ("BAS-102", "保險契約條款解讀", "insurance_basics", "internal", "4", "4"),
    ("BAS-201", "保險法規與合規銷售", "insurance_basics", "external", "8", "8"),
    ("PRD-101", "公司主力產品培訓", "products", "internal", "4", "4"),
    ("PRD-102", "醫療險產品深入解析", "products", "internal", "3", "3"),
    ("SKL-101", "電話銷售技巧", "sales_skills", "internal", "6", "6"),
    ("SKL-201", "需求分析與異議處理", "sales_skills", "internal", "4", "4"),
    ("SRV-101", "客戶服務與投訴處理", "customer_service", "internal", "3", "3"),
    ("IND-101", "保險業發展趨勢", "industry", "external", "3", "3"),
    ("CUL-101", "企業文化與價值觀", "culture", "internal", "2", "2"),
    ("CNF-101", "客戶資料保密與資訊安全", "confidentiality", "internal", "2", "2"),
    ("ONL-101", "線上：保險基礎知識自學", "insurance_basics", "online", "2", "2"),
]
EVERYONE = [Role.CLERK, Role.SALESPERSON, Role.SUPERVISOR, Role.HR, Role.MANAGER, Role.COMPLIANCE]


def _employee(username):
    Employee = apps.get_model("org", "Employee")
    return Employee.objects.select_related("user", "team").get(user__username=username)


@demo.register
def seed_training_sessions(context):
    hr = _employee("hr1").user
    if Course.objects.filter(code="PRD-101").exists():
        return
    Product = apps.get_model("sales", "Product")
    products = list(Product.objects.filter(active=True).order_by("pk")[:2])
    now = timezone.now()
    today = timezone.localdate()
    with acting_as(hr):
        courses = {}
        for i, (code, title, content, delivery, duration, credit) in enumerate(COURSES):
            product = None
            if content == "products" and products:
                product = products[i % len(products)]
            course = Course(
                code=code,
                title=title,
                content_type=content,
                delivery=delivery,
                product=product,
                duration_hours=Decimal(duration),
                credit_hours=Decimal(credit),
                description=f"{title}：課程說明與學習目標。",
            )
            course.full_clean()
            course.save()
            courses[code] = course
        services.mandatory_rule_set(
            actor=hr, course=courses["PRD-101"], position=Role.SALESPERSON, within_days_of_hire=30
        )
        for role in EVERYONE:
            services.mandatory_rule_set(
                actor=hr,
                course=courses["CNF-101"],
                position=role,
                within_days_of_hire=30,
                refresh_months=12,
            )
        sup1 = _employee("sup1")
        sales = [_employee(u) for u in ("sales1", "sales2", "sales3", "sales4")]
        clerks = [_employee(u) for u in ("clerk1", "clerk2")]
        # Past sessions with results.
        plan = [
            ("PRD-101", sup1, "", 120, sales, [90, 78, 55, 85]),
            (
                "CNF-101",
                None,
                "林律師（外聘講師）",
                200,
                [*sales, *clerks],
                [88, 92, 80, 75, 95, 70],
            ),
            ("SKL-101", sup1, "", 45, sales[:3], [82, None, 68]),
        ]
        for code, trainer, expert, days_ago, people, scores in plan:
            course = courses[code]
            session = services.session_save(
                actor=hr,
                session=Session(
                    course=course,
                    trainer=trainer,
                    trainer_name=expert,
                    starts_at=now - dt.timedelta(days=days_ago),
                    hours=course.credit_hours,
                    place="總部 3F 培訓室",
                    seats=20,
                    format=Session.Format.LECTURE
                    if code != "SKL-101"
                    else Session.Format.ROLE_PLAY,
                    status=Session.Status.CLOSED,
                ),
            )
            services.session_enrol(actor=hr, session=session, employees=people)
            for enrolment, score in zip(
                Enrolment.objects.filter(session=session).order_by("employee__name"),
                scores,
                strict=False,
            ):
                services.enrolment_record_result(
                    actor=hr,
                    enrolment=enrolment,
                    attendance=(
                        Enrolment.Attendance.ATTENDED
                        if score is not None
                        else Enrolment.Attendance.ABSENT
                    ),
                    score=Decimal(score) if score is not None else None,
                    passed=(score >= 60) if score is not None else None,
                    comment="",
                )
        # An upcoming session open for sign-up.
        upcoming = services.session_save(
            actor=hr,
            session=Session(
                course=courses["SKL-201"],
                trainer=sup1,
                starts_at=now + dt.timedelta(days=10),
                hours=courses["SKL-201"].credit_hours,
                place="總部 5F 會議室",
                seats=12,
                format=Session.Format.CASE_STUDY,
            ),
        )
        services.session_enrol(actor=hr, session=upcoming, employees=[sales[1]])
        # External courses: one confirmed into the file, one waiting for the supervisor.
        sales1, sales2 = sales[0], sales[1]
        done = services.external_request(
            actor=sales1.user,
            provider="保險事業發展中心",
            title="保險法規與合規銷售研習",
            course=courses["BAS-201"],
            starts_on=today - dt.timedelta(days=40),
            ends_on=today - dt.timedelta(days=39),
            hours=Decimal("8"),
            cost=Decimal("3500"),
            reason="加強合規銷售的法規知識。",
        )
        services.external_decide(actor=sup1.user, external=done, approve=True, note="同意")
        services.external_upload_evidence(
            actor=sales1.user,
            external=done,
            file=ContentFile(PDF, name="certificate.pdf"),
            score=Decimal("86"),
        )
        services.external_confirm(actor=hr, external=done)
        services.external_request(
            actor=sales2.user,
            provider="壽險公會",
            title="保險業趨勢論壇",
            course=courses["IND-101"],
            starts_on=today + dt.timedelta(days=20),
            ends_on=today + dt.timedelta(days=20),
            hours=Decimal("3"),
            cost=Decimal("1200"),
            reason="了解行業最新趨勢。",
        )
        # A training plan for the newest salesperson.
        if not TrainingPlan.objects.filter(employee=sales2).exists():
            services.training_plan_create(
                actor=hr,
                employee=sales2,
                courses=[courses["SKL-201"], courses["PRD-102"], courses["SRV-101"]],
                reason="考核中需求分析與產品知識偏弱，安排相關課程。",
                source=TrainingPlan.Source.MANUAL,
            )
    context["training_courses"] = courses
