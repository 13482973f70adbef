"""Service requests: before and after values, documents, completion updating the customer's
or the policy's record with history."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from aftersales import services
from aftersales.models import ServiceRequest
from core.models import AuditEvent
from customers.models import Customer
from tests.aftersales import factories as f
from tests.underwriting.factories import pdf
from underwriting.models import Application, Policy

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
S = ServiceRequest.Status


@pytest.fixture
def policy(salesperson, clerk, checklists):
    return f.make_policy(salesperson, clerk)


def _complete(request, clerk):
    if request.kind in services.NEEDS_DOCUMENT:
        services.service_request_document_upload(
            actor=clerk, request=request, file=pdf(), description="變更申請書"
        )
    request = services.service_request_submit(actor=clerk, request=request, insurer_reference="S1")
    return services.service_request_complete(actor=clerk, request=request)


def test_address_change_updates_the_customer_with_history(policy, clerk):
    customer = policy.customer
    request = services.service_request_create(
        actor=clerk,
        policy=policy,
        kind="address",
        after={
            "province": "上海市",
            "city": "上海市",
            "district": "浦東新區",
            "street": "世紀大道100號",
        },
    )
    assert request.values_before["street"] == "長安街1號"
    assert request.values_after["street"] == "世紀大道100號"
    # the values are stored encrypted, not readable in the database
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT after FROM {ServiceRequest._meta.db_table} WHERE id = %s", [request.pk]
        )
        raw = cursor.fetchone()[0]
    assert "世紀大道" not in raw
    request = _complete(request, clerk)
    assert request.status == S.COMPLETED and request.completed_on == TODAY
    customer = Customer.objects.get(pk=customer.pk)
    assert customer.street == "世紀大道100號" and customer.city == "上海市"
    last = customer.history.first()
    assert last.history_user == clerk
    assert request.reference in last.history_change_reason


def test_contact_change_validates_on_completion(policy, clerk):
    request = services.service_request_create(
        actor=clerk, policy=policy, kind="contact", after={"email": "new@example.com"}
    )
    request = _complete(request, clerk)
    assert Customer.objects.get(pk=policy.customer_id).email == "new@example.com"


def test_bank_account_change_updates_the_application(policy, clerk):
    request = services.service_request_create(
        actor=clerk,
        policy=policy,
        kind="bank_account",
        after={"bank_name": "招商銀行", "bank_account": "6225 8812 3456 7890"},
    )
    assert request.values_before["bank_account"] == "6222020200112233445"
    with pytest.raises(ValidationError):  # the signed form is needed first
        services.service_request_submit(actor=clerk, request=request)
    _complete(request, clerk)
    application = Application.objects.get(pk=policy.application_id)
    assert application.bank_account == "6225881234567890" and application.bank_name == "招商銀行"
    assert application.history.first().history_user == clerk
    assert AuditEvent.objects.filter(verb="bank_account_changed", object_id=str(policy.pk)).exists()


def test_beneficiary_change_updates_the_policy(policy, clerk):
    request = services.service_request_create(
        actor=clerk,
        policy=policy,
        kind="beneficiary",
        after={"beneficiaries": "李娜 配偶 60\n張小明 子女 40"},
    )
    _complete(request, clerk)
    policy = Policy.objects.get(pk=policy.pk)
    assert [b["name"] for b in policy.beneficiaries] == ["李娜", "張小明"]
    assert policy.history.first().history_user == clerk
    with pytest.raises(ValidationError):
        services.service_request_create(
            actor=clerk, policy=policy, kind="beneficiary", after={"beneficiaries": "李娜 配偶 50"}
        )


def test_lost_policy_reissue_is_on_the_policy_timeline(policy, clerk):
    request = services.service_request_create(
        actor=clerk, policy=policy, kind="reissue", after={"reason": "搬家遺失"}
    )
    _complete(request, clerk)
    assert AuditEvent.objects.filter(verb="policy_reissued", object_id=str(policy.pk)).exists()


def test_rejected_and_cancelled_change_nothing(policy, clerk):
    request = services.service_request_create(
        actor=clerk, policy=policy, kind="contact", after={"email": "x@example.com"}
    )
    request = services.service_request_submit(actor=clerk, request=request)
    request = services.service_request_reject(actor=clerk, request=request, note="簽名不符")
    assert request.status == S.REJECTED
    assert Customer.objects.get(pk=policy.customer_id).email != "x@example.com"
    with pytest.raises(ValidationError):
        services.service_request_complete(actor=clerk, request=request)


def test_only_clerks_process(policy, clerk, salesperson):
    with pytest.raises(PermissionDenied):
        services.service_request_create(
            actor=salesperson, policy=policy, kind="contact", after={"email": "a@example.com"}
        )
    request = services.service_request_create(
        actor=clerk, policy=policy, kind="other", description="寄送保單副本"
    )
    with pytest.raises(PermissionDenied):
        services.service_request_submit(actor=salesperson, request=request)
    assert json.loads(request.after) == {}
