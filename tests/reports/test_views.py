"""The reports pages: the archive (filters, failed reports with their error and a retry),
the request form → job → report, the report's figures, and logged, scope-checked downloads."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import ExportLog, TaskRun
from core.roles import Role
from reports import services
from reports.models import ReportSnapshot
from reports.statistics import Scope
from tests.factories import make_employee, make_team
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db

Status = ReportSnapshot.Status


def ready(scope, period=LAST_MONTH, actor=None):
    snapshot = services.snapshot_request(scope=scope, period=period, actor=actor)
    return services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)


def failed(scope, period):
    snapshot = services.snapshot_request(scope=scope, period=period)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(
        status=Status.FAILED, error="Traceback …\nOSError: [Errno 28] No space left on device"
    )
    return snapshot


def test_request_form_runs_the_job_and_leads_to_the_report(
    client_for, clerk, team_a, salesperson, django_capture_on_commit_callbacks
):
    sell(salesperson, day_in(LAST_MONTH), "15000.75")
    client = client_for(clerk)
    form = client.get(reverse("reports:reportsnapshot_add"))
    scopes = [value for value, _label in form.context["form"].fields["scope"].choices]
    assert f"team:{team_a.pk}" in scopes and "company" not in scopes

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:reportsnapshot_add"),
            {"period_kind": "month", "day": LAST_MONTH.start.isoformat(), "scope": scopes[0]},
        )
    run = TaskRun.objects.get(name="generate_report")
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    run.refresh_from_db()
    snapshot = ReportSnapshot.objects.get()
    assert run.status == "success" and run.result["url"] == snapshot.get_absolute_url()
    assert snapshot.status == Status.DONE and snapshot.generated_by == clerk

    page = client.get(snapshot.get_absolute_url())
    html = page.content.decode()
    assert "¥15,000.75" in html  # the same figure as in the files
    assert 'id="download-xlsx"' in html and 'id="download-pdf"' in html


def test_request_form_refuses_a_scope_the_user_may_not_see(client_for, clerk, team_b):
    response = client_for(clerk).post(
        reverse("reports:reportsnapshot_add"),
        {"period_kind": "month", "day": LAST_MONTH.start.isoformat(), "scope": "company"},
    )
    assert response.status_code == 200 and response.context["form"].errors["scope"]
    assert not ReportSnapshot.objects.exists()


def test_custom_range_needs_both_days_in_order(client_for, superuser):
    response = client_for(superuser).post(
        reverse("reports:reportsnapshot_add"),
        {
            "period_kind": "custom",
            "start": "2026-03-10",
            "last_day": "2026-03-01",
            "scope": "company",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not ReportSnapshot.objects.exists()


def test_archive_lists_failed_reports_with_error_and_retry(
    client_for, supervisor, team_a, manager, django_capture_on_commit_callbacks
):
    ready(Scope.team(team_a))
    bad = failed(Scope.team(team_a), LAST_MONTH.previous())
    company_failure = failed(Scope.company(), LAST_MONTH)
    client = client_for(supervisor)
    page = client.get(reverse("reports:reportsnapshot_list"))
    html = page.content.decode()
    assert page.context["table"].paginator.count == 2  # not the company's
    assert "No space left on device" in html and 'id="failed-reports"' in html
    assert reverse("reports:reportsnapshot_retry", args=[bad.pk]) in html

    failed_only = client.get(reverse("reports:reportsnapshot_list") + "?status=failed")
    assert [r.pk for r in failed_only.context["table"].data] == [bad.pk]
    export = client.get(reverse("reports:reportsnapshot_list") + "?status=failed&export=xlsx")
    assert export.status_code == 200 and ExportLog.objects.filter(user=supervisor).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:reportsnapshot_retry", args=[bad.pk]))
    assert response.status_code == 302
    bad.refresh_from_db()
    assert bad.status == Status.DONE and bad.generation == 2 and not bad.error
    # the manager sees the company's failure and may retry it
    page = client_for(manager).get(reverse("reports:reportsnapshot_list") + "?status=failed")
    assert company_failure.pk in [r.pk for r in page.context["table"].data]


def test_downloads_are_checked_and_logged(client_for, supervisor, team_a, clerk, salesperson):
    snapshot = ready(Scope.team(team_a))
    client = client_for(supervisor)
    for fmt, content_type, magic in (
        ("xlsx", "application/vnd.openxmlformats", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ):
        response = client.get(reverse("reports:reportsnapshot_download", args=[snapshot.pk, fmt]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert "attachment" in response["Content-Disposition"]
        assert snapshot.file_name(fmt) in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(magic)
    logs = ExportLog.objects.filter(user=supervisor).order_by("pk")
    assert [log.file_format for log in logs] == ["xlsx", "pdf"]
    assert logs[0].filters["report"] == snapshot.pk

    # the supervisor of another team: the report does not exist for them
    other = make_employee(Role.SUPERVISOR, team=make_team())
    other.employee.team.supervisor = other
    other.employee.team.save()
    url = reverse("reports:reportsnapshot_download", args=[snapshot.pk, "pdf"])
    assert client_for(other).get(url).status_code == 404
    assert client_for(salesperson).get(url).status_code == 403  # no report pages
    assert client_for(clerk).get(url).status_code == 200
    assert (
        client_for(clerk)
        .get(reverse("reports:reportsnapshot_download", args=[snapshot.pk, "docx"]))
        .status_code
        == 404
    )
    assert ExportLog.objects.filter(user__in=[other, salesperson]).count() == 0


def test_files_are_never_under_a_public_url(settings):
    assert settings.PRIVATE_MEDIA_URL is None
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    with pytest.raises(Resolver404):
        resolve("/media/reports/month/2026-10-01/report-company-2026-10.pdf")


def _snapshots(n, team):
    for i in range(n):
        day = LAST_MONTH.start - dt.timedelta(days=i)
        scope = Scope.team(team) if i % 2 else Scope.company()
        snapshot = services.snapshot_request(
            scope=scope, period=services.period_for("day", day=day)
        )
        if i % 3 == 0:
            ReportSnapshot.objects.filter(pk=snapshot.pk).update(status=Status.FAILED, error="x")


@pytest.mark.parametrize("rows", [2, 30])
def test_archive_queries_do_not_grow_with_rows(
    rows, client_for, manager, team_a, django_assert_num_queries
):
    _snapshots(rows, team_a)
    client = client_for(manager)
    client.get(reverse("reports:reportsnapshot_list"))  # warm the session and caches
    with django_assert_num_queries(9):
        response = client.get(reverse("reports:reportsnapshot_list"))
    assert response.status_code == 200


def _request(client, **data):
    return client.post(
        reverse("reports:reportsnapshot_add"),
        {"period_kind": "month", "day": LAST_MONTH.start.isoformat(), **data},
    )


def test_a_person_is_chosen_by_typing_among_the_people_in_scope(
    client_for, clerk, salesperson, other_salesperson, manager
):
    from core import pickers

    source = pickers.get_source("reports.person")
    # the team's clerk: their team's people and themself, never another team's
    choosable = set(source.choosable(clerk).values_list("pk", flat=True))
    assert {clerk.pk, salesperson.pk} <= choosable and other_salesperson.pk not in choosable
    # the manager reads reports but may not request them: nobody
    assert not source.choosable(manager).exists()
    form = client_for(clerk).get(reverse("reports:reportsnapshot_add")).context["form"]
    scopes = [value for value, _label in form.fields["scope"].choices]
    assert "person" in scopes and not any(s.startswith("person:") for s in scopes)


def test_a_person_outside_the_scope_is_a_field_error(
    client_for, clerk, salesperson, other_salesperson
):
    client = client_for(clerk)
    response = _request(client, scope="person", person=other_salesperson.pk)
    assert response.status_code == 200 and response.context["form"].errors["person"]
    response = _request(client, scope="person")  # no person chosen
    assert response.status_code == 200 and response.context["form"].errors["person"]
    # the old key of a person's scope is no choice any more
    response = _request(client, scope=f"person:{other_salesperson.pk}")
    assert response.status_code == 200 and response.context["form"].errors["scope"]
    assert not ReportSnapshot.objects.exists()


def test_the_form_gives_the_chosen_persons_scope(clerk, salesperson, other_salesperson):
    """A person in scope gives their scope; one outside it, or any without a user, is refused."""
    from reports.forms import ReportRequestForm

    data = {"period_kind": "month", "day": LAST_MONTH.start.isoformat(), "scope": "person"}
    form = ReportRequestForm({**data, "person": salesperson.pk}, user=clerk)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["scope_obj"] == Scope.person(salesperson.pk)
    form = ReportRequestForm({**data, "person": other_salesperson.pk}, user=clerk)
    assert not form.is_valid() and "person" in form.errors
    # unbound from a user, no person can be chosen
    form = ReportRequestForm({**data, "person": salesperson.pk})
    assert not form.is_valid()


def test_a_link_to_a_persons_report_preselects_the_person(client_for, clerk, salesperson):
    url = reverse("reports:reportsnapshot_add") + f"?scope=person:{salesperson.pk}"
    response = client_for(clerk).get(url)
    form = response.context["form"]
    assert form["scope"].value() == "person"
    assert salesperson.display_name in response.content.decode()


def test_the_request_page_costs_the_same_for_5_and_40_salespeople(
    client_for, clerk, team_a, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(clerk)
    url = reverse("reports:reportsnapshot_add")

    def add(n):
        for _ in range(n):
            make_employee(Role.SALESPERSON, team=team_a)

    add(5)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).content.decode()
    expected = len(ctx.captured_queries)
    options = page.count("<option")
    add(35)
    client.get(url)  # warm again: the new rows moved the cached tables' versions
    with django_assert_num_queries(expected):
        page = client.get(url).content.decode()
    assert page.count("<option") == options


def test_each_download_is_stamped_for_its_downloader(client_for, supervisor, clerk, team_a):
    """The stored files name nobody; each download carries its downloader's name, the time
    and the class mark, so two people's copies differ."""
    import io

    import openpyxl
    from pypdf import PdfReader

    snapshot = ready(Scope.team(team_a))
    with snapshot.pdf.open("rb") as f:
        stored_pdf = f.read()
    assert supervisor.display_name not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(stored_pdf)).pages
    )
    bodies = {}
    for user in (supervisor, clerk):
        for fmt in ("pdf", "xlsx"):
            url = reverse("reports:reportsnapshot_download", args=[snapshot.pk, fmt])
            bodies[user.pk, fmt] = b"".join(client_for(user).get(url).streaming_content)
    for user in (supervisor, clerk):
        other = clerk if user == supervisor else supervisor
        pages = PdfReader(io.BytesIO(bodies[user.pk, "pdf"])).pages
        text = "".join(p.extract_text() for p in pages)
        assert text.count(user.display_name) >= len(pages)  # on every page
        assert other.display_name not in text
        book = openpyxl.load_workbook(io.BytesIO(bodies[user.pk, "xlsx"]))
        assert user.display_name in book.properties.description
        for sheet in book.worksheets[:-1]:  # the data sheets' printed header
            assert user.display_name in sheet.oddHeader.center.text
        info = [row for row in book.worksheets[-1].values if row[0] == "密級"]
        assert user.display_name in info[0][1] and "機密" in info[0][1]
        assert "[[" not in repr(list(book.worksheets[-1].values))
    assert bodies[supervisor.pk, "pdf"] != bodies[clerk.pk, "pdf"]
    assert bodies[supervisor.pk, "xlsx"] != bodies[clerk.pk, "xlsx"]
