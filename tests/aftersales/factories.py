"""After-sales test data, made through the services: issued and delivered policies (which
schedule their follow-up), claims, complaints, service requests and renewals."""

import datetime as dt
import itertools
from decimal import Decimal

from aftersales import services
from aftersales.models import Claim, ClaimDocument, Complaint
from tests.sales.factories import make_product
from tests.underwriting import factories as uf
from underwriting import services as uw_services

_seq = itertools.count(1)
TODAY = dt.date.today()


def make_policy(
    salesperson,
    clerk,
    *,
    customer=None,
    effective_date=None,
    category="critical_illness",
    term_years=20,
    deliver=True,
    receipt_signed_on=None,
    frequency=None,
    payment_years=10,
):
    """An issued policy (delivered by default) of ``salesperson``'s customer; the checklist
    rules must exist (fixture ``checklists``)."""
    product = make_product(category=category)
    lines = [
        {"product": product, "sum_insured": Decimal("300000"), "annual_premium": Decimal("6000")}
    ]
    application = uf.accepted_application(
        salesperson=salesperson, clerk=clerk, customer=customer, lines=lines
    )
    kwargs = {"term_years": term_years, "payment_years": payment_years}
    if frequency:
        kwargs["frequency"] = frequency
    policy = uf.issue_policy(application, clerk, effective_date=effective_date or TODAY, **kwargs)
    if deliver:
        policy = deliver_policy(policy, clerk, receipt_signed_on=receipt_signed_on)
    return policy


def deliver_policy(policy, clerk, *, receipt_signed_on=None):
    day = receipt_signed_on or TODAY
    return uw_services.policy_deliver(
        actor=clerk,
        policy=policy,
        delivered_on=day,
        method="in_person",
        receipt_signed_on=day,
        receipt=uf.pdf("receipt.pdf"),
        explained_coverage=True,
        explained_exclusions=True,
        explained_claims=True,
        explained_cooling_off=True,
    )


def make_claim(policy, clerk, *, claim_type="critical_illness", amount=Decimal("100000")):
    return services.claim_report(
        actor=clerk,
        policy=policy,
        claim_type=claim_type,
        incident_date=policy.effective_date,
        description="確診惡性腫瘤",
        amount_claimed=amount,
    )


def upload_and_accept(claim, clerk):
    """Upload every paper the claim's checklist asks for, and accept each."""
    for item in services.claim_checklist(claim):
        doc = services.claim_document_upload(
            actor=clerk, claim=claim, kind=item.kind, file=uf.pdf()
        )
        services.claim_document_check(
            actor=clerk, document=doc, accept=True, authentic=True, complete=True, accurate=True
        )
    return Claim.objects.get(pk=claim.pk)


def submitted_claim(policy, clerk, **kwargs):
    claim = upload_and_accept(make_claim(policy, clerk, **kwargs), clerk)
    return services.claim_submit(actor=clerk, claim=claim, insurer_reference="C-1")


def make_complaint(customer, actor, *, severity="medium", policy=None, received_on=None):
    return services.complaint_log(
        actor=actor,
        customer=customer,
        policy=policy,
        channel=Complaint.Channel.PHONE,
        category=Complaint.Category.SERVICE,
        severity=severity,
        subject="理賠進度太慢",
        description="客戶來電表示理賠已經等了一個月。",
        received_on=received_on,
    )


def pending_documents(claim):
    return claim.documents.filter(status=ClaimDocument.Status.PENDING)
