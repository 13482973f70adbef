"""The daily access review: each pattern raises an alert when it should and only then;
compliance reviews and closes alerts; a second run adds nothing."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from confidentiality import services
from confidentiality.models import AccessAlert
from confidentiality.services import review
from core import mywork
from core.models import AccessLog, AuditEvent, ExportLog, Notification
from org.calendar import is_working_day

pytestmark = pytest.mark.django_db


def _working_day(before):
    day = before
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _day_off(before):
    day = before
    while is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


DAY = None  # the last working day before today (the calendar is in the database)


@pytest.fixture(autouse=True)
def _the_day(db):
    global DAY
    DAY = _working_day(dt.date.today() - dt.timedelta(days=1))


def _at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _views(user, day, n, start=0):
    ct = ContentType.objects.get(app_label="customers", model="customer")
    AccessLog.objects.bulk_create(
        AccessLog(
            user=user,
            when=_at(day, 10),
            action="view",
            content_type=ct,
            object_id=str(start + i),
            object_repr=f"客戶{i}",
        )
        for i in range(n)
    )


def _usual(user, per_day):
    for back in range(1, 31):
        day = DAY - dt.timedelta(days=back)
        if is_working_day(day):
            _views(user, day, per_day)


def _export(user, when, rows=10, clear=False):
    return ExportLog.objects.create(
        user=user, when=when, what="客戶", file_format="xlsx", row_count=rows, clear_values=clear
    )


def _alerts(rule):
    return list(AccessAlert.objects.filter(rule=rule).values_list("user", "count"))


def test_many_more_files_than_usual(salesperson, other_salesperson, clerk, compliance):
    _usual(salesperson, 2)
    _views(salesperson, DAY, 40)  # 40 > 3 × 2 and over the floor of 30
    _usual(other_salesperson, 20)
    _views(other_salesperson, DAY, 45)  # 45 ≤ 3 × 20: a busy day, not unusual
    _views(clerk, DAY, 12)  # under the floor although the clerk usually views none
    services.access_alerts_review(day=DAY)
    assert _alerts("many_views") == [(salesperson.pk, 40)]
    alert = AccessAlert.objects.get()
    assert alert.usual == 2
    # compliance is told once
    note = Notification.objects.get(recipient=compliance)
    assert "/confidentiality/alerts/" in note.url


def test_the_same_file_viewed_again_counts_once(salesperson):
    ct = ContentType.objects.get(app_label="customers", model="customer")
    AccessLog.objects.bulk_create(
        AccessLog(
            user=salesperson,
            when=_at(DAY, 11),
            action="view",
            content_type=ct,
            object_id="7",
            object_repr="客戶",
        )
        for _i in range(50)
    )
    services.access_alerts_review(day=DAY)
    assert not AccessAlert.objects.exists()


def test_exports_outside_working_hours(salesperson, clerk, supervisor):
    _export(salesperson, _at(DAY, 22, 15))
    _export(salesperson, _at(DAY, 6, 30))
    _export(clerk, _at(DAY, 10))  # in working hours: nothing
    off = _day_off(DAY)
    _export(supervisor, _at(off, 10))  # on a day off of the company calendar
    services.access_alerts_review(day=DAY)
    services.access_alerts_review(day=off)
    assert sorted(_alerts("off_hours_export")) == sorted([(salesperson.pk, 2), (supervisor.pk, 1)])
    alert = AccessAlert.objects.get(user=salesperson)
    assert "22:15" in alert.details and alert.rows == 20


def test_bulk_exports_of_clear_values(salesperson, clerk, supervisor):
    _export(salesperson, _at(DAY, 10), rows=500, clear=True)
    _export(clerk, _at(DAY, 10), rows=150, clear=True)  # under the approval threshold
    _export(supervisor, _at(DAY, 10), rows=5000)  # masked
    services.access_alerts_review(day=DAY)
    assert _alerts("bulk_clear_export") == [(salesperson.pk, 1)]
    assert AccessAlert.objects.get(rule="bulk_clear_export").rows == 500


def test_a_second_run_adds_nothing(salesperson, compliance):
    _export(salesperson, _at(DAY, 23))
    first = services.access_alerts_review(day=DAY)
    second = services.access_alerts_review(day=DAY)
    assert (first["alerts"], second["alerts"]) == (1, 0)
    assert AccessAlert.objects.count() == 1
    assert Notification.objects.filter(recipient=compliance).count() == 1
    assert AuditEvent.objects.filter(verb="access_alert").count() == 1


def test_compliance_reviews_and_closes(salesperson, compliance, client_for):
    _export(salesperson, _at(DAY, 23))
    services.access_alerts_review(day=DAY)
    alert = AccessAlert.objects.get()
    items = {i.url: i.count for i in mywork.items_for(compliance)}
    assert items["/confidentiality/alerts/?status=open"] == 1
    with pytest.raises(PermissionDenied):
        services.access_alert_close(actor=salesperson, alert=alert, note="x")
    with pytest.raises(ValidationError):
        services.access_alert_close(actor=compliance, alert=alert, note="  ")
    client = client_for(compliance)
    page = client.get(alert.get_absolute_url()).content.decode()
    assert "close-form" in page and f"user={salesperson.pk}" in page
    response = client.post(f"/confidentiality/alerts/{alert.pk}/close/", {"note": "加班核對續保"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.closed_by, alert.note) == ("closed", compliance, "加班核對續保")
    assert AuditEvent.objects.filter(verb="access_alert_closed").count() == 1
    with pytest.raises(ValidationError):
        services.access_alert_close(actor=compliance, alert=alert, note="again")
    assert "close-form" not in client.get(alert.get_absolute_url()).content.decode()


def test_the_median_counts_quiet_working_days(salesperson):
    # views on 5 of the ~21 working days: the median day is 0, so the floor decides
    for back in range(1, 6):
        _views(salesperson, _working_day(DAY - dt.timedelta(days=back)), 30, start=1000)
    assert review.many_views(DAY) == []
    _views(salesperson, DAY, 31)
    assert review.many_views(DAY) == [(salesperson.pk, 31, 0)]
