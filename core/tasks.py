"""The frame's scheduled jobs."""

from django.core.management import call_command

from .jobs import job, tracked_run
from .services import notify


@job
def clear_expired_sessions(self):
    """Daily: delete expired sessions from the database."""
    with tracked_run(self, name="clear_expired_sessions"):
        call_command("clearsessions")


@job
def send_notification(self, user_id, title, body="", dedupe_key=""):
    """Send an in-app notification from a worker (used by the worker integration test)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    with tracked_run(self, name="send_notification", key=dedupe_key):
        notify(recipient=user, title=title, body=body, dedupe_key=dedupe_key)


@job
def email_notification(self, notification_id):
    """Mail a notification (queued by ``notify(email=True)``); retried if the mail server fails."""
    from .models import Notification
    from .services import notification_email

    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    with tracked_run(self, name="email_notification", key=f"notification:{notification_id}"):
        notification_email(notification)


@job
def build_clear_export(self, request_id, run_id=None):
    """Build an approved clear export for its requester (core.clear_exports)."""
    from .clear_exports import export_request_build

    with tracked_run(
        self, run_id=run_id, name="clear_export", key=f"export-request:{request_id}"
    ) as run:
        export_request_build(request_id=request_id, run=run)


@job
def run_bulk_action(self, list_name, code, query, ids, data, run_id=None):
    """A bulk action on a large selection, for its requester (core.bulk)."""
    from .bulk import execute_run

    with tracked_run(self, run_id=run_id, name="bulk_action") as run:
        execute_run(run=run, list_name=list_name, code=code, query=query, ids=ids, data=data)


@job
def reconcile(self):
    """Hourly: every app's check that what its scheduled jobs should have produced exists,
    producing what is missing (core.reconcile)."""
    from .reconcile import run_all

    with tracked_run(self, name="reconcile") as run:
        run.result = run_all()
