"""Scheduled after-sales jobs: thin wrappers around services, each idempotent."""

from core.jobs import job, tracked_run

from . import services


@job
def send_renewal_reminders(self):
    """Daily 08:00: renewals due within the reminder offsets, one reminder per policy, due
    date and offset (a second run sends nothing)."""
    with tracked_run(self, name="send_renewal_reminders") as run:
        run.result = services.renewals_send_reminders()


@job
def chase_follow_ups(self):
    """Daily: follow-ups missing after delivery, yearly reviews, overdue flags, escalations."""
    with tracked_run(self, name="chase_follow_ups") as run:
        run.result = services.follow_ups_chase()


@job
def escalate_overdue(self):
    """Daily: complaints and claims past their deadlines (complaints to the management)."""
    with tracked_run(self, name="escalate_overdue") as run:
        run.result = services.escalate_overdue()


@job
def check_policy_files(self):
    """Weekly: policy files missing the signed receipt or the follow-up record."""
    with tracked_run(self, name="check_policy_files") as run:
        run.result = services.policy_files_check()


def reconcile_aftersales(*, now):
    """core.reconcile's check for after-sales: every delivered policy has its follow-up, and
    the renewal reminders of a day whose run was lost are sent (the service sends each
    reminder once, whoever runs it)."""
    from django.utils import timezone

    from core import reconcile

    counts = {"follow_ups": services.follow_ups_schedule_missing(), "reminders": 0}
    if reconcile.missed("aftersales.tasks.send_renewal_reminders", "send_renewal_reminders", now):
        sent = services.renewals_send_reminders(today=timezone.localdate(now))
        counts["reminders"] = sent["reminders"]
    return counts
