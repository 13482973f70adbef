"""Bulk actions on the customer list (core.bulk): each through its service, with history and
one audit event per record, refusals listed with the reason, large selections as a job."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core import bulk, params
from core.models import AuditEvent, ExportLog, TaskRun
from customers.models import Customer, CustomerTag
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db

# The confirmation: session, user, the selection counted, the tag form's choices (the form
# bound for the page and rendered): constant whatever the number of rows.
CONFIRM_QUERIES = 5
# A small run in the request: session, user, the count, the form's tag (validated in the
# view and again by the run), the selection's keys, one batch of rows (core.bulk.BATCH)...
RUN_FRAME_QUERIES = 8
# ...then per record the tag service's own work: two savepoints (the record's own and the
# service's atomic) with their releases, "may change" (one), "already tagged" (one), the
# tag's insert (two), the full_clean() foreign-key checks (three), the update, the history
# row and the audit event.
TAG_QUERIES_PER_RECORD = 14

URL = reverse("core:bulk", args=["customers:customer_list"])


def _events(verb, customers):
    return AuditEvent.objects.filter(
        verb=verb, object_id__in=[str(c.pk) for c in customers]
    ).count()


def _post(client, action, ids=(), *, all_rows=False, query="", step="run", **data):
    payload = {"action": action, "query": query, "step": step, **data}
    if all_rows:
        payload["all"] = "1"
    else:
        payload["ids"] = [str(pk) for pk in ids]
    return client.post(URL, payload)


def test_the_list_offers_its_actions_and_tick_boxes(supervisor, salesperson, client_for):
    make_customer(salesperson)
    page = client_for(supervisor).get("/customers/customers/").content.decode()
    assert 'id="bulk-form"' in page
    assert 'class="form-check-input bulk-row"' in page
    assert 'value="reassign"' in page
    # A salesperson may not reassign: not offered.
    page = client_for(salesperson).get("/customers/customers/").content.decode()
    assert 'value="reassign"' not in page
    assert 'value="tag"' in page


def test_confirmation_says_how_many(supervisor, salesperson, client_for):
    customers = [make_customer(salesperson) for _ in range(3)]
    response = _post(client_for(supervisor), "archive", [c.pk for c in customers], step="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "3" in page and 'id="bulk-count"' in page
    assert not Customer.objects.filter(archived=True).exists()


def test_reassign_each_with_history_and_audit(supervisor, salesperson, team_a, client_for):
    from core.roles import Role
    from tests.factories import make_employee

    newcomer = make_employee(Role.SALESPERSON, team=team_a, username="newcomer")
    customers = [make_customer(salesperson) for _ in range(4)]
    response = _post(
        client_for(supervisor),
        "reassign",
        [c.pk for c in customers],
        owner=str(newcomer.pk),
        reason="離職交接",
    )
    assert response.status_code == 200
    assert 'id="bulk-result"' in response.content.decode()
    for c in customers:
        c.refresh_from_db()
        assert c.owner == newcomer
        assert c.history.first().history_user == supervisor
        assert c.history.first().history_change_reason == "離職交接"
    assert _events("reassigned", customers) == 4


def test_tag_and_untag_each_with_history_and_audit(clerk, salesperson, client_for):
    tag = CustomerTag.objects.create(name="高淨值")
    tagged = make_customer(salesperson, tags=[tag])
    fresh = [make_customer(salesperson) for _ in range(2)]
    client = client_for(clerk)
    response = _post(client, "tag", [c.pk for c in [tagged, *fresh]], tag=str(tag.pk))
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (2, 1)
    assert result["refused"][0]["pk"] == tagged.pk
    assert (
        "already has the tag" in result["refused"][0]["reason"]
        or "高淨值" in (result["refused"][0]["reason"])
    )
    for c in fresh:
        assert list(c.tags.values_list("name", flat=True)) == ["高淨值"]
        last = c.history.first()
        assert last.history_user == clerk and "高淨值" in last.history_change_reason
    assert _events("tagged", fresh) == 2 and _events("tagged", [tagged]) == 0
    response = _post(client, "untag", [c.pk for c in fresh], tag=str(tag.pk))
    assert response.context["result"]["done"] == 2
    assert not Customer.objects.filter(pk__in=[c.pk for c in fresh], tags=tag).exists()
    assert _events("untagged", fresh) == 2


def test_archive_refuses_rows_the_service_refuses(clerk, salesperson, client_for):
    done = make_customer(salesperson)
    already = make_customer(salesperson)
    from customers import services

    services.customer_archive(actor=clerk, customer=already, reason="舊")
    response = _post(
        client_for(clerk), "archive", [done.pk, already.pk], query="archived=all", reason="無效名單"
    )
    result = response.context["result"]
    assert result["done"] == 1
    assert [r["pk"] for r in result["refused"]] == [already.pk]
    assert result["refused"][0]["reason"]
    page = response.content.decode()
    assert 'id="bulk-refused"' in page and str(already.name) in page
    done.refresh_from_db()
    assert done.archived and done.archived_reason == "無效名單"
    assert _events("archived", [done]) == 1
    # A missing reason: the form says so, nothing is archived.
    other = make_customer(salesperson)
    response = _post(client_for(clerk), "archive", [other.pk], reason="")
    assert response.status_code == 200 and response.context["form"].errors
    other.refresh_from_db()
    assert not other.archived


def test_assign_clerk_only_to_a_clerk_of_the_files_team(
    supervisor, clerk, salesperson, other_salesperson, team_a, client_for
):
    from core.roles import Role
    from tests.factories import make_employee

    second = make_employee(Role.CLERK, team=team_a, username="clerk2")
    team_a.clerks.add(second)
    mine = [make_customer(salesperson) for _ in range(2)]
    response = _post(
        client_for(supervisor), "assign_clerk", [c.pk for c in mine], clerk=str(second.pk)
    )
    assert response.context["result"]["done"] == 2
    for c in mine:
        c.refresh_from_db()
        assert c.clerk == second and c.history.first().history_user == supervisor
    assert _events("clerk_assigned", mine) == 2
    assert second.notifications.count() == 2


def test_rows_out_of_scope_are_never_touched(
    supervisor, salesperson, other_salesperson, client_for
):
    """Posted keys of rows the user may not see are dropped: the selection is re-evaluated."""
    mine = make_customer(salesperson)
    foreign = make_customer(other_salesperson)
    response = _post(client_for(supervisor), "archive", [mine.pk, foreign.pk], reason="x")
    result = response.context["result"]
    assert result["total"] == 1 and result["done"] == 1
    foreign.refresh_from_db()
    assert not foreign.archived


def test_all_matching_the_filter_is_evaluated_on_the_server(
    clerk, salesperson, other_salesperson, client_for
):
    tag = CustomerTag.objects.create(name="待回訪")
    wanted = [make_customer(salesperson, name=f"王{i}") for i in range(3)]
    unwanted = make_customer(salesperson, name="李四")
    foreign = make_customer(other_salesperson, name="王外")
    response = _post(client_for(clerk), "tag", all_rows=True, query="q=王", tag=str(tag.pk))
    result = response.context["result"]
    assert result["total"] == 3 and result["done"] == 3
    assert set(Customer.objects.filter(tags=tag).values_list("pk", flat=True)) == {
        c.pk for c in wanted
    }
    assert unwanted.pk not in result and foreign.tags.count() == 0


def test_a_large_selection_runs_as_a_tracked_job(
    supervisor, clerk, salesperson, client_for, django_capture_on_commit_callbacks
):
    params.set_value(bulk.JOB_ROWS.key, "2", actor=supervisor)
    tag = CustomerTag.objects.create(name="VIP")
    customers = [make_customer(salesperson) for _ in range(4)]
    make_customer(salesperson, tags=[tag])  # refused: already tagged
    client = client_for(clerk)
    confirm = _post(client, "tag", all_rows=True, step="")
    assert 'id="bulk-as-job"' in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "tag", all_rows=True, tag=str(tag.pk))
    run = TaskRun.objects.get(name="bulk_action")
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    run.refresh_from_db()
    assert run.status == "success" and run.progress == 100
    assert (run.result["done"], run.result["refused_count"]) == (4, 1)
    assert Customer.objects.filter(tags=tag).count() == 5
    assert _events("tagged", customers) == 4
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'id="bulk-result"' in page and 'id="bulk-refused"' in page
    assert 'id="taskrun-progress"' in page and 'data-status="success"' in page
    assert clerk.notifications.filter(dedupe_key=f"bulk-done:{run.pk}").exists()
    # The same job run again changes nothing more: every row is refused as already tagged.
    from core.tasks import run_bulk_action

    again = TaskRun.objects.create(name="bulk_action", user=clerk)
    run_bulk_action.delay(
        "customers:customer_list", "tag", "", None, {"tag": [str(tag.pk)]}, run_id=again.pk
    )
    again.refresh_from_db()
    assert again.result["done"] == 0 and again.result["refused_count"] == 5
    assert _events("tagged", customers) == 4


def test_export_of_the_selection_is_masked_and_logged(clerk, salesperson, client_for):
    chosen = [make_customer(salesperson, name=f"選{i}") for i in range(2)]
    make_customer(salesperson, name="不選")
    response = _post(client_for(clerk), "export", [c.pk for c in chosen])
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["選0", "選1"]
    mobiles = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all("*" in m for m in mobiles)
    log = ExportLog.objects.get()
    assert log.row_count == 2 and not log.clear_values


def test_a_user_without_the_right_gets_no_action(salesperson, client_for):
    customer = make_customer(salesperson)
    response = _post(client_for(salesperson), "reassign", [customer.pk], owner="1")
    assert response.status_code == 302  # "choose one of the actions offered"
    customer.refresh_from_db()
    assert customer.owner == salesperson
    response = _post(client_for(salesperson), "export", [customer.pk])
    assert response.status_code == 302  # salespeople may not export customers


def test_query_counts_of_the_confirmation_and_a_small_run(
    clerk, salesperson, client_for, django_assert_num_queries
):
    tag = CustomerTag.objects.create(name="Q")
    few = [make_customer(salesperson) for _ in range(2)]
    client = client_for(clerk)
    client.get("/customers/customers/")  # warm the caches
    with django_assert_num_queries(CONFIRM_QUERIES):
        _post(client, "tag", [c.pk for c in few], step="")
    many = few + [make_customer(salesperson) for _ in range(8)]
    with django_assert_num_queries(CONFIRM_QUERIES):
        _post(client, "tag", [c.pk for c in many], step="")
    # A run: a constant frame plus the service's own work per record.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        _post(client, "tag", [c.pk for c in few], tag=str(tag.pk))
    rest = many[2:]
    with CaptureQueriesContext(connection) as eight:
        _post(client, "tag", [c.pk for c in rest], tag=str(tag.pk))
    per_record = (len(eight) - len(two)) // 6
    assert per_record == TAG_QUERIES_PER_RECORD
    assert len(two) == RUN_FRAME_QUERIES + 2 * TAG_QUERIES_PER_RECORD
