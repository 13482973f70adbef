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


def _renewals(salesperson, clerk, n=2):
    start = TODAY + dt.timedelta(days=60)
    start = start.replace(year=start.year - 1)
    policies = [f.make_policy(salesperson, clerk, effective_date=start) for _ in range(n)]
    for policy in policies:
        first = Policy.objects.get(pk=policy.pk).premiums.order_by("due_date").first()
        PremiumRecord.objects.filter(pk=first.pk).update(paid_on=start)
    services.renewals_send_reminders(today=TODAY)
    return list(Renewal.objects.filter(policy__in=policies).order_by("pk"))


def test_renewal_list_offers_outcome_clerk_and_export(salesperson, clerk, client_for):
    from core import bulk

    codes = {a.code for a in bulk.actions_for("aftersales:renewal_list", clerk)}
    assert codes == {"record_outcome", "assign_clerk", "export"}


def test_renewal_outcomes_recorded_in_bulk_with_refusals(
    salesperson, clerk, client_for, checklists
):
    renewals = _renewals(salesperson, clerk, n=3)
    premiums = [r for r in renewals if r.kind == Renewal.Kind.PREMIUM]
    assert len(premiums) == 3
    services.renewal_record_outcome(actor=clerk, renewal=premiums[2], outcome="grace")
    services.renewal_record_outcome(actor=clerk, renewal=premiums[2], outcome="paid")
    client = client_for(salesperson)
    # "Renewed" is for a policy ending, not a premium due: every row refused with the reason.
    response = _post(
        client,
        "aftersales:renewal_list",
        "record_outcome",
        [r.pk for r in premiums[:2]],
        outcome="renewed",
        recorded_on=TODAY.isoformat(),
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (0, 2)
    assert "cannot be recorded" in result["refused"][0]["reason"]
    # In grace period: the two pending ones change, the paid one is refused.
    response = _post(
        client,
        "aftersales:renewal_list",
        "record_outcome",
        [r.pk for r in premiums],
        outcome="grace",
        recorded_on=TODAY.isoformat(),
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (2, 1)
    assert result["refused"][0]["pk"] == premiums[2].pk
    for renewal in premiums[:2]:
        renewal.refresh_from_db()
        assert renewal.outcome == Renewal.Outcome.GRACE and renewal.recorded_by == salesperson
        assert renewal.history.first().history_user == salesperson
    assert _events("renewal_recorded", premiums[:2]) == 2


def test_renewals_given_to_another_clerk_through_their_files(
    salesperson, clerk, supervisor, team_a, client_for, checklists
):
    second = make_employee(Role.CLERK, team=team_a, username="clerk2")
    team_a.clerks.add(second)
    renewals = _renewals(salesperson, clerk, n=2)
    customers = {r.customer_id for r in renewals}
    response = _post(
        client_for(supervisor),
        "aftersales:renewal_list",
        "assign_clerk",
        [r.pk for r in renewals],
        clerk=str(second.pk),
        reason="續保由第二位內勤跟進",
    )
    result = response.context["result"]
    assert (result["done"], result["refused_count"]) == (2, 0)
    from customers.models import Customer

    for customer in Customer.objects.filter(pk__in=customers):
        assert customer.clerk == second
        assert customer.history.first().history_user == supervisor
    assert AuditEvent.objects.filter(
        verb="clerk_assigned", object_id__in=[str(pk) for pk in customers]
    ).count() == len(customers)
    # A clerk who does not support the team is refused with the reason.
    outsider = make_employee(Role.CLERK, username="clerk_x")
    with pytest.raises(ValidationError):
        services.renewal_assign_clerk(actor=supervisor, renewal=renewals[0], clerk=outsider)
