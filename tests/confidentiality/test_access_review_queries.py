"""The access review's pages and My work cost a constant number of queries."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from confidentiality import services
from confidentiality.models import AccessAlert
from core.models import AccessLog
from tests.customers.factories import make_attachment, make_customer

pytestmark = pytest.mark.django_db

ALERT_LIST = 5
ALERT_DETAIL = 5
CLASS_LIST = 5
CUSTOMER_ACCESS = 8
ALERT_WORK = 1


def _count(client, url):
    client.get(url)  # warm My work's count, the settings and the per-process caches
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _alerts(users, n, back=0):
    day = dt.date(2026, 11, 2) - dt.timedelta(days=back)
    for i in range(n):
        AccessAlert.objects.create(
            rule=AccessAlert.Rule.OFF_HOURS_EXPORT,
            user=users[i % len(users)],
            day=day - dt.timedelta(days=i),
            count=1,
            rows=10,
            details="22:15 客戶 (10)",
        )


def _views(user, customer, n):
    ct = ContentType.objects.get_for_model(type(customer))
    AccessLog.objects.bulk_create(
        AccessLog(
            user=user, action="view", content_type=ct, object_id=str(customer.pk), object_repr="x"
        )
        for _i in range(n)
    )


def test_alert_pages(client_for, compliance, salesperson, clerk, superuser):
    client = client_for(compliance)
    _alerts([salesperson, clerk], 2)
    few = _count(client, "/confidentiality/alerts/")
    _alerts([salesperson, clerk, superuser], 40, back=10)  # days further back
    assert _count(client, "/confidentiality/alerts/") == few == ALERT_LIST
    alert = AccessAlert.objects.first()
    assert _count(client, alert.get_absolute_url()) == ALERT_DETAIL


def test_record_class_list(client_for, compliance, salesperson, superuser):
    client = client_for(compliance)
    customer = make_customer(salesperson)
    for _i in range(2):
        services.record_class_set(
            actor=superuser, obj=make_attachment(customer), level="secret", reason="x"
        )
    few = _count(client, "/confidentiality/classes/")
    for _i in range(10):
        services.record_class_set(
            actor=superuser, obj=make_attachment(customer), level="internal", reason="y"
        )
    assert _count(client, "/confidentiality/classes/") == few == CLASS_LIST


def test_who_saw_the_customer(client_for, compliance, salesperson, clerk):
    client = client_for(compliance)
    customer = make_customer(salesperson)
    make_attachment(customer)
    _views(clerk, customer, 2)
    url = f"/confidentiality/customers/{customer.pk}/access/"
    few = _count(client, url)
    _views(salesperson, customer, 60)
    assert _count(client, url) == few == CUSTOMER_ACCESS


def test_my_work_counts_the_alerts_in_one_query(compliance, salesperson):
    from confidentiality.providers import alert_work

    _alerts([salesperson], 3)
    compliance.has_perm("confidentiality.change_accessalert")  # the permission set first
    with CaptureQueriesContext(connection) as ctx:
        items = alert_work(compliance)
    assert items[0].count == 3 and len(ctx.captured_queries) == ALERT_WORK
    assert alert_work(salesperson) == []
