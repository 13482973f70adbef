"""Demo confidentiality: customers' consents (recorded before the applications that store
their bank accounts), the agreement text, an agreement per demo employee (one new hire not
signed yet, one ending within the month, one with a non-compete clause), a breach being
handled and a customer's request for a copy of their data. A second run adds nothing."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from core import demo
from core.services import acting_as
from customers.models import Customer
from org.models import Employee

from . import services
from .models import Agreement, AgreementVersion, Breach, CustomerDataRequest, SensitiveConsent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TEXT = (
    "一、員工對在職期間知悉的客戶信息（基本資料、需求、投保、理賠）、業務數據、內部文件與其他商業秘密負有保密義務。\n"
    "二、未經授權不得複製、傳送、披露或帶離上述資料；離職時應交還全部文件與設備。\n"
    "三、保密義務於離職後繼續有效。違反本協議者，依公司規定處理並承擔違約責任。"
)


def _user(username):
    return get_user_model().objects.filter(username=username).first()


@demo.register(before="underwriting")
def seed_consents(context):
    """Every demo customer's consent to keeping a financial account (the applications seeded
    next store bank accounts); every fifth also to health information."""
    if SensitiveConsent.objects.exists():
        return
    customers = Customer.objects.select_related("owner").order_by("pk")
    for i, customer in enumerate(customers):
        actor = customer.owner
        given = customer.created.date() if customer.created else dt.date.today()
        with acting_as(actor):
            services.consent_record(
                actor=actor,
                customer=customer,
                kind="financial",
                given_on=given,
                purpose="保費自動轉帳及理賠給付",
            )
            if i % 5 == 0:
                services.consent_record(
                    actor=actor,
                    customer=customer,
                    kind="health",
                    given_on=given,
                    purpose="核保評估及理賠審核",
                )


@demo.register
def seed_confidentiality(context):
    hr, comp = _user("hr1"), _user("comp1")
    if hr is None or comp is None or Agreement.objects.exists():
        return
    today = dt.date.today()
    version, _c = AgreementVersion.objects.get_or_create(
        code="2026-01",
        defaults={
            "title": "員工保密協議",
            "effective_from": dt.date(today.year, 1, 1),
            "text": TEXT,
        },
    )
    with acting_as(hr):
        for employee in Employee.objects.exclude(status="left").select_related("user"):
            username = employee.user.username
            if username == "sales4":  # the new hire: handed over, not signed yet
                services.agreement_record(actor=hr, employee=employee, version=version)
                continue
            signed = max(employee.hire_date, today - dt.timedelta(days=700))
            expires = signed + dt.timedelta(days=365 * 3)
            if username == "sales2":  # ends within the reminder window
                expires = today + dt.timedelta(days=20)
            extra = {}
            if username == "sup1":
                extra = {
                    "non_compete": True,
                    "non_compete_months": 12,
                    "non_compete_compensation": Decimal("8000.00"),
                }
            services.agreement_record(
                actor=hr,
                employee=employee,
                version=version,
                signed_on=signed,
                expires_on=expires if expires > signed else None,
                scan=ContentFile(PDF, name=f"agreement-{username}.pdf"),
                **extra,
            )
    offender = Employee.objects.filter(user__username="sales3").first()
    if offender is not None and not Breach.objects.exists():
        with acting_as(comp):
            services.breach_record(
                actor=comp,
                employee=offender,
                what="將三位客戶的投保資料以個人電郵轉寄至私人信箱。",
                occurred_on=today - dt.timedelta(days=12),
                found_on=today - dt.timedelta(days=10),
                severity="serious",
                action_taken="收回電郵並要求刪除；書面警告；重新參加保密培訓。",
            )
    customer = Customer.objects.order_by("pk").select_related("owner").first()
    if customer is not None and not CustomerDataRequest.objects.exists():
        with acting_as(customer.owner):
            services.data_request_record(
                actor=customer.owner,
                customer=customer,
                kind="export",
                received_on=today - dt.timedelta(days=2),
                details="客戶要求提供公司保存的本人全部資料副本。",
            )


@demo.register
def seed_login_controls(context):
    """Login controls in the demo: every demo account signs in with its password alone (the
    two-factor requirement is switched off, so anyone can try every role), and an example
    login rule for the clerks that is not in force. Both are changed in the product's pages
    (Settings → Confidentiality; Confidentiality → Login rules). Idempotent."""
    from core import params

    from . import rules
    from .models import LoginRule

    admin = _user("admin")
    if admin is None:
        return
    from core.models import Parameter

    if not Parameter.objects.filter(key=rules.TWO_FACTOR_ROLES).exists():  # a second run keeps it
        params.set_value(rules.TWO_FACTOR_ROLES, [], actor=admin)
    if not LoginRule.objects.filter(role="clerk").exists():
        with acting_as(admin):
            services.login.login_rule_save(
                actor=admin,
                rule=LoginRule(
                    role="clerk",
                    active=False,
                    weekdays="123456",
                    starts_at=dt.time(7, 30),
                    ends_at=dt.time(21, 0),
                    networks="10.0.0.0/8\n192.168.0.0/16\n127.0.0.1",
                    note="示例：內勤僅限辦公時間與公司網路（未啟用）",
                ),
            )


from . import demo_review  # noqa: E402, F401  (the access review's alerts)


@demo.register
def seed_retention_and_exits(context):
    """The retention schedule (and the records already past it listed), and one exit audit
    in progress: 黃敏 (sales4) leaves in two weeks, 楊洋 (sales3) takes over her book; the
    door card is back already."""
    from .models import ExitAudit
    from .services import exits, retention

    retention.schedule_ensure()
    retention.retention_scan()
    hr, leaver, successor = _user("hr1"), _user("sales4"), _user("sales3")
    if not (hr and leaver and successor) or ExitAudit.objects.exists():
        return
    with acting_as(hr):
        audit = exits.exit_start(
            actor=hr,
            employee=leaver.employee,
            leaving_on=dt.date.today() + dt.timedelta(days=14),
            successor=successor.employee,
            reason="個人發展",
            items=[
                ("device", "筆記型電腦 ThinkPad（資產編號 IT-0231）"),
                ("access", "門禁卡"),
                ("document", "紙本客戶檔案兩冊"),
            ],
        )
        exits.exit_item_return(actor=hr, item=audit.items.get(kind="access"))
