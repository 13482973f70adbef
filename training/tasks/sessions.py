"""Scheduled jobs of mandatory training: thin, idempotent."""

from django.utils.translation import gettext_noop

from core.i18n import Text
from core.jobs import job, tracked_run

from ..services.reminders import mandatory_reminders_send


@job
def send_mandatory_reminders(self):
    """Daily: remind employees of mandatory training due within a week or overdue (once per
    course and due date, so a second run sends nothing)."""
    with tracked_run(self, name="training.send_mandatory_reminders") as run:
        run.message = Text(gettext_noop("%(n)d reminders sent."), {"n": mandatory_reminders_send()})
