"""A real Celery worker on Redis runs the monthly report job as beat would send it: the job
fans out one generation per snapshot and each snapshot ends ready with both files."""

import io

import pytest
from openpyxl import load_workbook

from core.models import TaskRun
from reports.models import ReportSnapshot
from tests.reports.report_data import LAST_MONTH, day_in, sell
from tests.worker import celery_worker, send, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_worker_generates_the_monthly_reports(
    team_a, supervisor, manager, salesperson, settings, monkeypatch
):
    sell(salesperson, day_in(LAST_MONTH), "8800.00")
    # the worker writes the files where this test reads them
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    with celery_worker() as queue:
        send("reports.tasks.scheduled_report", "month", queue=queue)
        wait_for(
            lambda: (
                ReportSnapshot.objects.filter(status="done").count() == 2
                or ReportSnapshot.objects.filter(status="failed").exists()
            ),
            timeout=300,
        )
        wait_for(lambda: not TaskRun.objects.filter(status__in=["pending", "running"]).exists())

    snapshots = {s.scope_key: s for s in ReportSnapshot.objects.all()}
    assert set(snapshots) == {"company", f"team:{team_a.pk}"}
    assert {s.status for s in snapshots.values()} == {"done"}, [s.error for s in snapshots.values()]
    team = snapshots[f"team:{team_a.pk}"]
    assert (team.period_start, team.period_end) == (LAST_MONTH.start, LAST_MONTH.end)
    premium = next(r for r in team.figures["summary"] if r["key"] == "premium_total")
    assert premium["value"] == "8800.00"
    with team.excel.open("rb") as fh:
        wb = load_workbook(io.BytesIO(fh.read()), read_only=True)
    assert len(wb.sheetnames) == 8
    with team.pdf.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
    runs = TaskRun.objects.filter(name="generate_report", status="success")
    assert runs.count() == 2 and all(run.celery_id for run in runs)
    assert supervisor.notifications.filter(url=team.get_absolute_url()).count() == 1
    assert manager.notifications.filter(url=snapshots["company"].get_absolute_url()).count() == 1
