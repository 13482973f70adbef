"""Applications made from accepted proposals, payment details, beneficiaries."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from core.models import AuditEvent
from sales.models import Proposal
from tests.sales.factories import make_opportunity, make_proposal
from tests.underwriting import factories as f
from underwriting import services
from underwriting.models import Application, Beneficiary

pytestmark = pytest.mark.django_db


def test_one_application_per_insurer_with_lines_carried_over(salesperson, clerk, checklist):
    customer = f.make_full_customer(salesperson)
    lines = f.two_insurer_lines()
    proposal = f.make_accepted_proposal(customer, salesperson=salesperson, clerk=clerk, lines=lines)
    apps = services.application_create_from_proposal(
        actor=clerk, proposal=proposal, bank_account="6222 0202 0011 2233 445"
    )
    assert len(apps) == 2
    assert {a.insurer_id for a in apps} == {
        lines[0]["product"].insurer_id,
        lines[1]["product"].insurer_id,
    }
    first = apps[0]
    assert first.customer == customer and first.opportunity == proposal.opportunity
    line = first.lines.get()
    assert line.sum_insured == Decimal("500000") and line.annual_premium == Decimal("9000")
    assert line.proposal_line.proposal == proposal
    assert first.status == Application.Status.DRAFT
    # the bank account is encrypted with a digest, and shown masked
    first.refresh_from_db()
    assert first.bank_account == "6222020200112233445"  # spaces dropped
    assert first.bank_account_hash
    assert first.bank_account_masked.startswith("6222") and "*" in first.bank_account_masked
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bank_account FROM underwriting_application WHERE id = %s", [first.pk]
        )
        assert "6222" not in cursor.fetchone()[0]
    assert AuditEvent.objects.filter(verb="application_created", object_id=str(first.pk)).exists()
    with pytest.raises(ValidationError, match="already"):
        services.application_create_from_proposal(actor=clerk, proposal=proposal)


def test_only_accepted_proposals_become_applications(salesperson, clerk, checklist):
    customer = f.make_full_customer(salesperson)
    opportunity = make_opportunity(customer, stage="needs_analysed")
    proposal = make_proposal(opportunity, salesperson)
    assert proposal.status == Proposal.Status.DRAFT
    with pytest.raises(ValidationError, match="accepted"):
        services.application_create_from_proposal(actor=clerk, proposal=proposal)


def test_salesperson_and_other_team_may_not_create(
    salesperson, other_salesperson, clerk, checklist
):
    customer = f.make_full_customer(salesperson)
    proposal = f.make_accepted_proposal(customer, salesperson=salesperson, clerk=clerk)
    for user in (salesperson, other_salesperson):
        with pytest.raises(PermissionDenied):
            services.application_create_from_proposal(actor=user, proposal=proposal)


@pytest.mark.parametrize(
    ("shares", "ok"),
    [
        (["100"], True),
        (["50", "50"], True),
        (["33.34", "33.33", "33.33"], True),
        (["60", "30"], False),
        (["60", "50"], False),
        ([], True),  # the legal heirs
    ],
)
def test_beneficiary_shares_must_total_100(salesperson, clerk, checklist, shares, ok):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    rows = [{"name": f"受益人{i}", "relation": "child", "share": s} for i, s in enumerate(shares)]
    if ok:
        services.application_set_beneficiaries(
            actor=clerk, application=application, beneficiaries=rows
        )
        assert application.beneficiaries.count() == len(shares)
    else:
        with pytest.raises(ValidationError, match="must total exactly 100"):
            services.application_set_beneficiaries(
                actor=clerk, application=application, beneficiaries=rows
            )
        assert application.beneficiaries.count() == 0


def test_beneficiaries_replace_and_are_on_record(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    services.application_set_beneficiaries(
        actor=clerk,
        application=application,
        beneficiaries=[{"name": "甲", "relation": "spouse", "share": "100"}],
    )
    services.application_set_beneficiaries(
        actor=clerk,
        application=application,
        beneficiaries=[
            {"name": "乙", "relation": "child", "share": "70"},
            {"name": "丙", "relation": "child", "share": "30"},
        ],
    )
    assert sorted(application.beneficiaries.values_list("name", flat=True)) == sorted(["乙", "丙"])
    created = Beneficiary.history.filter(history_type="+", name="乙").get()
    assert created.history_user == clerk
    deleted = Beneficiary.history.filter(history_type="-", name="甲").get()
    assert deleted.history_user == clerk


def test_beneficiary_errors_are_clear(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    with pytest.raises(ValidationError, match="no name"):
        services.application_set_beneficiaries(
            actor=clerk, application=application, beneficiaries=[{"name": "", "share": "100"}]
        )
    with pytest.raises(ValidationError, match="above 0"):
        services.application_set_beneficiaries(
            actor=clerk, application=application, beneficiaries=[{"name": "甲", "share": "0"}]
        )
    with pytest.raises(PermissionDenied):
        services.application_set_beneficiaries(
            actor=salesperson, application=application, beneficiaries=[]
        )


def test_payment_details_change_only_while_prepared(salesperson, clerk, checklist):
    application = f.submitted_application(salesperson=salesperson, clerk=clerk)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.application_update(actor=clerk, application=application, bank_name="建設銀行")


def test_beneficiaries_page_saves_and_reports_bad_totals(salesperson, clerk, checklist, client_for):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    client = client_for(clerk)
    url = f"/underwriting/applications/{application.pk}/beneficiaries/"
    data = {
        "b-TOTAL_FORMS": "3",
        "b-INITIAL_FORMS": "0",
        "b-0-name": "甲",
        "b-0-relation": "spouse",
        "b-0-share": "60",
        "b-1-name": "乙",
        "b-1-relation": "child",
        "b-1-share": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must total exactly 100" in response.content.decode()
    data["b-1-share"] = "40"
    response = client.post(url, data)
    assert response.status_code == 302
    assert application.beneficiaries.count() == 2
