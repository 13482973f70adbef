"""Background jobs retry only what a retry can get past: a database, broker or network that
is briefly unreachable, or a time-out. Bad data and refused permissions fail at once, are
recorded on the run with their message and shown to the requester."""

import importlib
import inspect

import pytest
from celery import current_app
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from core import jobs
from core.models import Notification, TaskRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Pages and messages in the English source text, for tests that read them."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


# Jobs of the test itself, declared like every job of the project. Each raises ``error``
# on its first ``failures`` attempts (counted on its own run), then succeeds.
@jobs.job(name="tests.core.test_jobs.unreliable")
def unreliable(self, user_id, error, failures):
    with jobs.tracked_run(self, name="unreliable", user=_user(user_id)) as run:
        if run.attempts <= failures:
            raise _ERRORS[error]()
        run.result = {"done": True}


def _user(user_id):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user_id)


_ERRORS = {
    "database": lambda: OperationalError("server closed the connection unexpectedly"),
    "connection": lambda: ConnectionResetError("connection reset by peer"),
    "timeout": lambda: TimeoutError("timed out"),
    "validation": lambda: ValidationError("The period is closed; nothing can be added to it."),
    "permission": lambda: PermissionDenied("You may not generate this team's report."),
    "bug": lambda: KeyError("missing"),
}


def _deliver(task, *args):
    """Run one message as a worker does: each retry is the same message again, with its
    retry count one higher (eager mode raises Retry instead of queueing it)."""
    from celery.exceptions import Retry

    for attempt in range(50):
        try:
            return task.apply(args=args, task_id="message-1", retries=attempt, throw=True)
        except Retry:
            continue
    raise AssertionError("the job was retried without end")


def _run():
    return TaskRun.objects.get(name="unreliable")


@pytest.mark.parametrize("error", ["database", "connection", "timeout"])
def test_a_passing_error_is_retried_and_the_job_then_succeeds(error, clerk):
    _deliver(unreliable, clerk.pk, error, 2)
    run = _run()
    assert run.status == TaskRun.Status.SUCCESS and run.attempts == 3
    assert run.error == "" and run.result == {"done": True}
    assert not clerk.notifications.exists()


def test_retries_are_bounded_then_the_run_fails_and_is_shown(clerk):
    with pytest.raises(OperationalError):
        _deliver(unreliable, clerk.pk, "database", 100)
    run = _run()
    assert run.attempts == jobs.MAX_RETRIES + 1 == unreliable.max_retries + 1
    assert run.status == TaskRun.Status.FAILED
    assert "server closed the connection unexpectedly" in run.message
    notice = clerk.notifications.get()
    assert notice.level == Notification.Level.DANGER and notice.url == run.get_absolute_url()


def test_between_attempts_the_run_waits_for_its_retry(clerk):
    # One attempt of the message, as a worker runs it: it asks for a retry, the run is
    # not failed and nobody is told yet.
    from celery.exceptions import Retry

    with pytest.raises(Retry):
        unreliable.apply(args=(clerk.pk, "database", 100), task_id="m-1", throw=True)
    run = _run()
    assert run.status == TaskRun.Status.PENDING and run.attempts == 1
    assert "will be retried" in run.message and "OperationalError" in run.error
    assert not clerk.notifications.exists()


@pytest.mark.parametrize(
    ("error", "exception", "message"),
    [
        ("validation", ValidationError, "The period is closed; nothing can be added to it."),
        ("permission", PermissionDenied, "You may not generate this team's report."),
        ("bug", KeyError, "KeyError: 'missing'"),
    ],
)
def test_an_error_no_retry_can_fix_fails_at_once_with_its_message(
    error, exception, message, clerk, client_for
):
    with pytest.raises(exception):
        _deliver(unreliable, clerk.pk, error, 100)
    run = _run()
    assert run.attempts == 1 and run.status == TaskRun.Status.FAILED
    assert run.message == message and run.finished is not None
    # the requester is told at once, with the message
    notice = clerk.notifications.get()
    assert notice.level == Notification.Level.DANGER and notice.body == message
    # and the run's page shows it, with no claim that it was retried
    page = client_for(clerk).get(run.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert message.replace("'", "&#x27;") in text
    assert "It has been retried automatically" not in text
    assert "so it was not retried" in text


def test_the_run_page_of_a_retried_failure_says_it_was_retried(clerk, client_for):
    with pytest.raises(OperationalError):
        _deliver(unreliable, clerk.pk, "database", 100)
    text = client_for(clerk).get(reverse("core:taskrun", args=[_run().pk])).content.decode()
    assert "It has been retried automatically" in text


def _project_task_modules():
    for config in apps.get_app_configs():
        if not config.path.startswith(str(apps.get_app_config("core").path).rsplit("/", 1)[0]):
            continue
        try:
            yield importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError:
            continue


def test_every_task_of_the_project_is_declared_with_the_one_definition():
    modules = list(_project_task_modules())
    assert {m.__name__ for m in modules} >= {
        "core.tasks",
        "customers.tasks",
        "reports.tasks",
        "underwriting.tasks",
        "aftersales.tasks",
    }
    tasks = [
        current_app.tasks[name]
        for name in current_app.tasks
        if name.split(".tasks.")[0] in {m.__name__.rsplit(".", 1)[0] for m in modules}
    ]
    assert len(tasks) >= 12
    for task in tasks:
        assert task.autoretry_for == jobs.RETRYABLE_ERRORS, task.name
        assert task.max_retries == jobs.MAX_RETRIES and task.acks_late, task.name
    for module in modules:
        assert "shared_task" not in inspect.getsource(module), module.__name__


def test_the_retryable_errors_are_the_passing_ones():
    import kombu.exceptions
    import redis.exceptions
    from django.db import IntegrityError, InterfaceError

    for exc in (
        OperationalError(),
        InterfaceError(),
        ConnectionRefusedError(),
        TimeoutError(),  # socket.timeout is this class
        kombu.exceptions.OperationalError(),
        redis.exceptions.ConnectionError(),
    ):
        assert jobs.is_retryable(exc), exc
    permanent = (ValidationError("x"), PermissionDenied(), IntegrityError(), KeyError(), OSError())
    for exc in permanent:
        assert not jobs.is_retryable(exc), exc
