"""Scheduled underwriting jobs: thin wrappers around services."""

from core.jobs import job, tracked_run

from . import services


@job
def notify_overdue_applications(self):
    """Daily: tell clerks and supervisors about applications pending too long (idempotent)."""
    with tracked_run(self, name="notify_overdue_applications") as run:
        run.result = {"sent": services.notify_overdue_applications()}


@job
def extend_premium_schedules(self):
    """Monthly: keep each in-force policy's premium schedule filled ahead (idempotent)."""
    with tracked_run(self, name="extend_premium_schedules") as run:
        run.result = {"policies": services.premium_schedules_extend_all()}
