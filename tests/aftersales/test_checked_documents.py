"""Application and claim papers share core.documents (model, checklist, upload and check
steps, the Documents tab): every test here runs for both, so a difference that creeps into
one of them fails."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from aftersales import services as as_services
from aftersales.models import ClaimDocument
from core.documents import CheckedDocument
from core.models import AccessLog
from tests.aftersales import factories as af
from tests.underwriting import factories as uf
from underwriting import services as uw_services
from underwriting.models import ApplicationDocument

pytestmark = pytest.mark.django_db


@dataclass
class Papers:
    """How one app files and checks the papers of its records."""

    model: Any
    make_record: Any  # (salesperson, clerk) -> a record that takes uploads
    upload: Any  # (actor, record, kind, file) -> document
    check: Any  # (actor, document, **decision) -> document
    checklist: Any
    blockers: Any
    url_names: dict  # tab, upload, check, file
    rejected_message: str


def _application(salesperson, clerk):
    return uf.make_application(salesperson=salesperson, clerk=clerk)


def _claim(salesperson, clerk):
    return af.make_claim(af.make_policy(salesperson, clerk), clerk)


PAPERS = {
    "application": Papers(
        model=ApplicationDocument,
        make_record=_application,
        upload=lambda actor, record, kind, file: uw_services.document_upload(
            actor=actor, application=record, kind=kind, file=file
        ),
        check=lambda actor, document, **kw: uw_services.document_check(
            actor=actor, document=document, **kw
        ),
        checklist=uw_services.application_checklist,
        blockers=uw_services.submission_blockers,
        url_names={
            "tab": "underwriting:application_documents",
            "upload": "underwriting:document_upload",
            "check": "underwriting:document_check",
            "file": "underwriting:document_file",
        },
        rejected_message="Document rejected; the salesperson is told.",
    ),
    "claim": Papers(
        model=ClaimDocument,
        make_record=_claim,
        upload=lambda actor, record, kind, file: as_services.claim_document_upload(
            actor=actor, claim=record, kind=kind, file=file
        ),
        check=lambda actor, document, **kw: as_services.claim_document_check(
            actor=actor, document=document, **kw
        ),
        checklist=as_services.claim_checklist,
        blockers=as_services.claim_blockers,
        url_names={
            "tab": "aftersales:claim_documents",
            "upload": "aftersales:claim_document_upload",
            "check": "aftersales:claim_document_check",
            "file": "aftersales:claim_document_file",
        },
        rejected_message="Document rejected.",
    ),
}
ALL_CHECKS = {"authentic": True, "complete": True, "accurate": True}
S = CheckedDocument.Status


@pytest.fixture(params=list(PAPERS))
def papers(request, checklists):
    return PAPERS[request.param]


@pytest.fixture
def record(papers, salesperson, clerk):
    return papers.make_record(salesperson, clerk)


def _first_kind(papers, record):
    return papers.checklist(record)[0].kind


@pytest.mark.parametrize("model", [ApplicationDocument, ClaimDocument])
def test_one_base_keeps_each_model_its_names_and_history(model):
    assert issubclass(model, CheckedDocument) and model.Status is CheckedDocument.Status
    name = model._meta.model_name
    assert [c.name for c in model._meta.constraints] == [
        f"{name}_rejection_has_reason",
        f"{name}_accepted_all_checks",
    ]
    fields = {f.name for f in model._meta.concrete_fields}
    assert {model.scope.parent, "kind", "file", "status", "rejection_reason"} <= fields
    assert model.history.model._meta.db_table == f"{model._meta.app_label}_historical{name}"


def test_the_model_refuses_a_rejection_without_reason_and_a_partial_accept(
    papers, record, salesperson
):
    doc = papers.upload(salesperson, record, _first_kind(papers, record), uf.pdf())
    doc.status = S.REJECTED
    with pytest.raises(ValidationError, match="A rejected document needs the reason."):
        doc.full_clean()
    doc.status, doc.authentic, doc.complete = S.ACCEPTED, True, True
    with pytest.raises(ValidationError, match="only when it is authentic, complete and accurate"):
        doc.full_clean()
    # the database holds the same rules
    rows = papers.model.objects.filter(pk=doc.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(status=S.REJECTED, rejection_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(status=S.ACCEPTED, authentic=True, complete=True, accurate=False)


def test_upload_replace_and_check(papers, record, salesperson, clerk):
    kind = _first_kind(papers, record)
    first = papers.upload(salesperson, record, kind, uf.pdf("first.pdf"))
    assert (first.status, first.original_name, first.uploaded_by) == (
        S.PENDING,
        "first.pdf",
        salesperson,
    )
    with pytest.raises(ValidationError, match="authentic, complete and accurate"):
        papers.check(clerk, first, accept=True, authentic=True, complete=True)
    with pytest.raises(ValidationError) as exc:
        papers.check(clerk, first, accept=False, reason="   ")
    assert exc.value.message_dict == {"reason": ["Say why the document is rejected."]}
    papers.check(clerk, first, accept=False, reason="  模糊  ")
    first.refresh_from_db()
    assert (first.status, first.rejection_reason, first.checked_by) == (S.REJECTED, "模糊", clerk)
    assert first.history.first().history_user == clerk
    item = next(i for i in papers.checklist(record) if i.kind == kind)
    assert (item.state, item.ok) == (S.REJECTED, False)
    assert any("Rejected documents to replace" in m for m in papers.blockers(record))

    # a new upload replaces the rejected one; once accepted, a later upload leaves it alone
    second = papers.upload(salesperson, record, kind, uf.pdf("second.pdf"))
    first.refresh_from_db()
    assert first.status == S.SUPERSEDED
    assert next(i for i in papers.checklist(record) if i.kind == kind).document == second
    papers.check(clerk, second, accept=True, **ALL_CHECKS)
    second.refresh_from_db()
    assert (second.status, second.rejection_reason, second.checked_at is not None) == (
        S.ACCEPTED,
        "",
        True,
    )
    assert next(i for i in papers.checklist(record) if i.kind == kind).ok
    with pytest.raises(ValidationError, match="(?i)only a document waiting for the check"):
        papers.check(clerk, second, accept=False, reason="x")
    third = papers.upload(salesperson, record, kind, uf.pdf("third.pdf"))
    second.refresh_from_db()
    assert (second.status, third.status) == (S.ACCEPTED, S.PENDING)


def test_the_documents_tab_uploads_checks_and_serves_the_file(papers, record, client_for, clerk):
    names = papers.url_names
    client = client_for(clerk)
    tab = reverse(names["tab"], args=[record.pk])
    page = client.get(tab).content.decode()
    assert 'id="checklist"' in page and 'id="upload-form"' in page
    assert reverse(names["upload"], args=[record.pk]) in page
    kind = _first_kind(papers, record)

    upload = reverse(names["upload"], args=[record.pk])
    fake = SimpleUploadedFile("scan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(upload, {"kind": kind, "file": fake}, follow=True)
    assert "File: This kind of file is not accepted here." in response.content.decode()
    assert not papers.model.objects.exists()
    response = client.post(upload, {"kind": kind, "file": uf.pdf("scan.pdf")})
    assert response.status_code == 302 and response.url == tab
    doc = papers.model.objects.get()
    page = client.get(tab).content.decode()
    check = reverse(names["check"], args=[record.pk, doc.pk])
    file_url = reverse(names["file"], args=[doc.pk])
    assert check in page and file_url in page

    response = client.post(check, {}, follow=True)
    assert "Choose accept or reject." in response.content.decode()
    response = client.post(check, {"decision": "reject", "reason": ""}, follow=True)
    assert "Say why the document is rejected." in response.content.decode()
    response = client.post(check, {"decision": "reject", "reason": "未簽名"}, follow=True)
    assert papers.rejected_message in response.content.decode()
    doc.refresh_from_db()
    assert (doc.status, doc.rejection_reason) == (S.REJECTED, "未簽名")
    assert 'class="small text-danger rejection-reason">未簽名' in response.content.decode()

    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    log = AccessLog.objects.get(action=AccessLog.Action.DOWNLOAD, object_id=str(doc.pk))
    assert (log.user, log.action) == (clerk, AccessLog.Action.DOWNLOAD)
