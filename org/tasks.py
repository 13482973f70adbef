"""Scheduled jobs of the organisation: thin, calling ``org.services``."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.jobs import job, tracked_run

from . import services


@job
def sync_calendar(self):
    """Yearly (and safe any day): sync this year's and next year's working calendar from
    the official schedule; a year not yet published is skipped, HR's days are kept."""
    with tracked_run(self, name="sync_calendar") as run:
        this_year = timezone.localdate().year
        result = {}
        for year in (this_year, this_year + 1):
            try:
                result[str(year)] = services.calendar_sync_year(actor=None, year=year)
            except ValidationError:
                result[str(year)] = "not published"
        run.result = result
