"""Scheduled confidentiality jobs: thin wrappers around services, each idempotent."""

from core.jobs import job, tracked_run

from . import services


@job
def send_agreement_reminders(self):
    """Daily: employees without a signed confidentiality agreement in force (and HR) are
    reminded every few days; agreements ending soon are notified once (a second run the same
    day sends nothing)."""
    with tracked_run(self, name="send_agreement_reminders") as run:
        run.result = services.agreement_reminders()
