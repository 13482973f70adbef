"""Report jobs: the scheduled daily, weekly and monthly reports, and the generation of one
snapshot (one task per snapshot, so a failure is retried alone). Thin: they call services."""

from django.urls import reverse
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.jobs import download, enqueue_on_commit, job, set_progress, tracked_run
from core.models import TaskRun

from . import services


@job
def scheduled_report(self, kind, now=None):
    """Beat: the report of the day, week or month just closed, for the company and each team.

    ``now`` (ISO datetime) replays a run for another moment. A redelivered message that
    already succeeded does nothing.
    """
    celery_id = getattr(self.request, "id", None)
    if celery_id and TaskRun.objects.filter(celery_id=celery_id, status="success").exists():
        return
    with tracked_run(self, name="scheduled_report", key=kind) as run:
        moment = None
        if now:
            import datetime as dt

            moment = dt.datetime.fromisoformat(now)
        snapshots = services.scheduled_run(kind, moment)
        for snapshot in snapshots:
            enqueue_on_commit(generate_report, snapshot.pk, snapshot.generation)
        if snapshots:
            run.key = f"{kind} {snapshots[0].period_label}"
        run.result = {"snapshots": [s.pk for s in snapshots]}


@job
def generate_report(self, snapshot_id, generation, run_id=None):
    """Build one snapshot's figures and files; ``run_id`` is the requester's progress page."""
    final = (getattr(self.request, "retries", 0) or 0) >= self.max_retries
    with tracked_run(
        self, run_id=run_id, name="generate_report", key=f"report:{snapshot_id}"
    ) as run:
        snapshot = services.snapshot_generate(
            snapshot_id=snapshot_id,
            generation=generation,
            progress=lambda percent, message: set_progress(run, percent, message),
            final=final,
            claimant=getattr(self.request, "id", None) or "",
        )
        if snapshot is not None:
            run.message = Text(
                gettext_noop("The report is ready: %(report)s"), {"report": snapshot}
            )
        # The progress page opens the report and offers each of its files by name.
        run.result = {
            "snapshot": snapshot_id,
            "url": reverse("reports:reportsnapshot", args=[snapshot_id]),
            "files": _downloads(snapshot),
        }


def _downloads(snapshot):
    if snapshot is None or not snapshot.is_ready:
        return []
    return [
        download(
            fmt,
            snapshot.file_name(fmt),
            reverse("reports:reportsnapshot_download", args=[snapshot.pk, fmt]),
        )
        for fmt in ("xlsx", "pdf")
    ]


def reconcile_reports(*, now):
    """core.reconcile's check for reports: request and queue the scheduled reports that are
    missing, and queue again those whose generation message was lost."""
    requested, stuck = services.reconcile_missing(now)
    for snapshot in [*requested, *stuck]:
        enqueue_on_commit(generate_report, snapshot.pk, snapshot.generation)
    return {"requested": len(requested), "requeued": len(stuck)}
