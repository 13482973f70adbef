"""The scheduled after-sales jobs are registered, run through their services, record their
runs and are safe to run twice."""

import datetime as dt

import pytest
from django.conf import settings

from aftersales import tasks
from aftersales.models import Renewal, RenewalReminder
from core.models import TaskRun
from tests.aftersales import factories as f
from underwriting.models import PremiumRecord

NAMES = [
    "aftersales.tasks.send_renewal_reminders",
    "aftersales.tasks.chase_follow_ups",
    "aftersales.tasks.escalate_overdue",
    "aftersales.tasks.check_policy_files",
]


def test_jobs_are_scheduled_and_registered():
    from config.celery import app

    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for name in NAMES:
        assert name in schedule
        assert name in app.tasks


@pytest.mark.django_db
def test_jobs_run_twice_without_duplicates(salesperson, clerk, checklists):
    today = dt.date.today()
    policy = f.make_policy(salesperson, clerk)
    # the first premium is unpaid and due today: inside the 7-day window
    assert PremiumRecord.objects.filter(
        policy=policy, paid_on__isnull=True, due_date=today
    ).exists()
    for _ in range(2):
        tasks.send_renewal_reminders.delay()
        tasks.chase_follow_ups.delay()
        tasks.escalate_overdue.delay()
        tasks.check_policy_files.delay()
    assert Renewal.objects.filter(policy=policy).count() == 1
    assert RenewalReminder.objects.count() == 1
    runs = TaskRun.objects.filter(status="success", name="send_renewal_reminders")
    assert [r.result for r in runs.order_by("pk")] == [
        {"renewals": 1, "reminders": 1},
        {"renewals": 0, "reminders": 0},
    ]
    assert TaskRun.objects.filter(status="success").count() == 8
