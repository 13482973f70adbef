"""Scheduled jobs of appraisal: thin, idempotent."""

from django.utils.translation import gettext as _

from core.jobs import job, tracked_run

from .services import reminders_send


@job
def send_appraisal_reminders(self):
    """Daily: remind whoever has an appraisal step due soon or late (once a day per
    appraisal, stage and person, so a second run the same day sends nothing)."""
    with tracked_run(self, name="appraisal.send_appraisal_reminders") as run:
        run.message = _("%(n)d reminders sent.") % {"n": reminders_send()}
