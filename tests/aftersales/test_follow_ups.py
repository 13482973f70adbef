"""Follow-ups: scheduled from the delivery, the retry and escalation rule, the daily job."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aftersales import rules, services
from aftersales.models import Complaint, FollowUp, FollowUpAttempt
from core import params
from core.models import AuditEvent, Notification
from sales.models import SalesTask
from tests.aftersales import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def reached(follow_up, actor, **kwargs):
    data = {
        "reached": True,
        "signed_in_person": True,
        "understands_coverage": True,
        "understands_exclusions": True,
        "understands_cooling_off": True,
        "satisfaction": 5,
    }
    data.update(kwargs)
    return services.follow_up_record_attempt(actor=actor, follow_up=follow_up, **data)


def test_delivery_schedules_the_first_follow_up_inside_cooling_off(salesperson, clerk, checklists):
    policy = f.make_policy(salesperson, clerk)
    follow_up = FollowUp.objects.get(policy=policy)
    assert follow_up.kind == FollowUp.Kind.DELIVERY
    assert follow_up.status == FollowUp.Status.SCHEDULED
    assert follow_up.customer == policy.customer
    assert follow_up.assigned_to == clerk
    # 10 days by default, and never after the 15-day cooling-off period
    assert follow_up.due_date == TODAY + dt.timedelta(days=10)
    assert follow_up.due_date <= policy.cooling_off_ends
    assert AuditEvent.objects.filter(
        verb="follow_up_scheduled", object_id=str(follow_up.pk)
    ).exists()
    # the clerk who delivered is the assignee: nobody is told what they did themselves
    assert not Notification.objects.filter(recipient=clerk, title__contains="Follow-up to make")


def test_follow_up_due_date_is_capped_by_cooling_off(salesperson, clerk, checklists, superuser):
    params.set_value(rules.FOLLOW_UP_DAYS, 30, actor=superuser)
    policy = f.make_policy(salesperson, clerk)
    assert FollowUp.objects.get(policy=policy).due_date == policy.cooling_off_ends


@pytest.mark.parametrize(
    ("category", "term", "expected"),
    [
        ("critical_illness", 20, True),
        ("life", None, True),
        ("medical", 1, False),  # a one-year medical policy is not long-term
        ("property", 20, False),
        ("accident", 10, False),
    ],
)
def test_only_long_term_life_and_health_policies_get_one(category, term, expected):
    assert (
        rules.needs_delivery_follow_up(
            category=category,
            term_years=term,
            categories=["life", "critical_illness", "medical", "annuity", "education"],
            min_term_years=1,
        )
        is expected
    )


def test_no_follow_up_before_delivery_and_none_twice(salesperson, clerk, checklists):
    policy = f.make_policy(salesperson, clerk, deliver=False)
    assert not FollowUp.objects.exists()
    policy = f.deliver_policy(policy, clerk)
    policy.save()  # another save of the delivered policy adds nothing
    assert services.follow_up_schedule_after_delivery(policy=policy).policy == policy
    assert FollowUp.objects.filter(policy=policy).count() == 1


def test_reached_customer_is_recorded(salesperson, clerk, checklists):
    policy = f.make_policy(salesperson, clerk)
    follow_up = FollowUp.objects.get(policy=policy)
    follow_up = reached(follow_up, clerk, satisfaction=4, opinions="服務很好")
    assert follow_up.status == FollowUp.Status.DONE
    assert follow_up.completed_on == TODAY
    assert follow_up.attempts == 1
    assert follow_up.satisfaction == 4
    assert follow_up.history.first().history_user == clerk
    attempt = FollowUpAttempt.objects.get(follow_up=follow_up)
    assert attempt.reached and attempt.by == clerk
    with pytest.raises(ValidationError):
        reached(follow_up, clerk)  # done: no more attempts


def test_reached_needs_the_answers_and_a_score(salesperson, clerk, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    with pytest.raises(ValidationError) as exc:
        services.follow_up_record_attempt(actor=clerk, follow_up=follow_up, reached=True)
    assert {"satisfaction", "signed_in_person", "understands_coverage"} <= set(
        exc.value.message_dict
    )
    with pytest.raises(ValidationError):
        reached(follow_up, clerk, satisfaction=6)
    assert not FollowUpAttempt.objects.exists()


def test_unreached_calls_are_retried_then_escalated(salesperson, clerk, supervisor, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    for n in (1, 2):
        follow_up = services.follow_up_record_attempt(
            actor=clerk, follow_up=follow_up, reached=False, note="無人接聽"
        )
        assert follow_up.status == FollowUp.Status.SCHEDULED
        assert follow_up.attempts == n
        assert follow_up.next_attempt_on == TODAY + dt.timedelta(days=2)
    follow_up = services.follow_up_record_attempt(actor=clerk, follow_up=follow_up, reached=False)
    assert follow_up.status == FollowUp.Status.ESCALATED
    assert follow_up.attempts == 3
    assert follow_up.escalated_on == TODAY
    assert (
        Notification.objects.filter(recipient=supervisor, title__contains="escalated").count() == 1
    )
    # the supervisor (or clerk) may still reach the customer afterwards
    follow_up = reached(follow_up, supervisor)
    assert follow_up.status == FollowUp.Status.DONE


def test_the_number_of_attempts_is_configurable(salesperson, clerk, superuser, checklists):
    params.set_value(rules.MAX_ATTEMPTS, 1, actor=superuser)
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    follow_up = services.follow_up_record_attempt(actor=clerk, follow_up=follow_up, reached=False)
    assert follow_up.status == FollowUp.Status.ESCALATED


def test_opinion_becomes_a_task_for_the_salesperson(salesperson, clerk, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    due = TODAY + dt.timedelta(days=3)
    follow_up = reached(
        follow_up,
        clerk,
        satisfaction=2,
        opinions="不清楚除外責任",
        action=FollowUp.Action.TASK,
        task_due_date=due,
    )
    task = follow_up.sales_task
    assert task.assignee == salesperson and task.assigned_by == clerk
    assert task.due_date == due and task.status == SalesTask.Status.OPEN
    assert "不清楚除外責任" in task.description
    assert Notification.objects.filter(recipient=salesperson, title__contains="New task").exists()
    # a low score is flagged to the salesperson too
    assert Notification.objects.filter(
        recipient=salesperson, title__contains="Low satisfaction"
    ).exists()


def test_opinion_becomes_a_complaint(salesperson, clerk, supervisor, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    follow_up = reached(
        follow_up,
        clerk,
        satisfaction=1,
        opinions="業務員誤導",
        action=FollowUp.Action.COMPLAINT,
        complaint_category=Complaint.Category.SALES,
        complaint_severity=Complaint.Severity.HIGH,
    )
    complaint = follow_up.complaint
    assert complaint.supervisor == supervisor
    assert complaint.channel == Complaint.Channel.FOLLOW_UP
    assert complaint.severity == "high" and complaint.policy == follow_up.policy


def test_an_action_needs_the_opinion_written_down(salesperson, clerk, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    with pytest.raises(ValidationError) as exc:
        reached(follow_up, clerk, action=FollowUp.Action.TASK)
    assert "opinions" in exc.value.message_dict


def test_only_the_clerk_records(salesperson, clerk, other_salesperson, manager, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    for user in (salesperson, other_salesperson, manager):
        with pytest.raises(PermissionDenied):
            reached(follow_up, user)


def test_chase_schedules_missing_and_annual_and_flags_overdue(
    salesperson, clerk, supervisor, checklists
):
    old = f.make_policy(
        salesperson,
        clerk,
        effective_date=TODAY - dt.timedelta(days=350),
        receipt_signed_on=TODAY - dt.timedelta(days=340),
    )
    FollowUp.objects.filter(policy=old).delete()  # as if the delivery had been missed
    counts = services.follow_ups_chase(today=TODAY)
    assert counts["scheduled"] == 1 and counts["annual"] == 1
    annual = FollowUp.objects.get(policy=old, kind=FollowUp.Kind.ANNUAL)
    assert annual.due_date == old.effective_date.replace(year=old.effective_date.year + 1)
    delivery = FollowUp.objects.get(policy=old, kind=FollowUp.Kind.DELIVERY)
    assert delivery.days_overdue(TODAY) > 7
    # a second run the same day does nothing new
    again = services.follow_ups_chase(today=TODAY)
    assert again["scheduled"] == again["annual"] == 0
    assert FollowUp.objects.filter(policy=old).count() == 2


def test_chase_flags_then_escalates_overdue(salesperson, clerk, supervisor, checklists):
    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    day = follow_up.due_date + dt.timedelta(days=1)
    assert services.follow_ups_chase(today=day)["flagged"] == 1
    assert services.follow_ups_chase(today=day)["flagged"] == 0  # once per follow-up
    assert Notification.objects.filter(recipient=clerk, title__contains="overdue").count() == 1
    late = follow_up.due_date + dt.timedelta(days=8)
    assert services.follow_ups_chase(today=late)["escalated"] == 1
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.ESCALATED
    assert Notification.objects.filter(recipient=supervisor, title__contains="escalated").exists()


def test_follow_ups_of_ended_policies_are_cancelled(salesperson, clerk, checklists):
    from underwriting.services import policy_cancel_cooling_off

    policy = f.make_policy(salesperson, clerk)
    policy_cancel_cooling_off(
        actor=clerk, policy=policy, cancelled_on=TODAY, refund_amount=0, reason="改變主意"
    )
    assert services.follow_ups_chase(today=TODAY)["cancelled"] == 1
    assert FollowUp.objects.get(policy=policy).status == FollowUp.Status.CANCELLED


def test_selectors(salesperson, clerk, other_salesperson, checklists):
    from aftersales import selectors

    follow_up = FollowUp.objects.get(policy=f.make_policy(salesperson, clerk))
    due = follow_up.due_date
    assert list(selectors.follow_ups_due(user=clerk, today=due)) == [follow_up]
    assert not selectors.overdue_follow_ups(user=clerk, today=due).exists()
    assert list(selectors.overdue_follow_ups(user=clerk, today=due + dt.timedelta(days=1))) == [
        follow_up
    ]
    assert list(selectors.overdue_follow_ups(user=salesperson, today=due + dt.timedelta(days=1)))
    assert not selectors.overdue_follow_ups(
        user=other_salesperson, today=due + dt.timedelta(days=1)
    ).exists()
    # a retry due today counts as due today
    follow_up = services.follow_up_record_attempt(actor=clerk, follow_up=follow_up, reached=False)
    retry = follow_up.next_attempt_on
    assert list(selectors.follow_ups_due(user=clerk, today=retry)) == [follow_up]
