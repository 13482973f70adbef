"""Underwriting test data, made through the services: a complete customer file, an accepted
proposal, applications with their papers checked, issued policies."""

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from customers.models import Customer
from sales import services as sales_services
from tests.customers.factories import PDF_BYTES, give_consent, id_number, make_customer, mobile
from tests.sales.factories import make_analysis, make_opportunity, make_product, make_proposal
from underwriting import services
from underwriting.models import Application, ApplicationDocument

_seq = itertools.count(1)


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_full_customer(owner, *, actor=None, **fields):
    """A prospect whose file holds everything a customer's file needs (so it can become a
    customer when a policy is issued)."""
    n = next(_seq)
    birth = dt.date(1985, 1 + n % 12, 1 + n % 28)
    defaults = {
        "name": f"投保人{n}",
        "mobile": mobile(),
        "id_type": Customer.IdType.PRC_ID,
        "id_number": id_number(birth=birth, seq=n % 100),
        "province": "北京市",
        "city": "北京市",
        "street": "長安街1號",
        "occupation": "工程師",
        "source_channel": Customer.Channel.REFERRAL,
    }
    defaults.update(fields)
    customer = make_customer(owner, actor=actor or owner, **defaults)
    give_consent(customer, "financial", actor=owner)  # applications store its bank account
    return customer


def make_accepted_proposal(customer, *, salesperson, clerk, lines=None):
    """A proposal of ``customer`` reviewed by the clerk and accepted by the customer."""
    opportunity = make_opportunity(customer, stage="needs_analysed")
    make_analysis(customer, salesperson)
    proposal = make_proposal(opportunity, salesperson, lines=lines)
    sales_services.proposal_submit(actor=salesperson, proposal=proposal)
    sales_services.proposal_review(
        actor=clerk, proposal=proposal, approve=True, compliant=True, reasonable=True, feasible=True
    )
    return sales_services.proposal_decide(actor=salesperson, proposal=proposal, accepted=True)


def make_application(*, salesperson, clerk, customer=None, lines=None, **kwargs):
    """A draft application (the first, if the proposal spans several insurers)."""
    customer = customer or make_full_customer(salesperson)
    proposal = make_accepted_proposal(customer, salesperson=salesperson, clerk=clerk, lines=lines)
    kwargs.setdefault("bank_account", "6222020200112233445")
    kwargs.setdefault("bank_name", "工商銀行")
    apps = services.application_create_from_proposal(actor=clerk, proposal=proposal, **kwargs)
    return apps[0]


def upload_required(application, actor, *, kinds=None):
    """Upload every required document (or ``kinds``); returns them by kind."""
    kinds = kinds or [item.kind for item in services.application_checklist(application)]
    return {
        kind: services.document_upload(actor=actor, application=application, kind=kind, file=pdf())
        for kind in kinds
    }


def accept_all(application, clerk):
    for doc in application.documents.filter(status=ApplicationDocument.Status.PENDING):
        services.document_check(
            actor=clerk, document=doc, accept=True, authentic=True, complete=True, accurate=True
        )


def ready_application(*, salesperson, clerk, **kwargs):
    """A draft application with every required paper uploaded and accepted."""
    application = make_application(salesperson=salesperson, clerk=clerk, **kwargs)
    upload_required(application, salesperson)
    accept_all(application, clerk)
    return Application.objects.get(pk=application.pk)


def submitted_application(*, salesperson, clerk, **kwargs):
    application = ready_application(salesperson=salesperson, clerk=clerk, **kwargs)
    return services.application_submit(
        actor=clerk, application=application, channel="portal", insurer_reference="R-1"
    )


def accepted_application(*, salesperson, clerk, **kwargs):
    application = submitted_application(salesperson=salesperson, clerk=clerk, **kwargs)
    return services.application_decide(
        actor=clerk, application=application, decision=Application.Status.ACCEPTED
    )


def issue_policy(application, clerk, *, effective_date=None, number=None, **kwargs):
    line = application.lines.first()
    kwargs.setdefault("payment_years", 10)
    kwargs.setdefault("term_years", 20)
    return services.policy_issue(
        actor=clerk,
        line=line,
        policy_number=number or f"PN{next(_seq):06d}",
        effective_date=effective_date or dt.date.today(),
        **kwargs,
    )


def two_insurer_lines():
    return [
        {
            "product": make_product(),
            "sum_insured": Decimal("500000"),
            "annual_premium": Decimal("9000"),
        },
        {
            "product": make_product(),
            "sum_insured": Decimal("300000"),
            "annual_premium": Decimal("3000"),
        },
    ]
