"""My work: the clerk's, the salesperson's and the supervisor's underwriting items."""

import datetime as dt

import pytest

from core.models import Notification
from core.mywork import items_for
from tests.underwriting import factories as f
from underwriting import services

pytestmark = pytest.mark.django_db


def counts(user):
    return {str(i.label): i.count for i in items_for(user)}


def test_clerk_items(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    f.upload_required(application, salesperson, kinds=["id_copies"])
    assert counts(clerk)["Application documents to check"] == 1
    ready = f.ready_application(salesperson=salesperson, clerk=clerk)
    assert counts(clerk)["Applications ready to submit"] == 1
    services.application_submit(actor=clerk, application=ready, channel="portal")
    services.application_decide(actor=clerk, application=ready, decision="accepted")
    f.issue_policy(ready, clerk)
    assert counts(clerk)["Contracts to deliver"] == 1


def test_overdue_underwriting_flagged_to_clerk_and_supervisor(
    salesperson, clerk, supervisor, other_salesperson, checklist
):
    application = f.ready_application(salesperson=salesperson, clerk=clerk)
    services.application_submit(
        actor=clerk,
        application=application,
        channel="portal",
        submitted_on=dt.date.today() - dt.timedelta(days=16),
    )
    assert counts(clerk)["Underwriting overdue"] == 1
    assert counts(supervisor)["Underwriting overdue"] == 1
    assert "Underwriting overdue" not in counts(other_salesperson)
    assert services.notify_overdue_applications() == 2
    assert services.notify_overdue_applications() == 2  # same day: no duplicate
    assert Notification.objects.filter(title__startswith="Underwriting overdue").count() == 2


def test_information_requested_for_the_salesperson(salesperson, clerk, checklist):
    application = f.submitted_application(salesperson=salesperson, clerk=clerk)
    services.application_request_info(
        actor=clerk, application=application, what="體檢", due_date=dt.date.today()
    )
    assert counts(salesperson)["Information requested by insurers"] == 1
    assert Notification.objects.filter(recipient=salesperson, title__contains="needs more").exists()
