"""Claims: the checklist, the clerk's checks, the transitions, the customer updates, the
dispute branch and the deadlines."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aftersales import services
from aftersales.models import Claim, ClaimDocument, ClaimRequiredDocument, ClaimUpdate
from core.models import Notification
from tests.aftersales import factories as f
from tests.underwriting.factories import pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
S = Claim.Status


@pytest.fixture
def policy(salesperson, clerk, checklists):
    return f.make_policy(salesperson, clerk)


def test_report_sets_clerk_deadline_and_tells_the_customer(policy, clerk, salesperson):
    claim = f.make_claim(policy, clerk)
    assert claim.status == S.REPORTED
    assert claim.customer == policy.customer
    assert claim.handled_by == clerk
    assert claim.insured_name == policy.insured_name
    assert claim.deadline == TODAY + dt.timedelta(days=7)
    update = ClaimUpdate.objects.get(claim=claim)
    assert update.party == "customer" and update.status == S.REPORTED
    assert Notification.objects.filter(
        recipient=salesperson, title__contains="Claim reported"
    ).exists()
    assert claim.history.first().history_user == clerk


def test_report_validates(policy, clerk):
    with pytest.raises(ValidationError) as exc:
        services.claim_report(
            actor=clerk,
            policy=policy,
            claim_type="medical",
            incident_date=TODAY + dt.timedelta(days=1),
            description="",
            amount_claimed=Decimal("-1"),
        )
    assert {"incident_date", "description", "amount_claimed"} <= set(exc.value.message_dict)


def test_the_checklist_follows_the_claim_type(policy, clerk):
    claim = f.make_claim(policy, clerk, claim_type="critical_illness")
    kinds = [i.kind for i in services.claim_checklist(claim)]
    assert kinds == ["claim_form", "id_copy", "bank_account", "medical_records", "diagnosis"]
    # configurable: a rule switched off is no longer required
    ClaimRequiredDocument.objects.filter(claim_type="critical_illness", kind="diagnosis").update(
        active=False
    )
    assert "diagnosis" not in [i.kind for i in services.claim_checklist(claim)]


def test_submission_needs_every_paper_checked(policy, clerk, salesperson):
    claim = f.make_claim(policy, clerk)
    # a salesperson's upload waits for the clerk's check
    doc = services.claim_document_upload(
        actor=salesperson, claim=claim, kind="claim_form", file=pdf()
    )
    claim = services.claim_start_collecting(actor=clerk, claim=claim)
    with pytest.raises(ValidationError) as exc:
        services.claim_submit(actor=clerk, claim=claim)
    assert "Missing documents" in str(exc.value)
    services.claim_document_check(actor=clerk, document=doc, accept=False, reason="未簽名")
    with pytest.raises(ValidationError):
        services.claim_document_check(
            actor=clerk, document=f.pending_documents(claim).first() or doc, accept=True
        )
    claim = f.upload_and_accept(claim, clerk)
    assert services.claim_blockers(claim) == []
    claim = services.claim_submit(actor=clerk, claim=claim, insurer_reference="LP-9")
    assert claim.status == S.SUBMITTED and claim.insurer_reference == "LP-9"
    assert claim.deadline == TODAY + dt.timedelta(days=30)
    # the rejected form was replaced by the new upload
    assert ClaimDocument.objects.get(pk=doc.pk).status == ClaimDocument.Status.SUPERSEDED


def test_full_life_cycle_with_updates(policy, clerk):
    claim = f.submitted_claim(policy, clerk)
    claim = services.claim_request_info(
        actor=clerk, claim=claim, what="出院小結", due_date=TODAY + dt.timedelta(days=5)
    )
    assert claim.status == S.INFO_REQUESTED and claim.deadline == TODAY + dt.timedelta(days=5)
    claim = services.claim_submit(actor=clerk, claim=claim)
    claim = services.claim_decide(
        actor=clerk, claim=claim, decision=S.PARTLY_APPROVED, amount_approved=Decimal("80000")
    )
    assert claim.amount_approved == Decimal("80000.00")
    with pytest.raises(ValidationError):
        services.claim_pay(actor=clerk, claim=claim, amount_paid=Decimal("90000"))
    claim = services.claim_pay(actor=clerk, claim=claim, amount_paid=Decimal("80000"))
    assert claim.status == S.PAID and claim.paid_on == TODAY
    claim = services.claim_close(actor=clerk, claim=claim)
    assert claim.status == S.CLOSED and claim.closed_on == TODAY and claim.deadline is None
    statuses = list(
        ClaimUpdate.objects.filter(claim=claim, party="customer")
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert statuses == [
        "reported",
        "collecting",
        "submitted",
        "info_requested",
        "submitted",
        "partly_approved",
        "paid",
        "closed",
    ]


def test_illegal_transitions_are_refused(policy, clerk):
    claim = f.make_claim(policy, clerk)
    with pytest.raises(ValidationError):
        services.claim_pay(actor=clerk, claim=claim, amount_paid=1)
    with pytest.raises(ValidationError):
        services.claim_decide(actor=clerk, claim=claim, decision=S.APPROVED)
    with pytest.raises(ValidationError):
        services.claim_close(actor=clerk, claim=claim)  # before a decision: needs the reason
    claim = services.claim_close(actor=clerk, claim=claim, note="客戶撤回")
    assert claim.status == S.CLOSED


def test_decline_needs_a_reason_and_partial_is_below_the_claim(policy, clerk):
    claim = f.submitted_claim(policy, clerk)
    with pytest.raises(ValidationError):
        services.claim_decide(actor=clerk, claim=claim, decision=S.DECLINED)
    with pytest.raises(ValidationError):
        services.claim_decide(
            actor=clerk,
            claim=claim,
            decision=S.PARTLY_APPROVED,
            amount_approved=claim.amount_claimed,
        )
    claim = services.claim_decide(actor=clerk, claim=claim, decision=S.APPROVED)
    assert claim.amount_approved == claim.amount_claimed


def test_dispute_is_handled_by_the_supervisor(policy, clerk, supervisor, salesperson):
    claim = f.submitted_claim(policy, clerk)
    claim = services.claim_decide(actor=clerk, claim=claim, decision=S.DECLINED, note="既往症")
    claim = services.claim_dispute(actor=clerk, claim=claim, reason="客戶不認同既往症認定")
    assert claim.status == S.DISPUTED
    assert Notification.objects.filter(recipient=supervisor, title__contains="dispute").exists()
    with pytest.raises(PermissionDenied):
        services.claim_resolve_dispute(
            actor=clerk, claim=claim, outcome="x", result=S.APPROVED, amount_approved=1
        )
    claim = services.claim_resolve_dispute(
        actor=supervisor,
        claim=claim,
        outcome="保險公司覆核後同意部分賠付",
        result=S.PARTLY_APPROVED,
        amount_approved=Decimal("50000"),
    )
    assert claim.status == S.PARTLY_APPROVED
    assert claim.dispute_handled_by == supervisor and claim.dispute_resolved_on == TODAY
    assert claim.amount_approved == Decimal("50000.00")
    claim = services.claim_pay(actor=clerk, claim=claim, amount_paid=Decimal("50000"))
    assert claim.status == S.PAID


def test_other_team_and_salesperson_may_not_process(policy, clerk, salesperson, other_salesperson):
    claim = f.make_claim(policy, clerk)
    with pytest.raises(PermissionDenied):
        services.claim_start_collecting(actor=salesperson, claim=claim)
    with pytest.raises(PermissionDenied):
        f.make_claim(policy, other_salesperson)


def test_claims_past_their_deadline_are_chased_once(policy, clerk, supervisor):
    claim = f.make_claim(policy, clerk)
    late = claim.deadline + dt.timedelta(days=1)
    assert services.claims_chase(today=late) == 1
    assert services.claims_chase(today=late) == 0
    assert Notification.objects.filter(
        recipient=clerk, title__contains="past its deadline"
    ).exists()
    # long overdue: the supervisor is told too
    assert services.claims_chase(today=claim.deadline + dt.timedelta(days=9)) == 1
    assert Notification.objects.filter(
        recipient=supervisor, title__contains="past its deadline"
    ).exists()
