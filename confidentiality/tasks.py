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


@job
def review_access_logs(self):
    """Daily: yesterday's unusual patterns in the access and export logs become alerts for
    compliance (a second run adds nothing)."""
    with tracked_run(self, name="review_access_logs") as run:
        run.result = services.access_alerts_review()


@job
def prune_logs(self):
    """Nightly: the access and export logs older than their keeping period (at least six
    months) are deleted; the run is recorded with its counts."""
    with tracked_run(self, name="prune_logs") as run:
        run.result = services.logs_prune()
