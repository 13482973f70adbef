"""Demo access review: a few days of ordinary reading in the access log, then three
unusual patterns the daily job turns into alerts for compliance (a salesperson who read
many more customer files than usual, an export late in the evening, a bulk export of clear
values); compliance has already closed one with its note. A second run adds nothing."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core import demo
from core.models import AccessLog, ExportLog
from customers.models import Customer

from . import services
from .models import AccessAlert


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _working_days_back(today, n):
    from org.calendar import is_working_day

    days, day = [], today - dt.timedelta(days=1)
    while len(days) < n:
        if is_working_day(day):
            days.append(day)
        day -= dt.timedelta(days=1)
    return days


def _at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@demo.register
def seed_access_review(context):
    """Alerts for compliance to review (idempotent)."""
    if AccessAlert.objects.exists():
        return
    sales, clerk, sup, comp = (_user(u) for u in ("sales1", "clerk1", "sup1", "comp1"))
    if not all((sales, clerk, sup, comp)):
        return
    customers = list(Customer.objects.order_by("pk").values_list("pk", "name")[:60])
    if len(customers) < 40:
        return
    ct = ContentType.objects.get_for_model(Customer)
    days = _working_days_back(timezone.localdate(), 22)
    latest, evening, bulk = days[0], days[1], days[2]
    rows = []
    # an ordinary month: a handful of files a day
    for i, day in enumerate(days[1:]):
        for k in range(4):
            pk, name = customers[(i * 4 + k) % len(customers)]
            rows.append(
                AccessLog(
                    user=sales,
                    when=_at(day, 9 + k, 10),
                    action="view",
                    content_type=ct,
                    object_id=str(pk),
                    object_repr=name,
                    ip_address="10.20.1.31",
                    path=f"/customers/customers/{pk}/",
                )
            )
    # then one day, 45 files in an afternoon
    for k, (pk, name) in enumerate(customers[:45]):
        rows.append(
            AccessLog(
                user=sales,
                when=_at(latest, 14, k % 60),
                action="view",
                content_type=ct,
                object_id=str(pk),
                object_repr=name,
                ip_address="10.20.1.31",
                path=f"/customers/customers/{pk}/",
            )
        )
    AccessLog.objects.bulk_create(rows)
    ExportLog.objects.create(
        user=clerk,
        when=_at(evening, 21, 40),
        what="客戶檔案",
        file_format="xlsx",
        row_count=86,
        filters_shown="團隊: A組",
        ip_address="10.20.1.45",
    )
    ExportLog.objects.create(
        user=sup,
        when=_at(bulk, 10, 5),
        what="客戶檔案",
        file_format="xlsx",
        row_count=350,
        clear_values=True,
        purpose="年度續保名單核對",
        filters_shown="團隊: A組",
        ip_address="10.20.1.12",
    )
    for day in (bulk, evening, latest):
        services.access_alerts_review(day=day)
    closed = AccessAlert.objects.filter(rule=AccessAlert.Rule.BULK_CLEAR_EXPORT).first()
    if closed is not None:
        services.access_alert_close(
            actor=comp,
            alert=closed,
            note="已與主管核實:年度續保名單核對,匯出經審批,檔案已於當日刪除。",
        )
