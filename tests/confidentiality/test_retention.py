"""Retention and destruction: the schedule (compliance edits it, history kept), the daily
listing of records past retention (idempotent), the two-person approval, the destruction
through the services (files removed, records anonymised or deleted) and its register."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from confidentiality.models import (
    DestructionBatch,
    DestructionCandidate,
    DestructionRecord,
    DocumentKind,
)
from confidentiality.services import retention
from confidentiality.tasks import list_destruction_candidates
from core.models import AuditEvent
from core.roles import Role
from customers.models import Customer, CustomerAttachment
from sales.models import Visit
from tests.customers.factories import make_attachment, make_customer
from tests.factories import make_employee

from .exit_factories import schedule

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def _archived(owner, years_ago, **fields):
    customer = make_customer(owner, **fields)
    Customer.objects.filter(pk=customer.pk).update(
        archived=True, archived_on=TODAY() - dt.timedelta(days=365 * years_ago + 2)
    )
    return Customer.objects.get(pk=customer.pk)


def _visit(customer, years_ago):
    return Visit.objects.create(
        customer=customer,
        kind="phone",
        starts_at=timezone.now() - dt.timedelta(days=365 * years_ago + 2),
        purpose="介紹產品",
        outcome="客戶有興趣",
        owner=customer.owner,
    )


def test_the_daily_job_lists_what_is_past_retention_once(salesperson):
    schedule()
    old = _archived(salesperson, 4)
    _archived(salesperson, 1)  # still kept
    live = make_customer(salesperson)
    old_visit = _visit(live, 6)
    _visit(live, 1)
    list_destruction_candidates.delay()
    listed = {(c.kind, c.object_id) for c in DestructionCandidate.objects.all()}
    assert listed == {
        (DocumentKind.PROSPECT_FILE, old.pk),
        (DocumentKind.VISIT_RECORD, old_visit.pk),
    }
    assert retention.retention_scan() == {"listed": 0, "total": 2}  # a second run adds none
    list_destruction_candidates.delay()
    assert DestructionCandidate.objects.count() == 2


def test_an_inactive_rule_lists_nothing_and_a_changed_period_counts(salesperson, compliance):
    rules = schedule()
    _archived(salesperson, 4)
    retention.retention_rule_update(
        actor=compliance, rule=rules[DocumentKind.PROSPECT_FILE], years=5, active=True
    )
    assert retention.retention_scan()["listed"] == 0
    rule = rules[DocumentKind.PROSPECT_FILE]
    rule.refresh_from_db()
    assert rule.history.first().history_user == compliance
    assert rule.history.count() == 2
    retention.retention_rule_update(actor=compliance, rule=rule, years=3, active=False)
    assert retention.retention_scan()["listed"] == 0
    retention.retention_rule_update(actor=compliance, rule=rule, years=3, active=True)
    assert retention.retention_scan()["listed"] == 1


def test_only_compliance_changes_the_schedule(hr):
    rule = schedule()[DocumentKind.VISIT_RECORD]
    with pytest.raises(PermissionDenied):
        retention.retention_rule_update(actor=hr, rule=rule, years=1, active=True)


def test_sales_files_follow_the_policy_term(salesperson, clerk):
    from tests.confidentiality.exit_factories import make_policy
    from underwriting.models import Policy

    schedule()
    from aftersales.services import ensure_default_claim_checklist
    from underwriting.services import ensure_default_checklist

    ensure_default_checklist()
    ensure_default_claim_checklist()
    short = make_policy(salesperson, clerk, term_years=1)
    long = make_policy(salesperson, clerk, term_years=20)
    ended = TODAY() - dt.timedelta(days=365 * 6)
    Policy.objects.filter(pk__in=[short.pk, long.pk]).update(
        status="expired", effective_date=ended - dt.timedelta(days=300), end_date=ended
    )
    retention.retention_scan()
    kinds = dict(DestructionCandidate.objects.values_list("object_id", "kind"))
    # a short-term file is kept 5 years after its policy ends, a long-term one 10
    assert kinds == {short.customer_id: DocumentKind.SALES_FILE_SHORT}


def test_destruction_needs_a_second_person_and_leaves_a_record(salesperson, compliance):
    schedule()
    customer = _archived(salesperson, 4, name="歐陽銷毀")
    attachment = make_attachment(customer, actor=salesperson)
    stored = attachment.file.name
    storage = attachment.file.storage
    assert storage.exists(stored)
    retention.retention_scan()
    candidate = DestructionCandidate.objects.get()
    batch = retention.destruction_propose(actor=compliance, candidates=[candidate], reason="屆期")
    with pytest.raises(PermissionDenied):  # the proposer cannot approve
        retention.destruction_approve(actor=compliance, batch=batch)
    with pytest.raises(ValidationError):  # nor can anything be destroyed before approval
        retention.destruction_execute(actor=compliance, batch=batch)
    second = make_employee(Role.COMPLIANCE)
    retention.destruction_approve(actor=second, batch=batch, note="同意")
    batch = retention.destruction_execute(actor=compliance, batch=batch)
    assert batch.status == DestructionBatch.Status.DESTROYED
    customer.refresh_from_db()
    assert "歐陽" not in customer.name and customer.mobile == "" and customer.id_number == ""
    assert not CustomerAttachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(stored)
    record = DestructionRecord.objects.get()
    assert record.object_repr.startswith("歐陽銷毀")
    assert record.action == DestructionRecord.Action.ANONYMISED
    assert record.files_removed == 1
    assert record.destroyed_by == compliance and record.approved_by == second
    assert AuditEvent.objects.filter(verb="destruction_done", object_id=str(batch.pk)).exists()
    candidate.refresh_from_db()
    assert candidate.status == DestructionCandidate.Status.DESTROYED
    assert retention.retention_scan()["listed"] == 0  # never listed twice


def test_a_rejected_batch_goes_back_to_the_list(salesperson, compliance):
    schedule()
    _visit(make_customer(salesperson), 6)
    retention.retention_scan()
    candidate = DestructionCandidate.objects.get()
    batch = retention.destruction_propose(actor=compliance, candidates=[candidate])
    second = make_employee(Role.COMPLIANCE)
    with pytest.raises(ValidationError):
        retention.destruction_reject(actor=second, batch=batch, note="")
    retention.destruction_reject(actor=second, batch=batch, note="仍在爭議中")
    candidate.refresh_from_db()
    assert candidate.status == DestructionCandidate.Status.LISTED and candidate.batch is None
    with pytest.raises(ValidationError):
        retention.destruction_approve(actor=second, batch=batch)


def test_a_visit_is_deleted_and_the_register_downloads_as_excel(
    salesperson, compliance, client_for
):
    schedule()
    visit = _visit(make_customer(salesperson), 6)
    retention.retention_scan()
    batch = retention.destruction_propose(
        actor=compliance, candidates=list(DestructionCandidate.objects.all())
    )
    retention.destruction_approve(actor=make_employee(Role.COMPLIANCE), batch=batch)
    retention.destruction_execute(actor=compliance, batch=batch)
    assert not Visit.objects.filter(pk=visit.pk).exists()
    response = client_for(compliance).get("/confidentiality/destruction/register/?export=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2
    assert batch.number in rows[1]
