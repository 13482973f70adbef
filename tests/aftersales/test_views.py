"""The pages drive the services: forms, workflow buttons, exports."""

import datetime as dt

import pytest
from django.urls import reverse

from aftersales import services
from aftersales.models import Claim, Complaint, FollowUp, Renewal, ServiceRequest
from core.models import ExportLog
from customers.models import Customer
from tests.aftersales import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def policy(salesperson, clerk, checklists):
    return f.make_policy(salesperson, clerk)


def test_claim_report_upload_check_and_steps(client_for, clerk, policy):
    client = client_for(clerk)
    response = client.post(
        reverse("aftersales:claim_add"),
        {
            "policy": policy.pk,
            "claim_type": "critical_illness",
            "incident_date": TODAY.isoformat(),
            "reported_on": TODAY.isoformat(),
            "description": "確診",
            "amount_claimed": "50000",
            "channel": "phone",
        },
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and response.url.endswith("/documents/")
    page = client.get(response.url).content.decode()
    assert "Claim form signed by the claimant" in page
    f.upload_and_accept(claim, clerk)
    response = client.post(
        reverse("aftersales:claim_step", args=[claim.pk, "submit"]),
        {"channel": "phone", "submitted_on": TODAY.isoformat(), "insurer_reference": "X9"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "submitted" and claim.insurer_reference == "X9"
    # a refused step says why and changes nothing
    response = client.post(
        reverse("aftersales:claim_step", args=[claim.pk, "pay"]),
        {"channel": "phone", "amount_paid": "1", "paid_on": TODAY.isoformat()},
        follow=True,
    )
    assert "cannot go from" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_complaint_logged_and_handled_through_the_pages(
    client_for, salesperson, supervisor, policy
):
    response = client_for(salesperson).post(
        reverse("aftersales:complaint_add"),
        {
            "customer": policy.customer_id,
            "policy": policy.pk,
            "subject": "扣款錯誤",
            "description": "重複扣款",
            "received_on": TODAY.isoformat(),
            "channel": "phone",
            "category": "premium",
            "severity": "high",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    client = client_for(supervisor)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "acknowledge-form" in page
    client.post(reverse("aftersales:complaint_step", args=[complaint.pk, "acknowledge"]), {})
    client.post(
        reverse("aftersales:complaint_step", args=[complaint.pk, "resolve"]),
        {"resolution": "已退款"},
    )
    client.post(
        reverse("aftersales:complaint_step", args=[complaint.pk, "close"]), {"satisfaction": "4"}
    )
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.satisfaction == 4
    # the supervisor's team list
    page = client.get(reverse("aftersales:complaint_list") + f"?team={complaint.team_id}")
    assert complaint.reference in page.content.decode()


def test_service_request_through_the_pages(client_for, clerk, policy):
    client = client_for(clerk)
    response = client.post(
        reverse("aftersales:servicerequest_add"),
        {
            "policy": policy.pk,
            "kind": "contact",
            "requested_on": TODAY.isoformat(),
            "email": "changed@example.com",
        },
    )
    request = ServiceRequest.objects.get()
    assert response.status_code == 302
    page = client.get(request.get_absolute_url()).content.decode()
    assert "changed@example.com" in page
    for step, data in (
        ("submit", {"submitted_on": TODAY.isoformat()}),
        ("complete", {"completed_on": TODAY.isoformat()}),
    ):
        client.post(reverse("aftersales:servicerequest_step", args=[request.pk, step]), data)
    assert Customer.objects.get(pk=policy.customer_id).email == "changed@example.com"


def test_renewal_outcome_and_worklist_export(client_for, salesperson, policy):
    services.renewals_send_reminders()
    renewal = Renewal.objects.get()
    client = client_for(salesperson)
    page = client.get(renewal.get_absolute_url()).content.decode()
    assert "outcome-form" in page
    client.post(
        reverse("aftersales:renewal_outcome", args=[renewal.pk]),
        {"outcome": "grace", "recorded_on": TODAY.isoformat(), "reason": "下週繳"},
    )
    renewal.refresh_from_db()
    assert renewal.outcome == "grace"
    response = client.get(reverse("aftersales:renewal_list") + "?export=xlsx")
    assert response.status_code == 200
    assert ExportLog.objects.filter(user=salesperson).exists()


def test_follow_up_list_flags_overdue(client_for, clerk, policy):
    FollowUp.objects.filter(policy=policy).update(due_date=TODAY - dt.timedelta(days=3))
    page = client_for(clerk).get(reverse("aftersales:followup_list") + "?work=overdue")
    assert 'data-overdue="1"' in page.content.decode()
