"""My work items, the customer's and the policy's timelines, and the policy-filing check."""

import datetime as dt

import pytest
from django.urls import reverse

from aftersales import selectors, services
from aftersales.models import FollowUp
from core.models import Notification
from core.mywork import items_for
from tests.aftersales import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def counts(user):
    return {str(i.label): i.count for i in items_for(user)}


def test_my_work(salesperson, clerk, supervisor, manager, checklists):
    policy = f.make_policy(salesperson, clerk)
    FollowUp.objects.filter(policy=policy).update(due_date=TODAY - dt.timedelta(days=1))
    f.make_claim(policy, clerk)
    complaint = f.make_complaint(
        policy.customer, salesperson, received_on=TODAY - dt.timedelta(days=5)
    )
    services.service_request_create(actor=clerk, policy=policy, kind="other", description="副本")
    services.renewals_send_reminders()
    clerk_items = counts(clerk)
    assert clerk_items["Follow-ups overdue"] == 1
    assert clerk_items["Claims waiting on me"] == 1
    assert clerk_items["Service requests to submit"] == 1
    assert clerk_items["Renewals due in 30 days"] == 1
    assert counts(salesperson)["Renewals due in 30 days"] == 1
    assert counts(supervisor)["Complaints past their deadline"] == 1
    assert counts(supervisor)["Open complaints"] == 1
    assert counts(manager)["Complaints past their deadline"] == 1
    assert complaint.days_overdue() > 0


def test_timelines(client_for, salesperson, clerk, other_salesperson, checklists):
    policy = f.make_policy(salesperson, clerk)
    claim = f.make_claim(policy, clerk)
    f.make_complaint(policy.customer, salesperson, policy=policy)
    client = client_for(salesperson)
    page = client.get(reverse("customers:customer_timeline", args=[policy.customer_id]))
    text = page.content.decode()
    assert claim.reference in text and "follow-up" in text.lower()
    page = client.get(reverse("underwriting:policy_timeline", args=[policy.pk]))
    assert claim.reference in page.content.decode()
    from aftersales.providers import customer_timeline

    assert customer_timeline(policy.customer, other_salesperson) == []


def test_policy_files_lists_missing_follow_up_and_receipt(salesperson, clerk, checklists):
    delivered = f.make_policy(salesperson, clerk, effective_date=TODAY - dt.timedelta(days=30))
    undelivered = f.make_policy(salesperson, clerk, deliver=False)
    later = TODAY + dt.timedelta(days=20)
    ids = set(
        selectors.incomplete_policy_files(user=clerk, today=later).values_list("pk", flat=True)
    )
    assert ids == {delivered.pk, undelivered.pk}
    follow_up = FollowUp.objects.get(policy=delivered)
    services.follow_up_record_attempt(
        actor=clerk,
        follow_up=follow_up,
        reached=True,
        signed_in_person=True,
        understands_coverage=True,
        understands_exclusions=True,
        understands_cooling_off=True,
        satisfaction=5,
    )
    ids = set(
        selectors.incomplete_policy_files(user=clerk, today=later).values_list("pk", flat=True)
    )
    assert ids == {undelivered.pk}
    result = services.policy_files_check(today=later)
    assert result == {"incomplete": 1, "sent": 1}
    assert services.policy_files_check(today=later)["sent"] == 0  # once a week
    assert Notification.objects.filter(recipient=clerk, title__contains="policy files").count() == 1
