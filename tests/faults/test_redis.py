"""Reminders queued in Redis survive Redis going down hard: with append-only persistence (as
in the compose file) every queued message is there after the restart, and each is delivered
once. The Redis restarted is the test's own."""

import pytest
from celery import Celery

from core.models import Notification
from tests.faults.harness import PrivateRedis, wait_until, worker

pytestmark = [pytest.mark.faults, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

COUNT = 25


@pytest.fixture
def private_redis():
    server = PrivateRedis().start()
    yield server
    server.close()


def test_queued_reminders_survive_a_redis_crash(private_redis, salesperson):
    queue = "fault-reminders"
    app = Celery(broker=private_redis.url)
    try:
        for n in range(COUNT):
            app.send_task(
                "core.tasks.send_notification",
                args=(salesperson.pk, f"續保提醒 {n}", "", f"renewal-reminder-{n}"),
                queue=queue,
            )
    finally:
        app.close()
    private_redis.kill()  # SIGKILL: no shutdown save, only the append-only file
    private_redis.start()
    with worker(queue, pool="solo", redis_url=private_redis.url):
        wait_until(
            lambda: Notification.objects.filter(recipient=salesperson).count() >= COUNT,
            50,
            "every reminder",
        )
    titles = list(
        Notification.objects.filter(recipient=salesperson).values_list("title", flat=True)
    )
    assert sorted(titles) == sorted(f"續保提醒 {n}" for n in range(COUNT))  # none lost, none twice
