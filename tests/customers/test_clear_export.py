"""A customer list export with clear ID numbers and mobiles: the right, a purpose, and above
the configured row count the supervisor's approval in My work, then a job, then the
requester's stamped download (core.clear_exports)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from core import clear_exports, mywork, params
from core.models import ExportLog, ExportRequest, TaskRun
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db

LIST = "/customers/customers/"


def _values(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return book, [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row]


@pytest.fixture
def numbers(salesperson):
    made = []
    for _n in range(3):
        number = id_number()
        make_customer(salesperson, id_type="prc_id", id_number=number)
        made.append(number)
    return made


def test_a_small_clear_export_needs_the_right_and_a_purpose(
    client_for, clerk, manager, supervisor, numbers
):
    client = client_for(clerk)
    page = client.get(LIST).content.decode()
    assert 'id="export-clear"' in page
    form = client.get(LIST + "?export=clear&stage=lead")
    assert form.status_code == 200 and "needs-approval" not in form.content.decode()
    refused = client.post(LIST + "?export=clear", {"purpose": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["purpose"]
    assert not ExportLog.objects.exists()

    response = client.post(LIST + "?export=clear", {"purpose": "保險公司續保名單"})
    assert response.status_code == 200
    _book, values = _values(b"".join(response.streaming_content))
    assert set(numbers) <= set(values)
    log = ExportLog.objects.get(user=clerk)
    assert log.clear_values and log.purpose == "保險公司續保名單" and log.row_count == 3

    # the manager exports masked files only; no clear export, no button
    assert 'id="export-clear"' not in client_for(manager).get(LIST).content.decode()
    assert client_for(manager).get(LIST + "?export=clear").status_code == 403
    denied = client_for(manager).post(LIST + "?export=clear", {"purpose": "x" * 10})
    assert denied.status_code == 403


def test_a_large_clear_export_waits_for_the_supervisor_then_runs_as_a_job(
    client_for, clerk, supervisor, superuser, numbers, django_capture_on_commit_callbacks
):
    params.set_value(clear_exports.APPROVAL_ROWS.key, 2, actor=superuser)
    client = client_for(clerk)
    assert "needs-approval" in client.get(LIST + "?export=clear").content.decode()
    response = client.post(LIST + "?export=clear", {"purpose": "年度保單檢視"})
    request = ExportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert (request.status, request.approver, request.row_count) == ("pending", supervisor, 3)
    assert not request.file and not ExportLog.objects.exists()
    assert client.get(reverse("core:exportrequest_download", args=[request.pk])).status_code == 404

    # the supervisor's My work lists it; the requester may not approve their own request
    queue = reverse("core:exportrequest_list")
    (item,) = [i for i in mywork.items_for(supervisor) if i.url.startswith(queue)]
    assert item.count == 1
    approve = reverse("core:exportrequest_approve", args=[request.pk])
    assert client.post(approve).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(supervisor).post(approve).status_code == 302
    request.refresh_from_db()
    assert request.status == "done" and request.file
    run = TaskRun.objects.get(key=f"export-request:{request.pk}")
    assert run.status == "success" and run.user == clerk and run.result["url"]

    # the requester downloads it, stamped for them, with the clear numbers; logged
    download = client_for(clerk).get(run.result["url"])
    book, values = _values(b"".join(download.streaming_content))
    assert set(numbers) <= set(values)
    assert clerk.display_name in book.properties.description
    log = ExportLog.objects.get(user=clerk)
    assert log.clear_values and log.purpose == "年度保單檢視" and log.row_count == 3
    # the approver sees the request but does not get the file
    assert client_for(supervisor).get(request.get_absolute_url()).status_code == 200
    assert client_for(supervisor).get(run.result["url"]).status_code == 403


def test_a_refusal_says_why_and_tells_the_requester(
    client_for, clerk, supervisor, superuser, numbers
):
    params.set_value(clear_exports.APPROVAL_ROWS.key, 1, actor=superuser)
    client_for(clerk).post(LIST + "?export=clear", {"purpose": "年度保單檢視"})
    request = ExportRequest.objects.get()
    reject = reverse("core:exportrequest_reject", args=[request.pk])
    client_for(supervisor).post(reject, {"note": ""})
    request.refresh_from_db()
    assert request.status == "pending"  # a refusal needs a reason
    client_for(supervisor).post(reject, {"note": "範圍過大"})
    request.refresh_from_db()
    assert request.status == "rejected" and request.decision_note == "範圍過大"
    assert clerk.notifications.filter(url=request.get_absolute_url()).exists()
    assert not TaskRun.objects.filter(key=f"export-request:{request.pk}").exists()


def _requests(clerk, supervisor, n):
    for _i in range(n):
        ExportRequest.objects.create(
            requester=clerk,
            approver=supervisor,
            what="客戶名單",
            view="customers.views.customer_list.CustomerListView",
            list_path=LIST,
            query="{}",
            purpose="續保名單",
            row_count=300,
        )


def test_the_request_list_costs_the_same_for_2_and_50_rows(
    client_for, clerk, supervisor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(supervisor)
    url = reverse("core:exportrequest_list") + "?per_page=50"

    def count():
        client.get(url)  # warm the caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _requests(clerk, supervisor, 2)
    few = count()
    _requests(clerk, supervisor, 48)
    assert count() == few
    # the frame (session, user, unread notifications), the total, the page of rows with
    # their requester and approver
    with django_assert_num_queries(5):
        client.get(url)
