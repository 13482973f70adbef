"""Access review: the class set on one record, the daily search for unusual patterns in
the access and export logs (alerts compliance reviews and closes), and the pruning of the
logs past their keeping period (at least six months), which records its own run."""

import datetime as dt
import statistics
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.classification import Level
from core.clear_exports import APPROVAL_ROWS
from core.i18n import Text, choice
from core.models import AccessLog, ExportLog, Notification
from core.services import audit_event, notify, save_checked

from .. import rules
from ..models import AccessAlert, RecordClass

CLASSIFY_PERM = "confidentiality.add_recordclass"
REVIEW_PERM = "confidentiality.change_accessalert"
BASELINE_DAYS = 30


# --- the class set on one record ---------------------------------------------------------


def record_class_of(obj):
    """The class set on ``obj`` (one query), or None: core.classification's lookup."""
    ct = ContentType.objects.get_for_model(type(obj))
    return (
        RecordClass.objects.filter(content_type=ct, object_id=str(obj.pk))
        .values_list("level", flat=True)
        .first()
    )


@transaction.atomic
def record_class_set(*, actor, obj, level, reason):
    """Set the confidentiality class of one record (a paper), replacing its kind's; kept in
    the record class's history and as an event on the record."""
    from core.classification import default_level

    if not actor.has_perm(CLASSIFY_PERM):
        raise PermissionDenied(_("You may not set the confidentiality class of records."))
    if level not in Level.values:
        raise ValidationError({"level": _("Choose a class.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the class is changed.")})
    ct = ContentType.objects.get_for_model(type(obj))
    row = RecordClass.objects.filter(content_type=ct, object_id=str(obj.pk)).first()
    before = row.level if row else default_level(obj)
    if row is None:
        row = RecordClass(content_type=ct, object_id=str(obj.pk))
    row.object_repr = str(obj)[:200]
    row.level = level
    row.reason = reason.strip()
    row.set_by = actor
    save_checked(row, actor)
    audit_event(
        actor=actor,
        verb="class_set",
        target=obj,
        message=Text(
            gettext_noop("Confidentiality class %(from)s → %(to)s: %(reason)s"),
            {
                "from": choice(RecordClass, "level", before),
                "to": choice(RecordClass, "level", level),
                "reason": row.reason,
            },
        ),
    )
    return row


# --- alerts ------------------------------------------------------------------------------


def _local_bounds(day):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min), tz)
    return start, start + dt.timedelta(days=1)


def _views_by_user(start, end):
    """{user id: {date: distinct records viewed}} of the access log from ``start`` to
    ``end`` (moments), one query."""
    rows = (
        AccessLog.objects.filter(
            action=AccessLog.Action.VIEW, when__gte=start, when__lt=end, user__isnull=False
        )
        .annotate(date=TruncDate("when"))
        .values("user", "date", "content_type")
        .annotate(n=Count("object_id", distinct=True))
        .order_by()
    )
    result = defaultdict(lambda: defaultdict(int))
    for row in rows:
        result[row["user"]][row["date"]] += row["n"]
    return result


def many_views(day):
    """[(user id, files viewed on ``day``, their usual)] of users who viewed more than the
    factor times their median working day of the 30 days before, and at least the floor."""
    from org.calendar import working_days

    factor = params.get(rules.REVIEW_VIEW_FACTOR)
    floor = params.get(rules.REVIEW_VIEW_FLOOR)
    start, end = _local_bounds(day)
    today = _views_by_user(start, end)
    found = []
    candidates = {user: days[day] for user, days in today.items() if days[day] >= floor}
    if not candidates:
        return found
    first = day - dt.timedelta(days=BASELINE_DAYS)
    before = _views_by_user(_local_bounds(first)[0], start)
    workdays = working_days(first, day - dt.timedelta(days=1)) or [day - dt.timedelta(days=1)]
    for user, count in sorted(candidates.items()):
        past = before.get(user, {})
        usual = statistics.median([past.get(d, 0) for d in workdays])
        if count > factor * usual:
            found.append((user, count, usual))
    return found


def _outside_hours(moment, days):
    from org.calendar import is_working_day

    local = timezone.localtime(moment)
    start = params.get(rules.WORK_START_HOUR)
    end = params.get(rules.WORK_END_HOUR)
    if not is_working_day(local.date(), days):
        return True
    return not (start <= local.hour < end)


def off_hours_exports(day):
    """{user id: [export log rows]} of ``day``'s exports outside working hours or on a day
    off of the company calendar."""
    from org.calendar import calendar_days

    start, end = _local_bounds(day)
    days = calendar_days(day, day)
    found = defaultdict(list)
    rows = ExportLog.objects.filter(when__gte=start, when__lt=end, user__isnull=False)
    for row in rows.order_by("when", "pk"):
        if _outside_hours(row.when, days):
            found[row.user_id].append(row)
    return found


def bulk_clear_exports(day):
    """{user id: [export log rows]} of ``day``'s exports of clear values above the number
    of rows that needs the supervisor's approval."""
    start, end = _local_bounds(day)
    threshold = params.get(APPROVAL_ROWS.key)
    found = defaultdict(list)
    rows = ExportLog.objects.filter(
        when__gte=start,
        when__lt=end,
        user__isnull=False,
        clear_values=True,
        row_count__gt=threshold,
    )
    for row in rows.order_by("when", "pk"):
        found[row.user_id].append(row)
    return found


