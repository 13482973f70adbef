"""A real worker on Redis runs a task the way production does, and records its run."""

import pytest

from core.models import Notification, TaskRun
from tests.worker import celery_worker, send, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_worker_runs_task_once_and_records_it(salesperson):
    with celery_worker() as queue:
        send("core.tasks.send_notification", salesperson.pk, "報表已完成", "", "k1", queue=queue)
        note = wait_for(lambda: Notification.objects.filter(recipient=salesperson).first())
        assert note.title == "報表已完成"
        run = wait_for(
            lambda: TaskRun.objects.filter(name="send_notification", status="success").first()
        )
        assert run.attempts == 1 and run.celery_id
        # The same message again (e.g. redelivered) sends nothing new: the task is idempotent.
        send("core.tasks.send_notification", salesperson.pk, "報表已完成", "", "k1", queue=queue)
        wait_for(lambda: TaskRun.objects.filter(name="send_notification").count() == 2)
        wait_for(lambda: not TaskRun.objects.filter(status__in=["pending", "running"]).exists())
    assert Notification.objects.filter(recipient=salesperson).count() == 1
