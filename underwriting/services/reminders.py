"""The scheduled jobs: overdue applications and premium schedules."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.models import Notification
from core.services import notify

from ..models import Policy
from .premiums import premium_schedule_extend


def notify_overdue_applications(*, today=None):
    """Tell the clerks and the supervisor of the team about applications waiting longer than
    the configured days (once per application and day: safe to run twice)."""
    from ..selectors import overdue_applications_all

    today = today or timezone.localdate()
    sent = 0
    for application in overdue_applications_all(today=today):
        team = application.customer.team
        people = {c.pk: c for c in team.clerks.filter(is_active=True)}
        if team.supervisor_id:
            people[team.supervisor_id] = team.supervisor
        for person in people.values():
            notify(
                recipient=person,
                title=Text(
                    gettext_noop("Underwriting overdue: %(app)s, %(days)s days"),
                    {"app": application.reference, "days": application.days_pending(today)},
                ),
                url=application.get_absolute_url(),
                level=Notification.Level.WARNING,
                dedupe_key=f"uw-overdue:{application.pk}:{today.isoformat()}",
            )
            sent += 1
    return sent


def premium_schedules_extend_all(*, until=None):
    """Extend the schedule of every in-force policy (the monthly job); returns how many
    policies gained records. Each policy in its own transaction, so one bad row stops none."""
    extended = 0
    for policy in Policy.objects.filter(status=Policy.Status.IN_FORCE).select_related("product"):
        with transaction.atomic():
            if premium_schedule_extend(actor=None, policy=policy, until=until):
                extended += 1
    return extended
