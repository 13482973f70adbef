"""A job's progress page speaks the user's words: the job's name and what it is for (which
report, which period, whose), an end to "working…" once the job ends (polling stops, the
outcome is shown) and download buttons that say which file they give."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core import jobs
from core.models import TaskRun
from reports.models import ReportSnapshot
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db


def _request_report(client, team, capture):
    with capture(execute=True):
        response = client.post(
            reverse("reports:reportsnapshot_add"),
            {
                "period_kind": "month",
                "day": LAST_MONTH.start.isoformat(),
                "scope": f"team:{team.pk}",
            },
        )
    assert response.status_code == 302
    return TaskRun.objects.get(name="generate_report")


@pytest.mark.parametrize(
    ("language", "title", "ready"),
    [("zh-hant", "產生報表", "作業已完成。"), ("en", "Generate a report", "The job is done.")],
)
def test_a_finished_report_job_names_itself_its_scope_and_its_files(
    language,
    title,
    ready,
    client_for,
    clerk,
    team_a,
    salesperson,
    django_capture_on_commit_callbacks,
    settings,
):
    sell(salesperson, day_in(LAST_MONTH), "15000.75")
    client = client_for(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    run = _request_report(client, team_a, django_capture_on_commit_callbacks)
    snapshot = ReportSnapshot.objects.get()

    html = client.get(
        run.get_absolute_url(), headers={"accept-language": language}
    ).content.decode()
    assert f"<title>{title}" in html or f">{title}<" in html
    assert "generate_report" not in html and "report:" not in html
    scope = re.search(r'id="taskrun-scope">(.*?)</dd>', html).group(1)
    assert team_a.name in scope and snapshot.period_label in scope
    # the job has ended: no polling, no "waiting"/"you can leave this page", the outcome
    assert 'data-status="success"' in html
    assert "hx-trigger" not in html.split('id="taskrun-progress"')[1].split(">")[0]
    assert ready in html
    assert "being generated" not in html and "正在產生" not in html  # no "working…" left
    assert "spinner-border" not in html
    # one button per file, saying which file it gives
    downloads = re.findall(
        r'<a class="btn btn-primary" href="([^"]+)" download="([^"]+)">(.*?)</a>', html, re.S
    )
    assert [(url, name) for url, name, _text in downloads] == [
        (
            reverse("reports:reportsnapshot_download", args=[snapshot.pk, "xlsx"]),
            snapshot.file_name("xlsx"),
        ),
        (
            reverse("reports:reportsnapshot_download", args=[snapshot.pk, "pdf"]),
            snapshot.file_name("pdf"),
        ),
    ]
    assert "Excel" in downloads[0][2] and snapshot.file_name("xlsx") in downloads[0][2]
    assert "PDF" in downloads[1][2] and snapshot.file_name("pdf") in downloads[1][2]
    # each button gives that file
    assert client.get(downloads[0][0]).status_code == 200


def test_a_waiting_job_polls_and_a_finished_one_stops(clerk, client_for):
    run = jobs.run_start(name="generate_report", user=clerk)
    jobs.queue_tracked(lambda *a, **k: None, run=run)  # not yet picked up
    client = client_for(clerk)
    partial = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in partial and "spinner-border" in partial

    run.status = TaskRun.Status.SUCCESS
    run.save()
    partial = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and "hx-get" not in partial
    assert 'data-status="success"' in partial and "spinner-border" not in partial


def test_a_job_that_says_nothing_of_its_outcome_does_not_stay_waiting(clerk):
    with translation.override("en"):
        run = jobs.run_start(name="send_notification", user=clerk)
        jobs.queue_tracked(lambda *a, **k: None, run=run)
        run.refresh_from_db()
        assert run.get_message_display() == "Waiting for a worker…"
        with jobs.tracked_run(None, run_id=run.pk):
            pass
        run.refresh_from_db()
        assert run.status == TaskRun.Status.SUCCESS
        assert run.get_message_display() == "Finished." and run.message_text == {"t": "Finished."}


def test_every_job_of_the_project_has_a_name_in_words():
    """Each recorded job name (the TaskRun names the apps use) is described, in Chinese."""
    names = [
        "generate_report",
        "scheduled_report",
        "clear_export",
        "customer_import",
        "send_renewal_reminders",
        "chase_follow_ups",
        "escalate_overdue",
        "check_policy_files",
        "notify_overdue_applications",
        "extend_premium_schedules",
        "sync_calendar",
        "training.send_mandatory_reminders",
        "send_certificate_expiry_reminders",
        "close_due_online_tests",
        "clear_expired_sessions",
        "send_notification",
        "email_notification",
        "send_agreement_reminders",
        "bulk_action",
        "reconcile",
        "appraisal.send_appraisal_reminders",
    ]
    with translation.override("zh-hant"):
        for name in names:
            title = TaskRun(name=name).title
            assert title != name and "_" not in title and re.search(r"[\u4e00-\u9fff]", title), name


def test_a_failed_job_shows_the_failure_and_stops_polling(clerk, client_for):
    run = jobs.run_start(name="clear_export", user=clerk, key="export-request:999")
    run.status = TaskRun.Status.FAILED
    run.message = "The requester may no longer export these values."
    run.save()
    html = client_for(clerk).get(run.get_absolute_url()).content.decode()
    assert 'data-status="failed"' in html and "alert-danger" in html
    assert "hx-trigger" not in html.split('id="taskrun-progress"')[1].split(">")[0]
    assert "export-request:999" not in html
