"""The report jobs: registered with beat at their times, a scheduled run fanned out into one
generation per snapshot, safe to run twice, and a failure no retry can fix shown at once."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from core.models import TaskRun
from reports import tasks
from reports.models import ReportSnapshot
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db


def test_scheduled_reports_are_registered_with_their_times():
    schedule = {
        entry["args"][0]: entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "reports.tasks.scheduled_report"
    }
    assert set(schedule) == {"day", "week", "month"}
    assert all(isinstance(s, crontab) for s in schedule.values())
    daily, weekly, monthly = schedule["day"], schedule["week"], schedule["month"]
    assert (daily.hour, daily.minute) == ({19}, {30})  # after the working day
    assert (weekly.hour, weekly.minute, weekly.day_of_week) == ({7}, {0}, {1})  # Monday morning
    assert (monthly.hour, monthly.minute, monthly.day_of_month) == ({6}, {0}, {1})  # the 1st
    # and the task they name exists under that name
    assert tasks.scheduled_report.name == "reports.tasks.scheduled_report"


def test_report_times_come_from_the_environment(monkeypatch):
    import config.settings as config_settings

    monkeypatch.setenv("CRON_REPORT_DAILY", "0 21 * * 1-5")
    custom = config_settings.cron("REPORT_DAILY", "30 19 * * *")
    assert custom.hour == {21} and custom.day_of_week == {1, 2, 3, 4, 5}


def test_monthly_run_makes_one_ready_report_per_scope_and_twice_is_the_same(
    team_a, team_b, supervisor, manager, salesperson, django_capture_on_commit_callbacks
):
    sell(salesperson, day_in(LAST_MONTH), "8800.00")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.scheduled_report.delay("month")
    snapshots = ReportSnapshot.objects.order_by("scope_key")
    assert [s.scope_key for s in snapshots] == ["company", f"team:{team_a.pk}", f"team:{team_b.pk}"]
    assert {s.status for s in snapshots} == {ReportSnapshot.Status.DONE}
    assert {(s.period_start, s.period_end) for s in snapshots} == {
        (LAST_MONTH.start, LAST_MONTH.end)
    }
    run = TaskRun.objects.get(name="scheduled_report")
    assert run.status == TaskRun.Status.SUCCESS and LAST_MONTH.label in run.key
    # one generation job per snapshot, each recorded
    assert TaskRun.objects.filter(name="generate_report", status="success").count() == 3
    assert supervisor.notifications.count() == 1 and manager.notifications.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        tasks.scheduled_report.delay("month")
    assert ReportSnapshot.objects.count() == 3
    assert set(ReportSnapshot.objects.values_list("generation", flat=True)) == {2}
    assert supervisor.notifications.count() == 1 and manager.notifications.count() == 1


def test_a_generation_no_retry_can_fix_is_shown_failed_at_once(
    team_a, clerk, settings, tmp_path, django_capture_on_commit_callbacks
):
    from reports import services
    from reports.statistics import Scope

    # The files' folder is not a folder: every attempt would fail the same way, so the
    # job is not retried (core.jobs retries only database, connection and time-out errors).
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = str(blocked)
    run = TaskRun.objects.create(name="generate_report", user=clerk)
    snapshot = services.snapshot_request(
        scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk, run=run
    )
    with pytest.raises(NotADirectoryError):
        tasks.generate_report.apply(
            args=(snapshot.pk, snapshot.generation),
            kwargs={"run_id": run.pk},
            task_id="report-message-1",
            retries=0,
            throw=True,
        )
    snapshot.refresh_from_db()
    run.refresh_from_db()
    assert snapshot.status == ReportSnapshot.Status.FAILED and snapshot.attempts == 1
    assert "NotADirectoryError" in snapshot.error
    assert run.status == TaskRun.Status.FAILED and run.attempts == 1
    assert run.message.startswith("NotADirectoryError")
    # the requester hears of it at once (core.jobs notifies on a failure that is final)
    assert clerk.notifications.filter(level="danger").count() == 1


def test_on_demand_generation_reports_progress_and_links_the_report(
    team_a, clerk, django_capture_on_commit_callbacks
):
    from reports import services
    from reports.statistics import Scope

    run = TaskRun.objects.create(name="generate_report", user=clerk)
    snapshot = services.snapshot_request(
        scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk, run=run
    )
    tasks.generate_report.delay(snapshot.pk, snapshot.generation, run_id=run.pk)
    run.refresh_from_db()
    assert run.status == TaskRun.Status.SUCCESS and run.progress == 100
    assert run.result["url"] == snapshot.get_absolute_url()
