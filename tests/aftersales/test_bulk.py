"""Bulk actions on the follow-up and renewal lists (core.bulk): follow-ups given to another
clerk or cancelled, each through its service with history and one audit event; refusals
listed with the reason; renewals exported."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from aftersales import services
from aftersales.models import FollowUp, Renewal
from core.models import AuditEvent
from core.roles import Role
from tests.aftersales import factories as f
from tests.factories import make_employee
from underwriting.models import Policy, PremiumRecord

TODAY = dt.date.today()

pytestmark = pytest.mark.django_db


def _post(client, list_name, action, ids, **data):
    url = reverse("core:bulk", args=[list_name])
    return client.post(
        url, {"action": action, "query": "", "step": "run", "ids": [str(i) for i in ids], **data}
    )


def _events(verb, rows):
    return AuditEvent.objects.filter(verb=verb, object_id__in=[str(r.pk) for r in rows]).count()


def test_follow_ups_given_to_another_clerk_or_cancelled(
    salesperson, clerk, supervisor, team_a, client_for, checklists
):
    second = make_employee(Role.CLERK, team=team_a, username="clerk2")
    team_a.clerks.add(second)
    follow_ups = [FollowUp.objects.get(policy=f.make_policy(salesperson, clerk)) for _ in range(3)]
    cancelled = follow_ups[2]
    services.follow_up_cancel(actor=clerk, follow_up=cancelled, reason="客戶要求")
    client = client_for(supervisor)
    response = _post(
        client,
        "aftersales:followup_list",
        "assign_clerk",
        [fu.pk for fu in follow_ups],
        assigned_to=str(second.pk),
        reason="分擔工作",
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (2, 1)
    assert result["refused"][0]["pk"] == cancelled.pk
    assert "Only an open follow-up" in result["refused"][0]["reason"]
    for fu in follow_ups[:2]:
        fu.refresh_from_db()
        assert fu.assigned_to == second
        assert fu.history.first().history_user == supervisor
    assert _events("follow_up_assigned", follow_ups[:2]) == 2
    # Cancel the first one in bulk; the already cancelled one is refused.
    response = _post(
        client,
        "aftersales:followup_list",
        "cancel",
        [follow_ups[0].pk, cancelled.pk],
        reason="保單已退保",
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (1, 1)
    assert FollowUp.objects.get(pk=follow_ups[0].pk).status == FollowUp.Status.CANCELLED
    assert _events("follow_up_cancelled", [follow_ups[0]]) == 1


def test_a_clerk_of_another_team_is_refused(
    salesperson, clerk, supervisor, team_b, client_for, checklists
):
    outsider = make_employee(Role.CLERK, team=team_b, username="clerk_b")
    team_b.clerks.add(outsider)
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    with pytest.raises(ValidationError, match="does not support"):
        services.follow_up_assign(actor=supervisor, follow_up=follow_up, assigned_to=outsider)
    follow_up.refresh_from_db()
    assert follow_up.assigned_to == clerk


def test_renewals_selection_exported(salesperson, clerk, client_for, checklists):
    start = TODAY + dt.timedelta(days=60)
    start = start.replace(year=start.year - 1)
    policies = [f.make_policy(salesperson, clerk, effective_date=start) for _ in range(2)]
    for policy in policies:
        first = Policy.objects.get(pk=policy.pk).premiums.order_by("due_date").first()
        PremiumRecord.objects.filter(pk=first.pk).update(paid_on=start)
    services.renewals_send_reminders(today=TODAY)
    renewals = list(Renewal.objects.filter(policy__in=policies).order_by("pk"))
    assert len(renewals) == 2
    response = _post(client_for(clerk), "aftersales:renewal_list", "export", [renewals[0].pk])
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert len(list(sheet.iter_rows(min_row=2, values_only=True))) == 1
