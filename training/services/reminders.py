"""The daily reminder of mandatory training falling due."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text
from core.models import Notification
from core.services import notify

from .. import rules
from ..selectors import mandatory


def mandatory_reminders_send(*, today=None):
    """Notify each employee of every mandatory course overdue or falling due within the
    ``training.mandatory_reminder_days`` setting: once per course and due date (a second
    run the same day, or the next day, sends nothing new). Returns how many were sent."""
    from org.models import Employee

    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=params.get(rules.MANDATORY_REMINDER_DAYS))
    employees = Employee.objects.exclude(status=Employee.Status.LEFT).select_related("user")
    sent = 0
    url = reverse("training:mandatory_due")
    for row in mandatory.mandatory_status(employees=employees, today=today):
        if row.due_on is None or row.due_on > horizon or row.status == mandatory.DONE:
            continue
        key = f"training-mandatory:{row.employee.pk}:{row.course.pk}:{row.due_on:%Y-%m-%d}"
        overdue = row.status == mandatory.OVERDUE
        title = Text(
            gettext_noop("Mandatory training overdue: %(course)s")
            if overdue
            else gettext_noop("Mandatory training due by %(date)s: %(course)s"),
            {"course": row.course.title, "date": f"{row.due_on:%Y-%m-%d}"},
        )
        before = Notification.objects.filter(recipient=row.employee.user, dedupe_key=key).exists()
        notify(
            recipient=row.employee.user,
            title=title,
            body=Text(gettext_noop("Due on %(date)s."), {"date": f"{row.due_on:%Y-%m-%d}"}),
            url=url,
            level=Notification.Level.DANGER if overdue else Notification.Level.WARNING,
            dedupe_key=key,
        )
        sent += 0 if before else 1
    return sent
