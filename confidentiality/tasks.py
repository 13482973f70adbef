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


@job
def list_destruction_candidates(self):
    """Daily: list the records and files past their retention period as destruction
    candidates (a record already listed is not listed again)."""
    from .services import retention

    with tracked_run(self, name="list_destruction_candidates") as run:
        run.result = retention.retention_scan()


@job
def close_leavers_accounts(self):
    """Daily: close the accounts of leavers whose leaving date has come (sessions end)."""
    from .services import exits

    with tracked_run(self, name="close_leavers_accounts") as run:
        run.result = exits.exit_deactivations_due()
