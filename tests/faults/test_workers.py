"""A report survives its worker dying: killed in the middle (one pool child, or the whole
worker), it is done again and finished once, with nothing doubled. A job that always fails
is retried a bounded number of times, then failed for good and shown to the administrators.

Each test is bounded (a minute at most) and breaks only its own worker."""

import pytest
from django.contrib.auth import get_user_model

from core.models import Notification, TaskRun
from reports import services
from reports.models import ReportSnapshot
from reports.statistics import Scope
from tests.faults.harness import start_worker, wait_until, worker
from tests.reports.report_data import LAST_MONTH
from tests.worker import require_redis, send

pytestmark = [pytest.mark.faults, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

SLOW = {"FAULT_SLOW_REPORT": "3"}


def _requested(team):
    snapshot = services.snapshot_request(scope=Scope.team(team), period=LAST_MONTH)
    return snapshot


def _status(snapshot):
    return ReportSnapshot.objects.values_list("status", flat=True).get(pk=snapshot.pk)


def _finished_once(snapshot, supervisor):
    snapshot.refresh_from_db()
    assert snapshot.status == ReportSnapshot.Status.DONE
    assert snapshot.excel and snapshot.pdf
    assert ReportSnapshot.objects.count() == 1
    # The supervisor is told once, however many attempts it took.
    notes = Notification.objects.filter(recipient=supervisor, url__contains=f"/{snapshot.pk}/")
    assert notes.count() == 1
    return snapshot


def test_a_pool_child_killed_mid_report_runs_again_and_finishes_once(team_a, supervisor):
    snapshot = _requested(team_a)
    with worker(extra_env=SLOW) as w:
        send("reports.tasks.generate_report", snapshot.pk, snapshot.generation, queue=w.queue)
        wait_until(lambda: _status(snapshot) == "running", 30, "the report to start")
        children = w.children()
        assert children, w.output()
        import os
        import signal

        os.kill(children[0], signal.SIGKILL)
        wait_until(lambda: _status(snapshot) == "done", 45, "the report to finish")
    snapshot = _finished_once(snapshot, supervisor)
    assert snapshot.attempts == 2  # the killed attempt and the one that finished
    assert "WorkerLostError" in w.output() or "Process" in w.output()


def test_a_killed_worker_s_report_is_finished_by_the_next_worker(team_a, supervisor):
    require_redis()
    snapshot = _requested(team_a)
    first = start_worker(extra_env=SLOW)
    try:
        send("reports.tasks.generate_report", snapshot.pk, snapshot.generation, queue=first.queue)
        wait_until(lambda: _status(snapshot) == "running", 30, "the report to start")
    finally:
        first.kill()  # nothing acknowledged: the message stays with the broker
    assert _status(snapshot) == "running"
    # A new worker on the same queue gets the message back once the visibility time-out
    # (5 s in these tests) has passed, and takes over the half-done report at once.
    with worker(first.queue) as second:
        wait_until(lambda: _status(snapshot) == "done", 55, "the next worker to finish")
    _finished_once(snapshot, supervisor)
    assert second.output()


def test_a_job_that_always_fails_is_retried_then_failed_and_shown_to_administrators():
    admin = get_user_model().objects.create_superuser("root1", "root1@example.com", "x" * 12)
    with worker() as w:
        send("tests.faults.always_fails", queue=w.queue)
        run = wait_until(
            lambda: TaskRun.objects.filter(name="always_fails", status="failed").first(),
            45,
            "the job to fail for good",
        )
        alert = wait_until(
            lambda: Notification.objects.filter(recipient=admin).first(), 20, "the alert"
        )
    from core.jobs import MAX_RETRIES

    assert run.attempts == MAX_RETRIES + 1  # the first try and every retry, then no more
    assert "unreachable" in run.message
    assert alert.level == Notification.Level.DANGER and alert.url == run.get_absolute_url()
    assert TaskRun.objects.filter(name="always_fails").count() == 1  # one run, not four
