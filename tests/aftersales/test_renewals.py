"""Renewals: the daily job's offsets, its idempotency and its boundary days; outcomes."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aftersales import rules, selectors, services
from aftersales.models import Renewal, RenewalReminder
from core import params
from core.models import AuditEvent, Notification
from tests.aftersales import factories as f
from underwriting.models import Policy, PremiumRecord

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("days_left", "offset"),
    [
        (61, None),
        (60, 60),
        (59, 60),
        (31, 60),
        (30, 30),
        (16, 30),
        (15, 15),
        (8, 15),
        (7, 7),
        (1, 7),
        (0, 7),
        (-1, None),
    ],
)
def test_reminder_window(days_left, offset):
    assert rules.reminder_offset(days_left, [60, 30, 15, 7]) == offset


@pytest.fixture
def policy(salesperson, clerk, checklists):
    """A yearly-paying policy that started almost a year ago: its second premium is due in
    exactly 60 days (the first is paid)."""
    start = TODAY + dt.timedelta(days=60)
    start = start.replace(year=start.year - 1)
    policy = f.make_policy(salesperson, clerk, effective_date=start)
    first = policy.premiums.order_by("due_date").first()
    PremiumRecord.objects.filter(pk=first.pk).update(paid_on=start)
    return Policy.objects.get(pk=policy.pk)


def _due(policy):
    return policy.premiums.filter(paid_on__isnull=True).order_by("due_date").first().due_date


def test_offsets_and_idempotency(policy, salesperson, clerk, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    due = _due(policy)
    assert (due - TODAY).days == 60
    counts = services.renewals_send_reminders(today=TODAY)
    assert counts == {"renewals": 1, "reminders": 1}
    renewal = Renewal.objects.get(policy=policy)
    assert renewal.kind == "premium" and renewal.due_date == due
    assert renewal.customer == policy.customer and renewal.amount == policy.installment
    assert list(renewal.reminders.values_list("offset_days", flat=True)) == [60]
    # the salesperson and the clerk, in the app and by e-mail
    for person in (salesperson, clerk):
        assert (
            Notification.objects.filter(
                recipient=person, dedupe_key__startswith="renewal-reminder"
            ).count()
            == 1
        )
    # run twice: nothing new, nothing sent again
    assert services.renewals_send_reminders(today=TODAY) == {"renewals": 0, "reminders": 0}
    assert RenewalReminder.objects.count() == 1
    assert Notification.objects.filter(dedupe_key__startswith="renewal-reminder").count() == 2
    # the days inside the 60-day window add nothing; each boundary day adds its reminder
    for day in range(1, 61):
        services.renewals_send_reminders(today=TODAY + dt.timedelta(days=day))
        services.renewals_send_reminders(today=TODAY + dt.timedelta(days=day))
    offsets = sorted(renewal.reminders.values_list("offset_days", flat=True), reverse=True)
    assert offsets == [60, 30, 15, 7]
    sent_on = {r.offset_days: r.sent_on for r in renewal.reminders.all()}
    assert sent_on[30] == due - dt.timedelta(days=30)
    assert sent_on[7] == due - dt.timedelta(days=7)
    assert Renewal.objects.count() == 1


def test_a_missed_day_is_caught_up_once(policy):
    due = _due(policy)
    # the job did not run on the 30-day boundary; the next day it sends the 30-day reminder
    services.renewals_send_reminders(today=due - dt.timedelta(days=29))
    services.renewals_send_reminders(today=due - dt.timedelta(days=28))
    assert list(RenewalReminder.objects.values_list("offset_days", flat=True)) == [30]


def test_configurable_offsets(policy, superuser):
    params.set_value(rules.RENEWAL_OFFSETS, "90, 45", actor=superuser)
    services.renewals_send_reminders(today=TODAY)
    assert list(RenewalReminder.objects.values_list("offset_days", flat=True)) == [90]


def test_policies_ending_get_expiry_renewals(salesperson, clerk, checklists):
    start = TODAY + dt.timedelta(days=15)
    start = start.replace(year=start.year - 1)
    policy = f.make_policy(
        salesperson, clerk, effective_date=start, term_years=1, payment_years=1, category="accident"
    )
    services.renewals_send_reminders(today=TODAY)
    renewal = Renewal.objects.get(policy=policy, kind="expiry")
    assert renewal.due_date == policy.end_date
    assert list(renewal.reminders.values_list("offset_days", flat=True)) == [15]
    with pytest.raises(ValidationError):  # not renewed needs a reason
        services.renewal_record_outcome(actor=salesperson, renewal=renewal, outcome="not_renewed")
    renewal = services.renewal_record_outcome(
        actor=salesperson, renewal=renewal, outcome="not_renewed", reason="已在他處投保"
    )
    assert renewal.outcome == "not_renewed" and renewal.recorded_by == salesperson


def test_paid_records_the_premium_through_underwriting(policy, clerk):
    services.renewals_send_reminders(today=TODAY)
    renewal = Renewal.objects.get(policy=policy)
    renewal = services.renewal_record_outcome(actor=clerk, renewal=renewal, outcome="paid")
    premium = PremiumRecord.objects.get(policy=policy, due_date=renewal.due_date)
    assert premium.paid_on == TODAY
    assert Policy.objects.get(pk=policy.pk).next_premium_due != renewal.due_date
    # nothing more is reminded for a renewal with an outcome
    services.renewals_send_reminders(today=renewal.due_date - dt.timedelta(days=30))
    assert renewal.reminders.count() == 1


def test_paid_by_the_salesperson_asks_the_clerk_to_confirm(policy, salesperson, clerk):
    services.renewals_send_reminders(today=TODAY)
    renewal = Renewal.objects.get(policy=policy)
    services.renewal_record_outcome(actor=salesperson, renewal=renewal, outcome="paid")
    assert Notification.objects.filter(
        recipient=clerk, title__contains="Confirm the premium"
    ).exists()
    assert PremiumRecord.objects.get(policy=policy, due_date=renewal.due_date).paid_on is None


def test_grace_then_lapse_moves_the_policy(policy, salesperson, clerk):
    services.renewals_send_reminders(today=TODAY)
    renewal = Renewal.objects.get(policy=policy)
    renewal = services.renewal_record_outcome(actor=salesperson, renewal=renewal, outcome="grace")
    with pytest.raises(ValidationError):
        services.renewal_record_outcome(actor=salesperson, renewal=renewal, outcome="renewed")
    renewal = services.renewal_record_outcome(
        actor=clerk, renewal=renewal, outcome="lapsed", reason="寬限期滿未繳"
    )
    policy = Policy.objects.get(pk=policy.pk)
    assert policy.status == Policy.Status.LAPSED and policy.next_premium_due is None
    assert policy.history.first().history_user == clerk
    assert AuditEvent.objects.filter(verb="policy_lapsed", object_id=str(policy.pk)).exists()
    # a lapsed policy is reminded no more
    assert services.renewals_send_reminders(today=TODAY)["reminders"] == 0


def test_permissions_and_selectors(policy, salesperson, other_salesperson, manager, clerk):
    services.renewals_send_reminders(today=TODAY)
    renewal = Renewal.objects.get(policy=policy)
    for user in (other_salesperson, manager):
        with pytest.raises(PermissionDenied):
            services.renewal_record_outcome(actor=user, renewal=renewal, outcome="grace")
    assert not selectors.renewals_due(user=clerk, today=TODAY).exists()  # 60 days away
    assert list(selectors.renewals_due(user=clerk, today=TODAY, days=60)) == [renewal]
    assert list(selectors.renewals_due(user=salesperson, today=renewal.due_date)) == [renewal]
    assert not selectors.renewals_due(user=other_salesperson, today=renewal.due_date).exists()
    late = renewal.due_date + dt.timedelta(days=1)
    assert list(selectors.overdue_renewals(user=clerk, today=late)) == [renewal]


def test_reminder_emails(policy, salesperson, settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    salesperson.email = "sales@example.com"
    salesperson.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.renewals_send_reminders(today=TODAY)
    assert [m.to for m in mail.outbox] == [["sales@example.com"]]
