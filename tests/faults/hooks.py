"""Loaded by the fault tests' workers (``--include``): makes the work a test breaks into
slow enough to break in the middle, and declares a job that always fails.

``FAULT_SLOW_REPORT=<seconds>`` makes each report generation pause that long once it has
claimed its snapshot (so a test can kill the worker while the report is running)."""

import os
import time

from django.db import OperationalError

from core.jobs import job, tracked_run
from reports import services

_slow = float(os.environ.get("FAULT_SLOW_REPORT", "0") or 0)
if _slow:
    _build = services._build

    def _slow_build(snapshot, progress):
        time.sleep(_slow)
        return _build(snapshot, progress)

    services._build = _slow_build


@job(name="tests.faults.always_fails")
def always_fails(self):
    """A scheduled job whose database is never there: retried, then failed for good."""
    with tracked_run(self, name="always_fails"):
        raise OperationalError("the database is unreachable (fault test)")