def _describe(rows):
    parts = [f"{timezone.localtime(r.when):%H:%M} {r.what} ({r.row_count})" for r in rows[:8]]
    more = len(rows) - 8
    return ("; ".join(parts) + (f"; +{more}" if more > 0 else ""))[:500]


def _reviewers():
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True)
        .filter(
            models.Q(groups__permissions__codename="change_accessalert")
            | models.Q(user_permissions__codename="change_accessalert")
        )
        .distinct()
        .order_by("pk")
    )


def _raise(rule, user_id, day, *, count, usual=None, rows=0, details=""):
    alert, created = AccessAlert.objects.get_or_create(
        rule=rule,
        user_id=user_id,
        day=day,
        defaults={
            "count": count,
            "usual": usual,
            "rows": rows,
            "details": details,
        },
    )
    if created:
        audit_event(
            actor=None,
            verb="access_alert",
            target=alert,
            message=Text(
                gettext_noop("Alert: %(rule)s (%(count)s)"),
                {"rule": choice(AccessAlert, "rule", rule), "count": count},
            ),
        )
    return alert if created else None


@transaction.atomic
def access_alerts_review(*, day=None):
    """Look for the unusual patterns of ``day`` (by default yesterday) in the logs; each
    new one becomes an alert, and compliance is notified once a day. Safe to run twice."""
    day = day or timezone.localdate() - dt.timedelta(days=1)
    new = []
    for user_id, count, usual in many_views(day):
        new.append(
            _raise(
                AccessAlert.Rule.MANY_VIEWS,
                user_id,
                day,
                count=count,
                usual=usual,
            )
        )
    for rule, found in (
        (AccessAlert.Rule.OFF_HOURS_EXPORT, off_hours_exports(day)),
        (AccessAlert.Rule.BULK_CLEAR_EXPORT, bulk_clear_exports(day)),
    ):
        for user_id, rows in found.items():
            new.append(
                _raise(
                    rule,
                    user_id,
                    day,
                    count=len(rows),
                    rows=sum(r.row_count for r in rows),
                    details=_describe(rows),
                )
            )
    new = [a for a in new if a is not None]
    if new:
        url = reverse("confidentiality:accessalert_list") + "?status=open"
        for reviewer in _reviewers():
            notify(
                recipient=reviewer,
                title=Text(
                    gettext_noop("%(count)s access alerts to review (%(day)s)"),
                    {"count": len(new), "day": day},
                ),
                url=url,
                level=Notification.Level.WARNING,
                dedupe_key=f"access-alerts:{day:%Y-%m-%d}:{reviewer.pk}",
            )
    return {"day": day.isoformat(), "alerts": len(new)}


@transaction.atomic
def access_alert_close(*, actor, alert, note):
    """Compliance closes a reviewed alert with its note (what was found, what was done)."""
    if not actor.has_perm(REVIEW_PERM):
        raise PermissionDenied(_("Only compliance reviews access alerts."))
    alert = AccessAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AccessAlert.Status.OPEN:
        raise ValidationError(_("This alert is already closed."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write what the review found.")})
    alert.status = AccessAlert.Status.CLOSED
    alert.note = note
    alert.closed_by = actor
    alert.closed_at = timezone.now()
    save_checked(alert, actor)
    audit_event(actor=actor, verb="access_alert_closed", target=alert, message=note)
    return alert


# --- keeping the logs --------------------------------------------------------------------


def retention_months():
    """How long the logs are kept: the setting, never under six months."""
    try:
        months = int(params.get(rules.LOG_RETENTION_MONTHS))
    except (ValidationError, TypeError, ValueError):  # a value stored around the form
        months = rules.MIN_LOG_RETENTION_MONTHS
    return max(months, rules.MIN_LOG_RETENTION_MONTHS)


def retention_cutoff(today=None):
    """The first day kept: ``today`` less the keeping period in months (same day of the
    month, or the month's last day)."""
    import calendar

    today = today or timezone.localdate()
    months = retention_months()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(today.day, last))


@transaction.atomic
def logs_prune(*, today=None):
    """Delete the access and export log rows older than the keeping period; the run is
    recorded as an audit event with the counts (a second run deletes nothing more)."""
    cutoff = retention_cutoff(today)
    before = _local_bounds(cutoff)[0]
    counts = {
        "access_log": AccessLog.objects.filter(when__lt=before).prune(),
        "export_log": ExportLog.objects.filter(when__lt=before).prune(),
    }
    audit_event(
        actor=None,
        verb="logs_pruned",
        message=Text(
            gettext_noop(
                "Logs pruned before %(day)s: %(access)s access log rows, "
                "%(export)s export log rows."
            ),
            {"day": cutoff, "access": counts["access_log"], "export": counts["export_log"]},
        ),
        data={"before": cutoff.isoformat(), "months": retention_months(), **counts},
    )
    return {"before": cutoff.isoformat(), **counts}


def alert_rows_sum(alerts):
    """Total rows exported of ``alerts`` (for a summary line)."""
    return alerts.aggregate(total=Sum("rows"))["total"] or 0
