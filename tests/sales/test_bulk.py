"""Bulk actions on the opportunity and task lists (core.bulk): the supervisor hands
opportunities and tasks over, each through its service, with history and one audit event per
record; refused rows listed with the reason; the selection exported."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEvent
from core.roles import Role
from sales import services
from sales.models import Opportunity, SalesTask
from tests.factories import make_employee
from tests.sales.factories import make_customer, make_opportunity

pytestmark = pytest.mark.django_db


def _post(client, list_name, action, ids, **data):
    url = reverse("core:bulk", args=[list_name])
    return client.post(
        url, {"action": action, "query": "", "step": "run", "ids": [str(i) for i in ids], **data}
    )


def _events(verb, rows):
    return AuditEvent.objects.filter(verb=verb, object_id__in=[str(r.pk) for r in rows]).count()


def test_supervisor_reassigns_opportunities_and_closed_ones_are_refused(
    supervisor, salesperson, team_a, client_for
):
    newcomer = make_employee(Role.SALESPERSON, team=team_a, username="newcomer")
    open_ones = [
        make_opportunity(make_customer(salesperson), need=need)
        for need in ("critical_illness", "medical")
    ]
    won = make_opportunity(make_customer(salesperson), stage="won")
    response = _post(
        client_for(supervisor),
        "sales:opportunity_list",
        "reassign",
        [o.pk for o in [*open_ones, won]],
        owner=str(newcomer.pk),
        reason="調整轄區",
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (2, 1)
    assert result["refused"][0]["pk"] == won.pk and result["refused"][0]["reason"]
    for o in open_ones:
        o.refresh_from_db()
        assert o.owner == newcomer
        last = o.history.first()
        assert last.history_user == supervisor and last.history_change_reason == "調整轄區"
    assert _events("reassigned", open_ones) == 2 and _events("reassigned", [won]) == 0
    assert Opportunity.objects.get(pk=won.pk).owner == salesperson


def test_salespeople_are_not_offered_the_reassignment(salesperson, client_for):
    opportunity = make_opportunity(make_customer(salesperson))
    page = client_for(salesperson).get("/sales/opportunities/").content.decode()
    assert 'id="bulk-form"' in page and 'value="reassign"' not in page
    response = _post(
        client_for(salesperson),
        "sales:opportunity_list",
        "reassign",
        [opportunity.pk],
        owner=str(salesperson.pk),
    )
    assert response.status_code == 302
    with pytest.raises(PermissionDenied):
        services.opportunity_reassign(actor=salesperson, opportunity=opportunity, owner=salesperson)


def test_supervisor_reassigns_open_tasks(supervisor, salesperson, clerk, team_a, client_for):
    due = dt.date.today() + dt.timedelta(days=7)
    tasks = [
        services.task_assign(
            actor=supervisor, team=team_a, assignee=salesperson, title=f"任務{i}", due_date=due
        )
        for i in range(2)
    ]
    done = services.task_assign(
        actor=supervisor, team=team_a, assignee=salesperson, title="已完成", due_date=due
    )
    services.task_set_status(actor=salesperson, task=done, status="done")
    response = _post(
        client_for(supervisor),
        "sales:salestask_list",
        "reassign",
        [t.pk for t in [*tasks, done]],
        assignee=str(clerk.pk),
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (2, 1)
    for t in tasks:
        t.refresh_from_db()
        assert t.assignee == clerk and t.history.first().history_user == supervisor
    assert _events("task_reassigned", tasks) == 2
    assert SalesTask.objects.get(pk=done.pk).assignee == salesperson
    assert clerk.notifications.count() == 2


def test_export_of_selected_opportunities(supervisor, salesperson, client_for):
    chosen = make_opportunity(make_customer(salesperson, name="選中"))
    make_opportunity(make_customer(salesperson, name="沒選"))
    response = _post(client_for(supervisor), "sales:opportunity_list", "export", [chosen.pk])
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and any("選中" in str(v) for v in rows[0])
