"""Background jobs of the customer files: thin, they load by id and call the services."""

from django.core.files.storage import default_storage

from core.jobs import job, tracked_run
from core.models import TaskRun

from . import services
from .imports import read_sheet


@job
def import_customers(self, run_id):
    """Import an uploaded workbook for its TaskRun; all rows or none, so safe to run twice."""
    if TaskRun.objects.filter(pk=run_id, status=TaskRun.Status.SUCCESS).exists():
        return
    with tracked_run(self, run_id=run_id) as run:
        path = run.result["upload"]
        with default_storage.open(path, "rb") as f:
            sheet = read_sheet(f)
        services.customer_import_run(run=run, sheet=sheet)
    run.refresh_from_db()
    services.import_finished_notice(run)
