"""After-sales' part of the hourly reconciliation: every delivered policy has its follow-up,
and the renewal reminders of a day whose run was lost are sent, once."""

import datetime as dt

import pytest
from django.utils import timezone

from aftersales import services as aftersales_services
from aftersales.models import FollowUp, RenewalReminder
from core.models import TaskRun
from tests.aftersales import factories as f
from underwriting.models import PremiumRecord

pytestmark = pytest.mark.django_db


def test_a_delivered_policy_without_its_follow_up_gets_one(salesperson, clerk, checklists):
    from aftersales import tasks

    policy = f.make_policy(salesperson, clerk)
    FollowUp.objects.filter(policy=policy).delete()  # as if the delivery signal was lost
    counts = tasks.reconcile_aftersales(now=timezone.now())
    assert counts["follow_ups"] == 1
    assert FollowUp.objects.filter(policy=policy, kind=FollowUp.Kind.DELIVERY).count() == 1
    assert tasks.reconcile_aftersales(now=timezone.now())["follow_ups"] == 0
    assert FollowUp.objects.filter(policy=policy).count() == 1


def test_renewal_reminders_of_a_lost_run_are_sent_once(salesperson, clerk, checklists):
    from aftersales import tasks

    today = timezone.localdate()
    start = today + dt.timedelta(days=60)
    policy = f.make_policy(salesperson, clerk, effective_date=start.replace(year=start.year - 1))
    first = policy.premiums.order_by("due_date").first()
    PremiumRecord.objects.filter(pk=first.pk).update(paid_on=first.due_date)
    # 11:00, the 08:00 run left no trace: the check sends the day's reminder
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(11, 0)))
    assert tasks.reconcile_aftersales(now=now)["reminders"] == 1
    assert RenewalReminder.objects.count() == 1
    # the day's run arrives late after all: it finds nothing to send
    assert aftersales_services.renewals_send_reminders(today=today)["reminders"] == 0
    # an hour later the check sees no run either (the service was called directly), but
    # sends nothing again
    assert tasks.reconcile_aftersales(now=now + dt.timedelta(hours=1))["reminders"] == 0
    assert RenewalReminder.objects.count() == 1


def test_a_recorded_run_is_not_run_again(salesperson, clerk, checklists):
    from aftersales import tasks

    today = timezone.localdate()
    start = today + dt.timedelta(days=60)
    policy = f.make_policy(salesperson, clerk, effective_date=start.replace(year=start.year - 1))
    first = policy.premiums.order_by("due_date").first()
    PremiumRecord.objects.filter(pk=first.pk).update(paid_on=first.due_date)
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(11, 0)))
    TaskRun.objects.create(
        name="send_renewal_reminders",
        status=TaskRun.Status.FAILED,
        created=now - dt.timedelta(hours=2, minutes=59),
    )
    # the day's run was recorded (it failed, was retried and is shown failed): not redone
    assert tasks.reconcile_aftersales(now=now)["reminders"] == 0
    assert RenewalReminder.objects.count() == 0
