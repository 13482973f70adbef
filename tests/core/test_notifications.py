"""Notifications, My work, tracked background jobs."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from core import mywork
from core.jobs import set_progress, tracked_run
from core.models import Notification, TaskRun
from core.services import notification_mark_read, notify
from core.tasks import clear_expired_sessions, send_notification

pytestmark = pytest.mark.django_db


# --- notifications ------------------------------------------------------------------------


def test_notify_with_a_dedupe_key_is_idempotent(salesperson):
    first = notify(recipient=salesperson, title="Renewal due", dedupe_key="renewal:42")
    again = notify(recipient=salesperson, title="Renewal due (again)", dedupe_key="renewal:42")
    assert again.pk == first.pk
    assert again.title == "Renewal due"
    assert Notification.objects.filter(recipient=salesperson).count() == 1
    # the key is per recipient; without a key every send is new
    notify(recipient=salesperson, title="Hello")
    notify(recipient=salesperson, title="Hello")
    assert Notification.objects.filter(recipient=salesperson).count() == 3


def test_same_key_for_two_recipients_sends_both(salesperson, clerk):
    notify(recipient=salesperson, title="Meeting", dedupe_key="meeting:1")
    notify(recipient=clerk, title="Meeting", dedupe_key="meeting:1")
    assert Notification.objects.filter(dedupe_key="meeting:1").count() == 2


def test_notify_by_email_mails_once_after_commit(salesperson, django_capture_on_commit_callbacks):
    from django.core import mail

    salesperson.email = "sales1@example.com"
    salesperson.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=salesperson,
            title="Renewal due",
            body="Policy P-1 falls due on 2026-12-01.",
            url="/underwriting/policies/1/",
            dedupe_key="renewal-mail:1",
            email=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=salesperson, title="Renewal due", dedupe_key="renewal-mail:1", email=True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sales1@example.com"]
    assert message.subject == "Renewal due"
    assert "Policy P-1 falls due on 2026-12-01." in message.body
    assert "http://localhost:8000/underwriting/policies/1/" in message.body


def test_notify_by_email_skips_users_without_an_address(
    salesperson, django_capture_on_commit_callbacks
):
    from django.core import mail

    salesperson.email = ""
    salesperson.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=salesperson, title="Hello", email=True)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=salesperson).count() == 1


def test_bell_shows_the_unread_count(salesperson, clerk, client_for):
    notify(recipient=salesperson, title="One")
    notify(recipient=salesperson, title="Two")
    read = notify(recipient=salesperson, title="Old")
    notification_mark_read(user=salesperson, ids=[read.pk])
    notify(recipient=clerk, title="Not yours")
    response = client_for(salesperson).get("/")
    assert response.context["unread_count"] == 2
    assert '<span class="badge rounded-pill text-bg-danger" id="unread-count">2</span>' in (
        response.content.decode()
    )
    menu = client_for(salesperson).get("/core/notifications/menu/")
    assert [n.title for n in menu.context["items"]] == ["Two", "One"]


def test_no_badge_without_unread(salesperson, client_for):
    assert 'id="unread-count"' not in client_for(salesperson).get("/").content.decode()


def test_opening_marks_read_and_follows_the_link(salesperson, client_for):
    n = notify(recipient=salesperson, title="See team", url="/org/teams/")
    response = client_for(salesperson).get(f"/core/notifications/{n.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/org/teams/"
    n.refresh_from_db()
    assert n.is_read


def test_an_external_link_is_not_followed(salesperson, client_for):
    n = notify(recipient=salesperson, title="Phish", url="https://evil.example.com/")
    response = client_for(salesperson).get(f"/core/notifications/{n.pk}/")
    assert response["Location"] == "/core/notifications/"


def test_another_users_notification_is_a_404(salesperson, clerk, client_for):
    n = notify(recipient=salesperson, title="Private")
    assert client_for(clerk).get(f"/core/notifications/{n.pk}/").status_code == 404
    n.refresh_from_db()
    assert not n.is_read


def test_mark_all_read(salesperson, clerk, client_for):
    for i in range(3):
        notify(recipient=salesperson, title=f"n{i}")
    others = notify(recipient=clerk, title="clerk's")
    response = client_for(salesperson).post("/core/notifications/read-all/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=salesperson, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert not others.is_read


def test_notification_list_shows_only_ones_own(salesperson, clerk, client_for):
    notify(recipient=salesperson, title="mine")
    read = notify(recipient=salesperson, title="mine, read")
    notification_mark_read(user=salesperson, ids=[read.pk])
    notify(recipient=clerk, title="theirs")
    client = client_for(salesperson)
    assert {n.title for n in client.get("/core/notifications/").context["object_list"]} == {
        "mine",
        "mine, read",
    }
    unread = client.get("/core/notifications/?unread=1").context["object_list"]
    assert [n.title for n in unread] == ["mine"]


# --- My work ------------------------------------------------------------------------------


def test_home_lists_unread_notifications_as_work(salesperson, client_for):
    notify(recipient=salesperson, title="a")
    notify(recipient=salesperson, title="b")
    client = client_for(salesperson)
    client.cookies["django_language"] = "en"
    response = client.get("/")
    items = response.context["work_items"]
    assert [(str(i.label), i.count) for i in items] == [("Unread notifications", 2)]
    html = response.content.decode()
    assert "/core/notifications/?unread=1" in html
    assert '<span class="badge text-bg-warning" id="mywork-count">2</span>' in html
    assert [n.title for n in response.context["recent_notifications"]] == ["b", "a"]


def test_nothing_waiting(salesperson, client_for):
    response = client_for(salesperson).get("/")
    assert response.context["work_items"] == []
    assert 'id="mywork-count"' not in response.content.decode()


def test_registered_provider_adds_items(salesperson):
    def provider(user):
        return [mywork.WorkItem("Calls to make", 3, "/calls/"), mywork.WorkItem("Empty", 0, "/")]

    mywork.register(provider)
    mywork.register(provider)  # once only
    try:
        labels = [(str(i.label), i.count) for i in mywork.items_for(salesperson)]
        assert labels.count(("Calls to make", 3)) == 1
        assert ("Empty", 0) not in labels  # nothing pending: not listed
        assert mywork.refresh(salesperson)
        assert mywork.total_for(salesperson) == 3
    finally:
        mywork._providers.remove(provider)


# --- tracked jobs -------------------------------------------------------------------------


def fake_task(retries=0, max_retries=3, celery_id="c-1"):
    return SimpleNamespace(
        name="reports.build",
        max_retries=max_retries,
        request=SimpleNamespace(id=celery_id, retries=retries),
    )


def test_successful_run_is_recorded(salesperson):
    with tracked_run(fake_task(), key="2026-01", user=salesperson) as run:
        assert TaskRun.objects.get(pk=run.pk).status == TaskRun.Status.RUNNING
        set_progress(run, 40, "halfway")
        assert TaskRun.objects.get(pk=run.pk).progress == 40
    run = TaskRun.objects.get()
    assert (run.status, run.progress, run.attempts, run.key) == ("success", 100, 1, "2026-01")
    assert run.started and run.finished and run.finished >= run.started
    assert run.error == ""
    assert run.celery_id == "c-1"


def test_failed_attempt_before_the_last_waits_for_its_retry_and_does_not_notify(salesperson):
    with pytest.raises(ConnectionError), tracked_run(fake_task(retries=0), user=salesperson):
        raise ConnectionError("insurer API down")
    run = TaskRun.objects.get()
    assert run.status == TaskRun.Status.PENDING
    assert "ConnectionError: insurer API down" in run.error
    assert not Notification.objects.exists()


def test_retries_continue_the_same_run_and_the_last_failure_notifies(salesperson):
    for attempt in range(4):
        with (
            pytest.raises(ConnectionError),
            tracked_run(fake_task(retries=attempt), user=salesperson),
        ):
            raise ConnectionError("insurer API down")
    run = TaskRun.objects.get()
    assert run.attempts == 4
    assert run.status == TaskRun.Status.FAILED
    note = Notification.objects.get(recipient=salesperson)
    assert note.level == Notification.Level.DANGER
    assert note.url == run.get_absolute_url()
    assert "insurer API down" in note.body
    with translation.override("en"):
        assert "reports.build" in note.title


def test_final_failure_without_a_requesting_user_is_still_recorded():
    with pytest.raises(ValueError), tracked_run(fake_task(retries=3)):
        raise ValueError("bad data")
    assert TaskRun.objects.get().status == TaskRun.Status.FAILED
    assert not Notification.objects.exists()


def test_run_id_continues_a_prepared_run(salesperson):
    prepared = TaskRun.objects.create(name="export", user=salesperson)
    with tracked_run(fake_task(celery_id=""), run_id=prepared.pk):
        pass
    prepared.refresh_from_db()
    assert prepared.status == TaskRun.Status.SUCCESS
    assert TaskRun.objects.count() == 1


def test_progress_is_clamped(salesperson):
    run = TaskRun.objects.create(name="x")
    set_progress(run, 250)
    run.refresh_from_db()
    assert run.progress == 100
    set_progress(run, -5)
    run.refresh_from_db()
    assert run.progress == 0


def test_real_tasks_run_eagerly_and_record_their_runs(salesperson):
    send_notification.delay(salesperson.pk, "Report ready", dedupe_key="report:1")
    send_notification.delay(salesperson.pk, "Report ready", dedupe_key="report:1")
    assert Notification.objects.filter(recipient=salesperson).count() == 1
    clear_expired_sessions.delay()
    runs = dict(TaskRun.objects.values_list("name", "status").distinct())
    assert runs == {"send_notification": "success", "clear_expired_sessions": "success"}


def test_job_page_shows_the_requesters_own_run(salesperson, clerk, client_for):
    run = TaskRun.objects.create(name="export", user=salesperson, progress=30)
    assert client_for(salesperson).get(run.get_absolute_url()).status_code == 200
    assert client_for(clerk).get(run.get_absolute_url()).status_code == 404


def test_the_unread_count_is_read_once_per_request(client_for, salesperson):
    """The bell and My work both show the unread count: one COUNT per request, and a
    notification read or sent in the request is not counted from a stale figure."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from core.services import unread_count

    notify(recipient=salesperson, title="一", url="/")
    notify(recipient=salesperson, title="二", url="/")
    client = client_for(salesperson)
    client.get(reverse("home"))
    cache.clear()  # My work counted afresh on the home page, with the bell's count
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("home"))
    assert page.status_code == 200
    counts = [
        q["sql"]
        for q in ctx.captured_queries
        if "core_notification" in q["sql"] and "COUNT(" in q["sql"].upper()
    ]
    assert len(counts) == 1
    assert page.context["unread_count"] == 2
    assert unread_count(salesperson) == 2
    notification_mark_read(user=salesperson)
    assert unread_count(salesperson) == 0
    notify(recipient=salesperson, title="三", url="/")
    assert unread_count(salesperson) == 1
