"""The scheduled underwriting jobs are registered, run through their services, and are safe
to run twice."""

import pytest
from django.conf import settings

from core.models import Notification, TaskRun
from underwriting import tasks


def test_jobs_are_scheduled():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "underwriting.tasks.notify_overdue_applications" in schedule
    assert "underwriting.tasks.extend_premium_schedules" in schedule


@pytest.mark.django_db
def test_jobs_run_and_are_idempotent(monkeypatch):
    calls = []
    monkeypatch.setattr(
        tasks.services, "notify_overdue_applications", lambda: calls.append("n") or 2
    )
    tasks.notify_overdue_applications.delay()
    tasks.extend_premium_schedules.delay()
    tasks.extend_premium_schedules.delay()
    runs = TaskRun.objects.filter(status="success")
    assert runs.filter(name="notify_overdue_applications").get().result == {"sent": 2}
    assert [r.result for r in runs.filter(name="extend_premium_schedules")] == [
        {"policies": 0},
        {"policies": 0},
    ]
    assert calls == ["n"]
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_schedule_job_fills_ahead_once(salesperson, clerk):
    import datetime as dt

    from tests.underwriting.factories import accepted_application, issue_policy
    from underwriting.services import premium_schedules_extend_all

    policy = issue_policy(accepted_application(salesperson=salesperson, clerk=clerk), clerk)
    before = policy.premiums.count()
    far = dt.date.today() + dt.timedelta(days=3 * 366)
    assert premium_schedules_extend_all(until=far) == 1
    after = policy.premiums.count()
    assert after > before
    assert premium_schedules_extend_all(until=far) == 0
    assert policy.premiums.count() == after
