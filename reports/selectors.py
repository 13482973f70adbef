"""Reads of the reports app shared by views, tasks and other apps: restricted querysets of
the report archive. The sales figures themselves are read through ``reports.statistics``
(the one source of sales figures); a list or a page never counts them itself."""

from .models import ReportSnapshot


def snapshot_list():
    """Stored reports with what a list row shows (the list view restricts them to the user
    with ``visible_to``, like every list)."""
    return ReportSnapshot.objects.select_related("generated_by")
