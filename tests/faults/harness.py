"""What the fault tests break and mend: real Celery workers (killed with SIGKILL), a private
Redis with append-only persistence (restarted), and the helpers to find a worker's children.

Each test runs against the real services of the machine it runs on (CI: the machine's Redis
and PostgreSQL); what a test restarts is its own private instance, never the machine's.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.worker import REDIS_URL, ROOT, _database_url, require_redis

# Worker settings for the faults: a message whose worker died unacknowledged comes back
# after 5 s (not 4 h), looked for every 2 s, and a retry waits about a second (not 30 s).
FAULT_ENV = {
    "CELERY_VISIBILITY_TIMEOUT": "5",
    "CELERY_RESTORE_INTERVAL": "2",
    "JOB_RETRY_BACKOFF_SECONDS": "1",
}


class Worker:
    def __init__(self, process, queue, log):
        self.process, self.queue, self.log = process, queue, log

    def children(self):
        """The pool's child processes (prefork) of the worker."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill(self):
        """SIGKILL the worker and its children at once (no warm shutdown, nothing acked)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_worker(queue=None, *, pool="prefork", redis_url=REDIS_URL, extra_env=None):
    """Start ``celery worker`` on ``queue`` (a new private one by default) with the fault
    settings and the test's database; the slow-down hooks of tests/faults/hooks.py loaded."""
    queue = queue or f"fault-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DEBUG": "true",
        "REDIS_URL": redis_url,
        "DATABASE_URL": _database_url(),
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "ACCESS_CACHE_SECONDS": "0",
        **FAULT_ENV,
        **(extra_env or {}),
    }
    log = ROOT / "test-artifacts" / f"worker-{queue}-{uuid.uuid4().hex[:4]}.log"
    log.parent.mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue,
        "--pool", pool, "--concurrency", "1", "--loglevel", "INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--include", "tests.faults.hooks",
    ]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Worker(process, queue, log)


@contextmanager
def worker(queue=None, **kwargs):
    require_redis()
    running = start_worker(queue, **kwargs)
    try:
        yield running
    finally:
        running.stop()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own, with append-only persistence (as in the compose
    file), that the test may stop and start again on the same data."""

    def __init__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get("CI") == "true":
                pytest.fail("redis-server is not installed")
            pytest.skip("redis-server is not installed")
        self.binary, self.port = binary, _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="fault-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir",
                str(self.dir), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=1).ping()
                return self
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        pytest.fail("the private Redis did not start")

    def kill(self):
        """Stop it the hard way (SIGKILL): only what the append-only file holds survives."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def close(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")
