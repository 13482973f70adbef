"""The hourly reconciliation: what the scheduled jobs should have produced by now exists, and
what is missing is produced — a lost schedule or message heals itself, nothing is doubled."""

import datetime as dt

import pytest
from celery.schedules import crontab
from django.utils import timezone

from core import reconcile
from core.models import TaskRun
from reports.models import ReportSnapshot

pytestmark = pytest.mark.django_db


def local(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.mark.parametrize(
    ("spec", "now", "fired"),
    [
        ("30 19 * * *", local(2026, 12, 7, 10, 0), local(2026, 12, 6, 19, 30)),
        ("30 19 * * *", local(2026, 12, 7, 19, 30), local(2026, 12, 7, 19, 30)),
        ("0 7 * * 1", local(2026, 12, 9, 12, 0), local(2026, 12, 7, 7, 0)),  # Monday
        ("0 7 * * 1", local(2026, 12, 7, 6, 59), local(2026, 11, 30, 7, 0)),
        ("0 6 1 * *", local(2026, 12, 7, 0, 0), local(2026, 12, 1, 6, 0)),
        ("0 6 1 * *", local(2026, 1, 1, 5, 0), local(2025, 12, 1, 6, 0)),
        ("*/15 8-9 * * *", local(2026, 12, 7, 9, 50), local(2026, 12, 7, 9, 45)),
        ("0 4 1 12 *", local(2026, 11, 30, 0, 0), local(2025, 12, 1, 4, 0)),
    ],
)
def test_the_last_firing_of_a_crontab(spec, now, fired):
    minute, hour, day, month, weekday = spec.split()
    schedule = crontab(
        minute=minute, hour=hour, day_of_month=day, month_of_year=month, day_of_week=weekday
    )
    assert reconcile.last_fire(schedule, now) == fired


def test_the_hourly_job_is_scheduled_and_every_app_has_its_check():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["reconcile"]["task"] == "core.tasks.reconcile"
    assert {"reports", "aftersales"} <= set(reconcile.checks())


def test_missing_scheduled_reports_are_requested_once(team_a, team_b):
    from reports import tasks

    # Wednesday 9 December 2026, 10:00: the daily reports of the 6th, 7th and 8th, the week
    # of 30 November and November are due (the daily run fires at 19:30 for its own day).
    now = local(2026, 12, 9, 10, 0)
    counts = tasks.reconcile_reports(now=now)
    scopes = 3  # the company and two teams
    assert counts == {"requested": 5 * scopes, "requeued": 0}
    made = {(s.period_kind, s.period_start) for s in ReportSnapshot.objects.all()}
    assert made == {
        ("day", dt.date(2026, 12, 8)),
        ("day", dt.date(2026, 12, 7)),
        ("day", dt.date(2026, 12, 6)),
        ("week", dt.date(2026, 11, 30)),
        ("month", dt.date(2026, 11, 1)),
    }
    assert all(s.scheduled and s.status == "pending" for s in ReportSnapshot.objects.all())
    ReportSnapshot.objects.update(requested_at=now)  # requested at the moment of the check
    # run again at once: nothing is missing, nothing is doubled
    assert tasks.reconcile_reports(now=now) == {"requested": 0, "requeued": 0}
    assert ReportSnapshot.objects.count() == 5 * scopes

    # what a run produced is lost: the next check makes it again, alone
    lost = ReportSnapshot.objects.get(period_kind="week", scope_key="company")
    lost.delete()
    ReportSnapshot.objects.update(status="done")
    later = now + dt.timedelta(hours=1)
    assert tasks.reconcile_reports(now=later) == {"requested": 1, "requeued": 0}
    assert ReportSnapshot.objects.filter(period_kind="week", scope_key="company").count() == 1

    # a report whose generation message was lost stays waiting: queued again after an hour;
    # a failed one is left as it is (it was retried and is shown failed)
    waiting = ReportSnapshot.objects.get(period_kind="week", scope_key="company")
    ReportSnapshot.objects.filter(pk=waiting.pk).update(requested_at=later - dt.timedelta(hours=2))
    ReportSnapshot.objects.filter(period_kind="month", scope_key="company").update(status="failed")
    generation = waiting.generation
    assert tasks.reconcile_reports(now=later) == {"requested": 0, "requeued": 1}
    waiting.refresh_from_db()
    assert waiting.generation == generation  # queued again, not a new generation
    assert ReportSnapshot.objects.get(period_kind="month", scope_key="company").status == "failed"


def test_a_report_due_within_the_grace_is_left_to_its_own_run(team_a):
    from reports import tasks

    # Monday 7 December 07:10: the weekly run fired at 07:00 and may still be starting
    tasks.reconcile_reports(now=local(2026, 12, 7, 7, 10))
    assert not ReportSnapshot.objects.filter(period_kind="week", period_start=dt.date(2026, 11, 30))
    tasks.reconcile_reports(now=local(2026, 12, 7, 7, 40))
    assert ReportSnapshot.objects.filter(period_kind="week", period_start=dt.date(2026, 11, 30))


def test_the_job_runs_every_check_and_records_what_it_repaired(team_a, settings):
    from core import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = True
    tasks.reconcile.delay()
    run = TaskRun.objects.get(name="reconcile")
    assert run.status == TaskRun.Status.SUCCESS
    assert set(run.result) >= {"reports", "aftersales"}
    assert run.result["reports"]["requested"] > 0
