"""Scheduled qualification jobs: thin wrappers around services, each idempotent."""

from core.jobs import job, tracked_run

from .. import services


@job
def send_certificate_expiry_reminders(self):
    """Daily: certificates 60/30/7 days before expiry and just expired, one reminder per
    certificate and threshold to the employee and their supervisor (a second run sends
    nothing)."""
    with tracked_run(self, name="send_certificate_expiry_reminders") as run:
        run.result = services.certificate_expiry_reminders()
