"""A real Celery worker against a real Redis, for integration tests.

``celery_worker(queue)`` starts ``celery -A config worker`` in a subprocess that uses the
test database of the running test (so the test must use ``transaction=True``), and
``send(task_name, *args, queue=...)`` publishes a task to Redis by name, as beat would.
Without a reachable Redis the test is skipped with the reason, except in CI where it fails.
"""

import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parent.parent


def require_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "no Redis here"
        message = f"Redis is not reachable at {REDIS_URL} ({exc}); set TEST_REDIS_URL"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _database_url():
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    user = s.get("USER") or ""
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@contextmanager
def celery_worker():
    """Run a worker on a private queue for the duration of the block; yields the queue."""
    require_redis()
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DEBUG": "true",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": _database_url(),
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # Its cache (Redis) is not the test process's (memory): nothing would tell it of a
        # role or team change made by a test.
        "ACCESS_CACHE_SECONDS": "0",
    }
    log = ROOT / "test-artifacts" / f"worker-{queue}.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield queue
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def send(task_name, *args, queue, **kwargs):
    """Publish ``task_name`` to Redis on ``queue``, by name, like a beat schedule entry."""
    app = Celery(broker=REDIS_URL)
    try:
        return app.send_task(task_name, args=args, kwargs=kwargs, queue=queue)
    finally:
        app.close()


def wait_for(predicate, timeout=60, interval=0.25):
    """Poll until ``predicate()`` is truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for the worker")
