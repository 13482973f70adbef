"""A real Celery worker on Redis runs the daily renewal job the way beat does: once it has
run, running it again creates no reminder."""

import pytest

from aftersales.models import Renewal, RenewalReminder
from core.models import Notification, TaskRun
from tests.aftersales import factories as f
from tests.worker import celery_worker, send, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_worker_runs_the_renewal_job_once(salesperson, clerk, checklists):
    policy = f.make_policy(salesperson, clerk)  # its first premium is due today
    with celery_worker() as queue:
        send("aftersales.tasks.send_renewal_reminders", queue=queue)
        run = wait_for(
            lambda: TaskRun.objects.filter(name="send_renewal_reminders", status="success").first()
        )
        assert run.result == {"renewals": 1, "reminders": 1}
        send("aftersales.tasks.send_renewal_reminders", queue=queue)
        wait_for(
            lambda: (
                TaskRun.objects.filter(name="send_renewal_reminders", status="success").count() == 2
            )
        )
    assert Renewal.objects.filter(policy=policy).count() == 1
    assert RenewalReminder.objects.count() == 1
    for person in (salesperson, clerk):
        assert (
            Notification.objects.filter(
                recipient=person, dedupe_key__startswith="renewal-reminder"
            ).count()
            == 1
        )
