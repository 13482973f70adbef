"""Tracked background jobs: every run recorded, retried only when a retry can succeed,
failures made visible.

Every task of every app is declared with :func:`job`, the one definition of how the
project's jobs behave: late acknowledgement, and bounded retries with back-off for the
errors that come from the surroundings and pass (a database or broker that is briefly
unreachable, a time-out). Any other error (bad data, a refused permission, a bug) would
fail the same way again, so it fails at once: the run records it and the requester is told.
"""

import smtplib
import traceback
from contextlib import contextmanager
from dataclasses import dataclass

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .i18n import Text, job_name, stored
from .models import Notification, TaskRun
from .services import notify

MAX_RETRIES = 3

# Errors a later attempt can get past. ConnectionError and TimeoutError (socket.timeout is
# the same class) cover sockets of every kind; the others are the libraries' own classes
# for the same events, which do not derive from the built-in ones.
RETRYABLE_ERRORS = (
    OperationalError,  # database unreachable, locked, restarted, serialization failure
    InterfaceError,  # database connection closed under us
    ConnectionError,
    TimeoutError,
    kombu.exceptions.OperationalError,  # broker connection
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    smtplib.SMTPServerDisconnected,  # the mail server dropped the line
    smtplib.SMTPConnectError,
)

TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": RETRYABLE_ERRORS,
    "max_retries": MAX_RETRIES,
    "retry_backoff": settings.JOB_RETRY_BACKOFF,
    "retry_backoff_max": 600,
    "retry_jitter": True,
}


def job(func=None, **options):
    """Declare a background job (a bound Celery shared task) with the project's options.

    Use as ``@job`` or ``@job(name=...)``; ``options`` override :data:`TASK_OPTIONS`. The
    task body should run inside :func:`tracked_run` so that its run is recorded.
    """

    def declare(function):
        return shared_task(**{**TASK_OPTIONS, **options})(function)

    return declare(func) if func is not None else declare


def is_retryable(exc):
    """Whether another attempt can succeed where ``exc`` stopped this one."""
    return isinstance(exc, RETRYABLE_ERRORS)


def failure_message(exc):
    """What a person is told about ``exc``: the validation messages, the refusal, or the
    error's type and text."""
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    if isinstance(exc, PermissionDenied):
        return str(exc) or _("Permission denied.")
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def will_retry(task, exc):
    """Whether the task's retry machinery will run ``task`` again after ``exc``."""
    if not is_retryable(exc):
        return False
    retries = getattr(getattr(task, "request", None), "retries", 0) or 0
    max_retries = getattr(task, "max_retries", 0)
    return max_retries is None or retries < max_retries


@contextmanager
def tracked_run(task, *, run_id=None, name=None, key="", user=None):
    """Record a task's run in TaskRun: running, then done or failed with its error.

    An error that a retry can get past leaves the run waiting for its next attempt; any
    other error, or the last attempt's, fails the run at once with a readable message and
    the requesting user is notified, so a failure is never silent.
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
    waiting_message = run.message
    run.status = TaskRun.Status.RUNNING
    run.started = run.started or timezone.now()
    run.attempts += 1
    if run.error:
        run.message = ""  # the previous attempt's "will be retried"
        waiting_message = ""
    run.error = ""
    run.save()
    try:
        yield run
    except Exception as exc:
        run.error = traceback.format_exc()[-5000:]
        if will_retry(task, exc):
            # Not failed yet: the retry is queued; the page keeps polling.
            run.status = TaskRun.Status.PENDING
            run.message = Text(
                gettext_noop("Attempt %(n)d failed, it will be retried: %(error)s"),
                {"n": run.attempts, "error": failure_message(exc)},
            )
            run.save()
            raise
        run.status = TaskRun.Status.FAILED
        run.message = failure_message(exc)[:300]
        run.finished = timezone.now()
        run.save()
        # The requester is told; a scheduled job's failure goes to the administrators.
        for recipient in [run.user] if run.user_id else _administrators():
            notify(
                recipient=recipient,
                title=Text(
                    gettext_noop("A background job failed: %(name)s"), {"name": job_name(run.name)}
                ),
                body=run.message,
                url=run.get_absolute_url(),
                level=Notification.Level.DANGER,
                dedupe_key=f"taskrun-failed:{run.pk}",
            )
        raise
    else:
        run.status = TaskRun.Status.SUCCESS
        if run.message == waiting_message or not run.message:
            # The job said nothing of its outcome: "waiting for a worker…" must not stay.
            run.message = Text(gettext_noop("Finished."))
        run.progress = 100
        run.finished = timezone.now()
        run.save()


def _administrators():
    from .models import User

    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk")


def set_progress(run, percent, message=""):
    """Update a run's progress bar (cheap: one UPDATE); ``message`` is a ``core.i18n.Text``
    (shown in each reader's language) or plain text."""
    plain, data = stored(message, 300)
    TaskRun.objects.filter(pk=run.pk).update(
        progress=max(0, min(100, int(percent))), message=plain, message_text=data
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
    run.message = Text(gettext_noop("Waiting for a worker…"))
    run.save(update_fields=["message"])
    enqueue_on_commit(task, *args, run_id=run.pk, **kwargs)
    return run


# --- what a person reads about a run ----------------------------------------------------

# The file kinds a job can hand over, named for the person who downloads them.
FILE_KINDS = {"xlsx": "Excel", "pdf": "PDF", "csv": "CSV", "zip": "ZIP"}


@dataclass(frozen=True)
class JobDescription:
    """How a kind of job is named on its progress page and in notifications: ``label`` in
    words, and ``scope(run)``, the words for what one run is about (which report or export,
    which period, whose), or None."""

    name: str
    label: str
    scope: object = None


_descriptions = {}


def describe(name, label, *, scope=None):
    """Name the jobs recorded as ``name`` (the TaskRun name) for people; ``scope(run)``
    returns what one run is about in words (e.g. "一組 2026年11月"), or an empty string."""
    _descriptions[name] = JobDescription(name, label, scope)


def name_in_words(name):
    """A job's name in words, in the active language (its description, see
    :func:`describe`, else the recorded name)."""
    description = _descriptions.get(name)
    if description is not None:
        return str(description.label)
    return name


def run_title(run):
    """The job's name in words (every job of the project has a description)."""
    return name_in_words(run.name)


def run_scope(run):
    """What one run is about, in words: the description's scope, else the recorded key
    when it is plain words (not an internal reference such as ``report:12``)."""
    description = _descriptions.get(run.name)
    if description is not None and description.scope is not None:
        try:
            return str(description.scope(run) or "")
        except Exception:  # noqa: BLE001 - a vanished record leaves the page readable
            return ""
    key = run.key or ""
    if ":" in key or "_" in key:
        return ""
    return key


def download(fmt, name, url):
    """One file a run hands over (kept in ``run.result["files"]``): its format (``xlsx``,
    ``pdf``, ...), its file name and the permission-checked URL that serves it."""
    return {"format": fmt, "name": name, "url": url}


def run_downloads(run):
    """The files of a finished run, each with the words of its button: "Excel" / "PDF"."""
    files = []
    for item in (run.result or {}).get("files", ()):
        fmt = item.get("format", "")
        files.append({**item, "kind": FILE_KINDS.get(fmt, fmt.upper())})
    return files
