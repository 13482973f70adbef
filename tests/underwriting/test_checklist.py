"""The document checklist: what each application needs, the clerk's checks, the gate."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import params
from core.models import Notification
from tests.sales.factories import make_product
from tests.underwriting import factories as f
from underwriting import rules, services
from underwriting.models import Application, ApplicationDocument, RequiredDocument

pytestmark = pytest.mark.django_db

D = ApplicationDocument.Status


def kinds(application):
    return [i.kind for i in services.application_checklist(application)]


def test_default_checklist_for_critical_illness_paid_by_bank(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    assert kinds(application) == [
        "application_form",
        "id_copies",
        "health_declaration",
        "bank_authorisation",
    ]


def test_conditions_beneficiaries_bank_and_financial_threshold(
    salesperson, clerk, checklist, superuser
):
    product = make_product(category="life", max_sum_insured=Decimal("5000000"))
    lines = [
        {"product": product, "sum_insured": Decimal("1200000"), "annual_premium": Decimal("20000")}
    ]
    application = f.make_application(
        salesperson=salesperson, clerk=clerk, lines=lines, payment_method="card"
    )
    # above the default threshold (1,000,000): financial questionnaire; no bank: no mandate
    assert "financial_questionnaire" in kinds(application)
    assert "bank_authorisation" not in kinds(application)
    assert "beneficiary_designation" not in kinds(application)
    services.application_set_beneficiaries(
        actor=clerk,
        application=application,
        beneficiaries=[{"name": "甲", "relation": "spouse", "share": 100}],
    )
    assert "beneficiary_designation" in kinds(application)
    # the threshold is a company setting
    params.set_value(rules.FINANCIAL_QUESTIONNAIRE_SUM, "2000000", actor=superuser)
    assert "financial_questionnaire" not in kinds(application)


def test_checklist_rules_are_configurable(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    rule = RequiredDocument.objects.get(category="critical_illness", kind="health_declaration")
    rule.active = False
    rule.save()
    RequiredDocument.objects.create(category="critical_illness", kind="other", note="體檢報告")
    items = services.application_checklist(application)
    assert "health_declaration" not in [i.kind for i in items]
    assert [i.note for i in items if i.kind == "other"] == ["體檢報告"]


def test_submission_gate_lists_missing_rejected_and_unchecked(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    docs = f.upload_required(application, salesperson, kinds=["application_form", "id_copies"])
    services.document_check(
        actor=clerk, document=docs["application_form"], accept=False, reason="投保人未簽名"
    )
    with pytest.raises(ValidationError) as exc:
        services.application_submit(actor=clerk, application=application, channel="portal")
    text = " ".join(exc.value.messages)
    assert "Missing documents: Health declaration、Bank debit authorisation." in text
    assert (
        "Rejected documents to replace: Application form signed by policyholder and insured."
        in text
    )
    assert "Documents not yet checked: ID copies of policyholder and insured." in text
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    # the page says the same
    page = f"/underwriting/applications/{application.pk}/documents/"
    from django.test import Client

    client = Client()
    client.force_login(clerk)
    body = client.get(page).content.decode()
    assert "Missing documents" in body and "投保人未簽名" in body


def test_reject_tells_the_salesperson_who_replaces_it(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    doc = f.upload_required(application, salesperson, kinds=["id_copies"])["id_copies"]
    services.document_check(actor=clerk, document=doc, accept=False, reason="影本模糊")
    note = Notification.objects.get(recipient=salesperson, title__contains="Document rejected")
    assert note.body == "影本模糊"
    from core.mywork import items_for

    labels = {i.label: i.count for i in items_for(salesperson)}
    assert labels["Application documents rejected — replace them"] == 1
    new = services.document_upload(
        actor=salesperson, application=application, kind="id_copies", file=f.pdf()
    )
    doc.refresh_from_db()
    assert doc.status == D.SUPERSEDED
    assert services.current_documents(application)["id_copies"] == new
    labels = {i.label: i.count for i in items_for(salesperson)}
    assert "Application documents rejected — replace them" not in labels


def test_check_rules(salesperson, clerk, supervisor, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    doc = f.upload_required(application, salesperson, kinds=["id_copies"])["id_copies"]
    with pytest.raises(ValidationError, match="authentic, complete and accurate"):
        services.document_check(actor=clerk, document=doc, accept=True, authentic=True)
    with pytest.raises(ValidationError):
        services.document_check(actor=clerk, document=doc, accept=False, reason="  ")
    for user in (salesperson, supervisor):
        with pytest.raises(PermissionDenied):
            services.document_check(
                actor=user, document=doc, accept=True, authentic=True, complete=True, accurate=True
            )
    services.document_check(
        actor=clerk, document=doc, accept=True, authentic=True, complete=True, accurate=True
    )
    doc.refresh_from_db()
    assert (doc.status, doc.checked_by) == (D.ACCEPTED, clerk)
    assert doc.history.first().history_user == clerk
    with pytest.raises(ValidationError, match="only a document waiting"):
        services.document_check(actor=clerk, document=doc, accept=False, reason="x")


def test_upload_checks_the_file_content(salesperson, clerk, checklist):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = f.make_application(salesperson=salesperson, clerk=clerk)
    fake = SimpleUploadedFile("scan.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="not accepted"):
        services.document_upload(
            actor=salesperson, application=application, kind="id_copies", file=fake
        )


def test_gate_opens_when_everything_is_accepted(salesperson, clerk, checklist):
    application = f.ready_application(salesperson=salesperson, clerk=clerk)
    assert services.submission_blockers(application) == []
    services.application_submit(actor=clerk, application=application, channel="portal")
    assert application.status == Application.Status.SUBMITTED
