"""Proposals: the automatic compliance checklist, the clerk's review, versions, the PDF."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import params
from core.models import AuditEvent
from sales import services
from sales.models import Proposal
from tests.factories import make_employee
from tests.sales.factories import (
    make_analysis,
    make_customer,
    make_family_member,
    make_opportunity,
    make_product,
    make_proposal,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def customer(salesperson, clerk):
    return make_customer(salesperson, name="張偉", age=40)


@pytest.fixture
def opportunity(customer):
    return make_opportunity(customer)


def _checks(proposal):
    return {c.key: c for c in services.proposal_checklist(proposal)}


def _line(product, **fields):
    return {
        "product": product,
        "sum_insured": Decimal("500000"),
        "annual_premium": Decimal("15000"),
        **fields,
    }


def test_a_sound_proposal_passes_every_check(opportunity, salesperson):
    proposal = make_proposal(opportunity, salesperson)
    checks = _checks(proposal)
    assert set(checks) == {"age", "sum_insured", "risk", "premium_income", "needs_age"}
    assert all(c.passed for c in checks.values()), [c.detail for c in checks.values()]


def test_age_check_fails_outside_the_products_range(opportunity, salesperson):
    product = make_product(min_age=18, max_age=35)
    proposal = make_proposal(opportunity, salesperson, lines=[_line(product)])
    check = _checks(proposal)["age"]
    assert not check.passed
    assert "is 40" in check.detail and "18–35" in check.detail


def test_age_check_uses_the_insured_family_member(customer, opportunity, salesperson):
    child = make_family_member(customer, age=8)
    product = make_product(min_age=0, max_age=17)
    proposal = make_proposal(opportunity, salesperson, lines=[_line(product, insured_member=child)])
    assert _checks(proposal)["age"].passed


def test_age_check_fails_without_a_birth_date(salesperson, clerk):
    customer = make_customer(salesperson, age=None)
    proposal = make_proposal(make_opportunity(customer), salesperson)
    check = _checks(proposal)["age"]
    assert not check.passed and "birth date unknown" in check.detail


def test_sum_insured_check(opportunity, salesperson):
    product = make_product(min_sum_insured=Decimal("100000"), max_sum_insured=Decimal("300000"))
    proposal = make_proposal(opportunity, salesperson, lines=[_line(product)])
    assert not _checks(proposal)["sum_insured"].passed
    services.proposal_update(
        actor=salesperson,
        proposal=proposal,
        lines=[_line(product, sum_insured=Decimal("300000"))],
    )
    assert _checks(proposal)["sum_insured"].passed


def test_investment_type_needs_the_risk_level(customer, opportunity, salesperson):
    annuity = make_product(category="annuity")
    # Answers all 2 → risk level 2, under the default threshold 3.
    make_analysis(customer, salesperson, risk_q1=2, risk_q2=2, risk_q3=2, risk_q4=2, risk_q5=2)
    proposal = make_proposal(opportunity, salesperson, lines=[_line(annuity)])
    check = _checks(proposal)["risk"]
    assert not check.passed and "level 3 or more" in check.detail
    flagged = make_product(category="life", investment_type=True)
    services.proposal_update(actor=salesperson, proposal=proposal, lines=[_line(flagged)])
    assert not _checks(proposal)["risk"].passed
    make_analysis(customer, salesperson, risk_q1=4, risk_q2=4, risk_q3=3, risk_q4=3, risk_q5=3)
    proposal.needs_analysis = services.latest_needs_analysis(customer)
    assert _checks(proposal)["risk"].passed


def test_protection_products_pass_the_risk_check_at_any_level(customer, opportunity, salesperson):
    make_analysis(customer, salesperson, risk_q1=1, risk_q2=1, risk_q3=1, risk_q4=1, risk_q5=1)
    proposal = make_proposal(opportunity, salesperson)
    assert _checks(proposal)["risk"].passed


def test_premium_to_income_ceiling(opportunity, salesperson, superuser):
    # Income ¥200,000: ¥60,000 is exactly 30% (passes), ¥60,000.01 is over.
    product = make_product()
    proposal = make_proposal(
        opportunity, salesperson, lines=[_line(product, annual_premium=Decimal("60000"))]
    )
    assert _checks(proposal)["premium_income"].passed
    services.proposal_update(
        actor=salesperson,
        proposal=proposal,
        lines=[_line(product, annual_premium=Decimal("60000.02"))],
    )
    assert not _checks(proposal)["premium_income"].passed
    params.set_value("sales.premium_to_income_ceiling", "0.40", actor=superuser)
    assert _checks(proposal)["premium_income"].passed


def test_premium_to_income_fails_without_income(customer, opportunity, salesperson):
    make_analysis(customer, salesperson, annual_income=0)
    proposal = make_proposal(opportunity, salesperson)
    assert not _checks(proposal)["premium_income"].passed


def test_needs_analysis_age(customer, opportunity, salesperson):
    analysis = make_analysis(customer, salesperson)
    proposal = make_proposal(opportunity, salesperson)
    today = dt.date(2026, 6, 15)
    analysis.analysed_on = dt.date(2025, 6, 16)  # 11 months and 30 days
    analysis.save()
    proposal.refresh_from_db()
    assert _checks_on(proposal, today)["needs_age"].passed
    analysis.analysed_on = dt.date(2025, 6, 15)  # 12 months: too old
    analysis.save()
    proposal.refresh_from_db()
    assert not _checks_on(proposal, today)["needs_age"].passed


def _checks_on(proposal, today):
    return {c.key: c for c in services.proposal_checklist(proposal, today=today)}


def test_needs_analysis_missing(opportunity, salesperson):
    opportunity.stage = "proposal"
    opportunity.save()
    proposal = make_proposal(opportunity, salesperson, analysis=False)
    assert not _checks(proposal)["needs_age"].passed


def test_submit_needs_lines(opportunity, salesperson):
    proposal = make_proposal(opportunity, salesperson, lines=[])
    with pytest.raises(ValidationError, match="at least one"):
        services.proposal_submit(actor=salesperson, proposal=proposal)


def test_submit_notifies_the_teams_clerk(opportunity, salesperson, clerk):
    proposal = make_proposal(opportunity, salesperson)
    services.proposal_submit(actor=salesperson, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert clerk.notifications.filter(url=proposal.get_absolute_url()).exists()
    assert AuditEvent.objects.filter(verb="proposal_submitted", actor=salesperson).exists()


def _submitted(opportunity, salesperson, **kwargs):
    proposal = make_proposal(opportunity, salesperson, **kwargs)
    return services.proposal_submit(actor=salesperson, proposal=proposal)


def test_clerk_approves_with_judgement_on_record(opportunity, salesperson, clerk):
    proposal = _submitted(opportunity, salesperson)
    with pytest.raises(ValidationError, match="compliant, reasonable and feasible"):
        services.proposal_review(actor=clerk, proposal=proposal, approve=True, compliant=True)
    services.proposal_review(
        actor=clerk,
        proposal=proposal,
        approve=True,
        compliant=True,
        reasonable=True,
        feasible=True,
        comment="OK",
    )
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    assert proposal.reviewed_by == clerk
    assert proposal.history.first().history_user == clerk
    event = AuditEvent.objects.get(verb="proposal_approved", object_id=str(proposal.pk))
    assert event.actor == clerk
    assert event.data["compliant"] and event.data["reasonable"] and event.data["feasible"]
    assert all(item["passed"] for item in event.data["checklist"])


def test_approval_is_refused_when_a_check_fails(opportunity, salesperson, clerk):
    product = make_product(max_age=30)
    proposal = _submitted(opportunity, salesperson, lines=[_line(product)])
    with pytest.raises(ValidationError, match="automatic checks failed"):
        services.proposal_review(
            actor=clerk,
            proposal=proposal,
            approve=True,
            compliant=True,
            reasonable=True,
            feasible=True,
        )
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"


def test_clerk_returns_with_a_comment(opportunity, salesperson, clerk):
    proposal = _submitted(opportunity, salesperson)
    with pytest.raises(ValidationError):
        services.proposal_review(actor=clerk, proposal=proposal, approve=False)
    services.proposal_review(
        actor=clerk, proposal=proposal, approve=False, comment="Premium too high for the budget"
    )
    proposal.refresh_from_db()
    assert proposal.status == "returned"
    assert proposal.review_comment == "Premium too high for the budget"
    assert AuditEvent.objects.filter(verb="proposal_returned", actor=clerk).exists()
    assert salesperson.notifications.filter(level="warning").exists()


def test_only_a_clerk_of_the_team_reviews(opportunity, salesperson, supervisor, team_b):
    proposal = _submitted(opportunity, salesperson)
    other_clerk = make_employee("clerk", team=team_b, username="clerk_b")
    team_b.clerks.add(other_clerk)
    for user in (salesperson, supervisor, other_clerk):
        with pytest.raises(PermissionDenied):
            services.proposal_review(actor=user, proposal=proposal, approve=False, comment="x")
    # A second clerk added to team A may review.
    second = make_employee("clerk", team=opportunity.team, username="clerk_a2")
    opportunity.team.clerks.add(second)
    services.proposal_review(actor=second, proposal=proposal, approve=False, comment="fix")


def test_a_draft_cannot_be_reviewed(opportunity, salesperson, clerk):
    proposal = make_proposal(opportunity, salesperson)
    with pytest.raises(ValidationError, match="Only a submitted"):
        services.proposal_review(actor=clerk, proposal=proposal, approve=False, comment="x")


def test_submitted_proposal_cannot_be_edited(opportunity, salesperson):
    proposal = _submitted(opportunity, salesperson)
    with pytest.raises(ValidationError):
        services.proposal_update(actor=salesperson, proposal=proposal, title="changed")


def test_revise_creates_a_new_version_copying_lines(customer, opportunity, salesperson, clerk):
    child = make_family_member(customer)
    product = make_product()
    proposal = _submitted(
        opportunity,
        salesperson,
        lines=[_line(product), _line(product, insured_member=child, sum_insured=Decimal("200000"))],
    )
    services.proposal_review(actor=clerk, proposal=proposal, approve=False, comment="too much")
    proposal.refresh_from_db()
    new = services.proposal_revise(actor=salesperson, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "revised"
    assert (new.version, new.status, new.previous_id) == (2, "draft", proposal.pk)
    old_lines = [
        (ln.product_id, ln.insured_member_id, ln.sum_insured) for ln in proposal.lines.all()
    ]
    new_lines = [(ln.product_id, ln.insured_member_id, ln.sum_insured) for ln in new.lines.all()]
    assert old_lines == new_lines and len(new_lines) == 2
    with pytest.raises(ValidationError):
        services.proposal_revise(actor=salesperson, proposal=proposal)


def test_customer_accepts_and_the_opportunity_moves_to_application(opportunity, salesperson, clerk):
    proposal = _submitted(opportunity, salesperson)
    services.proposal_review(
        actor=clerk, proposal=proposal, approve=True, compliant=True, reasonable=True, feasible=True
    )
    services.proposal_decide(actor=salesperson, proposal=proposal, accepted=True)
    opportunity.refresh_from_db()
    assert opportunity.stage == "application"
    assert Proposal.objects.get(pk=proposal.pk).status == "accepted"


def test_customer_rejects_then_revised(opportunity, salesperson, clerk):
    proposal = _submitted(opportunity, salesperson)
    with pytest.raises(ValidationError):
        services.proposal_decide(actor=salesperson, proposal=proposal, accepted=True)
    services.proposal_review(
        actor=clerk, proposal=proposal, approve=True, compliant=True, reasonable=True, feasible=True
    )
    services.proposal_decide(actor=salesperson, proposal=proposal, accepted=False, note="later")
    new = services.proposal_revise(actor=salesperson, proposal=proposal)
    assert new.version == 2


def test_review_through_the_page(opportunity, salesperson, clerk, client_for):
    proposal = _submitted(opportunity, salesperson)
    client = client_for(clerk)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'id="review-form"' in page
    response = client.post(
        reverse("sales:proposal_review", args=[proposal.pk]),
        {"decision": "return", "comment": "Add the medical cover"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "returned" and proposal.reviewed_by == clerk
    # The salesperson sees no review form.
    page = client_for(salesperson).get(proposal.get_absolute_url()).content.decode()
    assert 'id="review-form"' not in page
    assert "Add the medical cover" in page


def test_proposal_pdf_renders_chinese(customer, opportunity, salesperson, client_for, settings):
    from pypdf import PdfReader

    settings.LANGUAGE_CODE = "zh-hant"
    product = make_product(name="安心重疾保障計劃")
    proposal = make_proposal(opportunity, salesperson, lines=[_line(product)])
    response = client_for(salesperson).get(reverse("sales:proposal_pdf", args=[proposal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "張偉" in text
    assert "安心重疾保障計劃" in text
    assert "¥15,000.00" in text
