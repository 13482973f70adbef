"""Complaints: deadlines by severity, the transitions, escalation to the management."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aftersales import rules, selectors, services
from aftersales.models import Complaint, ComplaintAction
from core import params
from core.models import Notification
from tests.aftersales import factories as f
from tests.underwriting.factories import make_full_customer

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
S = Complaint.Status


@pytest.mark.parametrize(
    ("severity", "ack", "resolve"),
    [("low", 3, 15), ("medium", 2, 10), ("high", 1, 7), ("critical", 1, 3)],
)
def test_deadlines_follow_the_severity(severity, ack, resolve, salesperson, supervisor):
    customer = make_full_customer(salesperson)
    complaint = f.make_complaint(customer, salesperson, severity=severity, received_on=TODAY)
    assert complaint.acknowledge_by == TODAY + dt.timedelta(days=ack)
    assert complaint.resolve_by == TODAY + dt.timedelta(days=resolve)
    assert complaint.team == customer.team and complaint.supervisor == supervisor
    assert complaint.logged_by == salesperson
    assert Notification.objects.filter(recipient=supervisor, title__contains="complaint").exists()


def test_deadlines_are_configurable(salesperson, supervisor, superuser):
    params.set_value(rules.resolve_key("medium"), 20, actor=superuser)
    complaint = f.make_complaint(make_full_customer(salesperson), salesperson, received_on=TODAY)
    assert complaint.resolve_by == TODAY + dt.timedelta(days=20)


def test_life_cycle(salesperson, supervisor):
    complaint = f.make_complaint(make_full_customer(salesperson), salesperson)
    with pytest.raises(PermissionDenied):
        services.complaint_acknowledge(actor=salesperson, complaint=complaint)
    complaint = services.complaint_acknowledge(actor=supervisor, complaint=complaint, note="已致電")
    assert complaint.status == S.ACKNOWLEDGED and complaint.acknowledged_on == TODAY
    complaint = services.complaint_start(actor=supervisor, complaint=complaint)
    services.complaint_add_action(actor=supervisor, complaint=complaint, action="與保險公司溝通")
    assert ComplaintAction.objects.filter(complaint=complaint).count() == 2
    with pytest.raises(ValidationError):
        services.complaint_close(actor=supervisor, complaint=complaint, satisfaction=4)
    with pytest.raises(ValidationError):
        services.complaint_resolve(actor=supervisor, complaint=complaint, resolution="")
    complaint = services.complaint_resolve(
        actor=supervisor, complaint=complaint, resolution="已加快處理並致歉"
    )
    assert complaint.resolved_on == TODAY
    complaint = services.complaint_reopen(
        actor=supervisor, complaint=complaint, reason="客戶不滿意"
    )
    assert complaint.status == S.IN_PROGRESS and complaint.resolved_on is None
    complaint = services.complaint_resolve(actor=supervisor, complaint=complaint, resolution="補償")
    with pytest.raises(ValidationError):
        services.complaint_close(actor=supervisor, complaint=complaint, satisfaction=None)
    complaint = services.complaint_close(actor=supervisor, complaint=complaint, satisfaction=4)
    assert complaint.status == S.CLOSED and complaint.satisfaction == 4
    assert complaint.closed_on == TODAY
    assert complaint.history.first().history_user == supervisor


def test_overdue_complaints_escalate_to_the_management_once(salesperson, supervisor, manager):
    complaint = f.make_complaint(make_full_customer(salesperson), salesperson, severity="high")
    day = complaint.acknowledge_by + dt.timedelta(days=1)
    assert list(selectors.overdue_complaints(user=supervisor, today=day)) == [complaint]
    assert list(selectors.overdue_complaints(user=manager, today=day)) == [complaint]
    assert services.complaints_escalate(today=day) == 1
    assert services.complaints_escalate(today=day) == 0
    complaint.refresh_from_db()
    assert complaint.escalated_on == day
    assert (
        Notification.objects.filter(recipient=manager, title__contains="past its deadline").count()
        == 1
    )
    # after the resolution deadline the management is told once more
    late = complaint.resolve_by + dt.timedelta(days=1)
    services.complaints_escalate(today=late)
    assert (
        Notification.objects.filter(recipient=manager, title__contains="past its deadline").count()
        == 2
    )
    # an acknowledged complaint before its resolution deadline is not overdue
    services.complaint_acknowledge(actor=supervisor, complaint=complaint)
    assert not selectors.overdue_complaints(user=supervisor, today=day).exists()


def test_other_team_cannot_log_or_see(salesperson, other_salesperson, supervisor):
    customer = make_full_customer(salesperson)
    complaint = f.make_complaint(customer, salesperson)
    with pytest.raises(PermissionDenied):
        f.make_complaint(customer, other_salesperson)
    assert not Complaint.objects.visible_to(other_salesperson).filter(pk=complaint.pk).exists()
