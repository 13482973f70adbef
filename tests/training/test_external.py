"""External courses: request, the team supervisor's decision, evidence, HR's confirmation."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from core import mywork
from core.models import Notification
from training import services
from training.models import ExternalCourse, TrainingRecord

from .factories_sessions import PDF_BYTES, approve, make_external, upload_evidence

pytestmark = pytest.mark.django_db


def _labels(user):
    with translation.override("en"):
        return {str(i.label): i.count for i in mywork.items_for(user)}


def test_whole_flow(salesperson, supervisor, hr, other_salesperson):
    external = make_external(salesperson, hours="7.5")
    assert Notification.objects.filter(recipient=supervisor).exists()
    assert _labels(supervisor)["External courses to approve"] == 1
    with pytest.raises(PermissionDenied):  # not the supervisor of the team
        services.external_decide(actor=hr, external=external, approve=True)
    with pytest.raises(PermissionDenied):  # nor the employee
        services.external_decide(actor=salesperson, external=external, approve=True)
    approve(external, supervisor)
    assert "External courses to approve" not in _labels(supervisor)
    with pytest.raises(PermissionDenied):
        services.external_upload_evidence(actor=other_salesperson, external=external, file=None)
    with pytest.raises(ValidationError):  # no evidence yet
        services.external_confirm(actor=hr, external=external)
    upload_evidence(external, score=Decimal("90"))
    assert _labels(hr)["External courses to confirm"] == 1
    with pytest.raises(PermissionDenied):
        services.external_confirm(actor=supervisor, external=external)
    services.external_confirm(actor=hr, external=external)
    external.refresh_from_db()
    assert external.status == ExternalCourse.Status.CONFIRMED
    record = TrainingRecord.objects.get(employee=salesperson.employee)
    assert record == external.record
    assert (record.kind, record.hours, record.score) == ("external", Decimal("7.5"), Decimal("90"))
    with pytest.raises(ValidationError):  # once
        services.external_confirm(actor=hr, external=external)


def test_rejection_needs_a_reason(salesperson, supervisor):
    external = make_external(salesperson)
    with pytest.raises(ValidationError):
        services.external_decide(actor=supervisor, external=external, approve=False, note=" ")
    services.external_decide(actor=supervisor, external=external, approve=False, note="預算不足")
    external.refresh_from_db()
    assert external.status == ExternalCourse.Status.REJECTED
    with pytest.raises(ValidationError):
        upload_evidence(external)


def test_pages(salesperson, supervisor, hr, client_for):
    client = client_for(salesperson)
    bad = client.post(
        reverse("training:externalcourse_add"),
        {
            "provider": "x" * 201,
            "title": "研討會",
            "starts_on": "2026-05-02",
            "ends_on": "2026-05-01",
            "hours": "600",
            "cost": "-1",
            "reason": "r",
        },
    )
    assert bad.status_code == 200
    assert {"provider", "ends_on", "hours", "cost"} <= set(bad.context["form"].errors)
    response = client.post(
        reverse("training:externalcourse_add"),
        {
            "provider": "壽險公會",
            "title": "研討會",
            "starts_on": "2026-01-05",
            "ends_on": "2026-01-06",
            "hours": "6",
            "cost": "1200",
            "reason": "提升能力",
        },
    )
    external = ExternalCourse.objects.get()
    assert response.url == external.get_absolute_url()
    step = reverse("training:externalcourse_step", args=[external.pk, "decide"])
    client_for(supervisor).post(step, {"decision": "approve", "note": ""})
    external.refresh_from_db()
    assert external.status == ExternalCourse.Status.APPROVED
    evidence = reverse("training:externalcourse_step", args=[external.pk, "evidence"])
    client = client_for(salesperson)  # the one test client, signed in again
    client.post(evidence, {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary")})
    external.refresh_from_db()
    assert external.status == ExternalCourse.Status.APPROVED  # refused: not a document
    client.post(evidence, {"file": SimpleUploadedFile("cert.pdf", PDF_BYTES)})
    external.refresh_from_db()
    assert external.status == ExternalCourse.Status.COMPLETED
    download = client_for(supervisor).get(
        reverse("training:externalcourse_evidence", args=[external.pk])
    )
    assert b"".join(download.streaming_content) == PDF_BYTES
    client_for(hr).post(reverse("training:externalcourse_step", args=[external.pk, "confirm"]))
    external.refresh_from_db()
    assert external.status == ExternalCourse.Status.CONFIRMED
