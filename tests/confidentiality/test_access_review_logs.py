"""Searching the access and export logs (filters, scope, Excel), "who saw this customer",
the logs being append-only, and their pruning (at least six months, logged, idempotent)."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from confidentiality import rules, services
from confidentiality.services import review
from core import params
from core.models import AccessLog, AuditEvent, ExportLog, Parameter
from core.services import access_log
from tests.customers.factories import make_attachment, make_customer

pytestmark = pytest.mark.django_db


def _rows(response):
    return {row.record.pk for row in response.context["table"].page.object_list}


def test_access_log_filters(client_for, compliance, salesperson, clerk, other_salesperson):
    mine = make_customer(salesperson)
    theirs = make_customer(other_salesperson)
    a = access_log(user=salesperson, obj=mine)
    b = access_log(user=clerk, obj=mine, action=AccessLog.Action.UNMASK, field="id_number")
    c = access_log(user=other_salesperson, obj=theirs)
    old = access_log(user=salesperson, obj=theirs)
    old_row = AccessLog.objects.create(
        user=salesperson,
        when=timezone.now() - dt.timedelta(days=40),
        action="view",
        content_type=ContentType.objects.get_for_model(type(mine)),
        object_id=str(mine.pk),
        object_repr=str(mine),
        ip_address="10.9.8.7",
    )
    client = client_for(compliance)
    url = "/core/access-log/"
    assert _rows(client.get(url, {"user": salesperson.pk})) == {a.pk, old.pk, old_row.pk}
    ct = ContentType.objects.get_for_model(type(mine)).pk
    by_customer = client.get(url, {"content_type": ct, "object_id": mine.pk})
    assert _rows(by_customer) == {a.pk, b.pk, old_row.pk}
    assert _rows(client.get(url, {"action": "unmask"})) == {b.pk}
    week_ago = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    recent = client.get(url, {"date_from": week_ago, "object_id": mine.pk})
    assert _rows(recent) == {a.pk, b.pk}
    assert _rows(client.get(url, {"ip_address": "10.9."})) == {old_row.pk}
    assert c.pk in _rows(client.get(url))
    # the filtered search downloads as Excel, named in the export log
    response = client.get(url, {"user": clerk.pk, "export": "xlsx"})
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [str(v) for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert clerk.display_name in values and salesperson.display_name not in values
    assert ExportLog.objects.filter(user=compliance).exists()


def test_export_log_filters_by_user(client_for, compliance, salesperson, clerk):
    mine = ExportLog.objects.create(user=salesperson, what="客戶", file_format="xlsx")
    ExportLog.objects.create(user=clerk, what="保單", file_format="xlsx")
    page = client_for(compliance).get("/core/export-log/", {"user": salesperson.pk})
    assert _rows(page) == {mine.pk}


def test_who_saw_this_customer(client_for, compliance, salesperson, clerk, superuser):
    customer = make_customer(salesperson)
    other = make_customer(salesperson)
    attachment = make_attachment(customer)
    saw = access_log(user=clerk, obj=customer)
    unmasked = access_log(user=salesperson, obj=customer, action="unmask", field="mobile")
    paper = access_log(user=clerk, obj=attachment, action="download")
    access_log(user=clerk, obj=other)
    url = f"/confidentiality/customers/{customer.pk}/access/"
    response = client_for(compliance).get(url)
    assert response.status_code == 200
    assert _rows(response) == {saw.pk, unmasked.pk, paper.pk}
    assert customer.name in response.content.decode()
    assert client_for(salesperson).get(url).status_code == 403
    # the customer file links to it for those who read the access log
    page = client_for(superuser).get(customer.get_absolute_url()).content.decode()
    assert url in page
    assert url not in client_for(salesperson).get(customer.get_absolute_url()).content.decode()


def test_logs_are_append_only(salesperson):
    row = access_log(user=salesperson, obj=make_customer(salesperson))
    row.field = "changed"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        AccessLog.objects.filter(pk=row.pk).update(field="x")
    with pytest.raises(PermissionDenied):
        AccessLog.objects.all().delete()
    export = ExportLog.objects.create(user=salesperson, what="x", file_format="xlsx")
    with pytest.raises(PermissionDenied):
        export.save()
    with pytest.raises(PermissionDenied):
        ExportLog.objects.all().delete()
    assert AccessLog.objects.filter(field="").count() == 1
    for model in (AccessLog, ExportLog):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)


def _log_at(user, months_ago, today):
    when = timezone.make_aware(dt.datetime.combine(today, dt.time(12))) - dt.timedelta(
        days=int(months_ago * 30.5)
    )
    ct = ContentType.objects.get(app_label="core", model="user")
    AccessLog.objects.create(
        user=user, when=when, action="view", content_type=ct, object_id="1", object_repr="x"
    )
    ExportLog.objects.create(user=user, when=when, what="x", file_format="xlsx")


def test_pruning_keeps_the_period_and_records_its_run(salesperson, superuser):
    today = dt.date(2026, 12, 8)
    for months in (2, 11, 13, 20):
        _log_at(salesperson, months, today)
    assert params.get(rules.LOG_RETENTION_MONTHS) == 12
    result = services.logs_prune(today=today)
    assert (result["access_log"], result["export_log"], result["before"]) == (2, 2, "2025-12-08")
    assert AccessLog.objects.count() == 2 and ExportLog.objects.count() == 2
    event = AuditEvent.objects.get(verb="logs_pruned")
    assert event.data["access_log"] == 2 and event.data["months"] == 12
    # a second run removes nothing more, and says so
    again = services.logs_prune(today=today)
    assert (again["access_log"], again["export_log"]) == (0, 0)
    assert AuditEvent.objects.filter(verb="logs_pruned").count() == 2


def test_the_logs_are_kept_at_least_six_months(salesperson, superuser):
    with pytest.raises(ValidationError):
        params.set_value(rules.LOG_RETENTION_MONTHS, 3, actor=superuser)
    # even a value stored around the form never prunes a row under six months old
    Parameter.objects.update_or_create(key=rules.LOG_RETENTION_MONTHS, defaults={"value": 1})
    cache.delete(params._CACHE_KEY)
    today = dt.date(2026, 12, 8)
    assert review.retention_months() == 6
    assert review.retention_cutoff(today) == dt.date(2026, 6, 8)
    for months in (2, 5, 7):
        _log_at(salesperson, months, today)
    assert services.logs_prune(today=today)["access_log"] == 1
    assert AccessLog.objects.count() == 2


def test_the_jobs_are_scheduled():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "confidentiality.tasks.review_access_logs" in schedule
    assert "confidentiality.tasks.prune_logs" in schedule
