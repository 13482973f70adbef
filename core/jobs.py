"""Tracked background jobs: every run recorded, retried on failure, failures made visible."""

import traceback
from contextlib import contextmanager

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification, TaskRun
from .services import notify

RETRY_KWARGS = {"max_retries": 3}
TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "retry_kwargs": RETRY_KWARGS,
}


@contextmanager
def tracked_run(task, *, run_id=None, name=None, key="", user=None):
    """Record a task's run in TaskRun: running, then done or failed with its error.

    On the last failed attempt the requesting user is notified, so a failure is never silent.
    """
    if run_id is not None:
        run = TaskRun.objects.get(pk=run_id)
    else:
        # A retry of the same message continues the same run row.
        celery_id = getattr(getattr(task, "request", None), "id", None) or ""
        run = TaskRun.objects.filter(celery_id=celery_id).first() if celery_id else None
        if run is None:
            run = TaskRun.objects.create(
                name=name or task.name, key=key, user=user, celery_id=celery_id
            )
    run.status = TaskRun.Status.RUNNING
    run.started = run.started or timezone.now()
    run.attempts += 1
    run.error = ""
    run.save()
    try:
        yield run
    except Exception:
        run.status = TaskRun.Status.FAILED
        run.error = traceback.format_exc()[-5000:]
        run.finished = timezone.now()
        run.save()
        retries = getattr(getattr(task, "request", None), "retries", 0) or 0
        final = retries >= getattr(task, "max_retries", 0)
        if final and run.user_id:
            notify(
                recipient=run.user,
                title=_("A background job failed: %(name)s") % {"name": run.name},
                body=run.error.splitlines()[-1] if run.error else "",
                url=run.get_absolute_url(),
                level=Notification.Level.DANGER,
                dedupe_key=f"taskrun-failed:{run.pk}",
            )
        raise
    else:
        run.status = TaskRun.Status.SUCCESS
        run.progress = 100
        run.finished = timezone.now()
        run.save()


def set_progress(run, percent, message=""):
    """Update a run's progress bar (cheap: one UPDATE)."""
    TaskRun.objects.filter(pk=run.pk).update(
        progress=max(0, min(100, int(percent))), message=message[:300]
    )


def enqueue_on_commit(task, *args, **kwargs):
    """Queue ``task`` only once the current transaction commits (never a task for a row that
    was rolled back, nor one that runs before its row is visible)."""
    from django.db import transaction

    transaction.on_commit(lambda: task.delay(*args, **kwargs))


def run_start(*, name, user, key=""):
    """The TaskRun of a job ``user`` asked for: its progress page exists before any worker
    picks it up (a job done at once in the request records its outcome on it too)."""
    return TaskRun.objects.create(name=name, user=user, key=str(key)[:200])


def queue_tracked(task, *args, run, **kwargs):
    """Queue ``task`` for the recorded ``run`` once the transaction commits: the run shows
    "waiting for a worker" until then and the task gets ``run_id`` (``tracked_run`` in the
    task continues the same row). The one way a view starts a tracked background job."""
    run.message = _("Waiting for a worker…")
    run.save(update_fields=["message"])
    enqueue_on_commit(task, *args, run_id=run.pk, **kwargs)
    return run
