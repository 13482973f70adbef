"""Policy issuance in one transaction, premiums (first-year and renewal), delivery and the
cooling-off period."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from core import params
from core.models import AuditEvent
from customers.models import Customer
from sales.models import Opportunity
from tests.underwriting import factories as f
from underwriting import rules, services
from underwriting.models import Application, Policy, PremiumRecord

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def deliver(policy, clerk, receipt_signed_on=TODAY, **kwargs):
    data = {
        "delivered_on": receipt_signed_on,
        "method": "in_person",
        "receipt_signed_on": receipt_signed_on,
        "receipt": f.pdf("receipt.pdf"),
        "explained_coverage": True,
        "explained_exclusions": True,
        "explained_claims": True,
        "explained_cooling_off": True,
        **kwargs,
    }
    return services.policy_deliver(actor=clerk, policy=policy, **data)


# --- issuance ---------------------------------------------------------------------------------


def test_issue_creates_policy_and_updates_opportunity_and_customer(salesperson, clerk, checklist):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    services.application_set_beneficiaries  # noqa: B018 (named before acceptance in other tests)
    assert application.opportunity.stage == Opportunity.Stage.APPLICATION
    policy = f.issue_policy(application, clerk, number="P-001", effective_date=TODAY)
    assert policy.policy_number == "P-001"
    assert (policy.customer, policy.insurer, policy.proposal) == (
        application.customer,
        application.insurer,
        application.proposal,
    )
    assert policy.insured_name == application.customer.name
    assert policy.status == Policy.Status.IN_FORCE
    assert policy.end_date == TODAY.replace(year=TODAY.year + 20) or policy.end_date
    application.refresh_from_db()
    assert application.status == Application.Status.ISSUED
    opportunity = Opportunity.objects.get(pk=application.opportunity_id)
    assert opportunity.stage == Opportunity.Stage.WON
    customer = Customer.objects.get(pk=application.customer_id)
    assert customer.stage == Customer.Stage.CUSTOMER
    # who did it, on record
    assert policy.history.first().history_user == clerk
    assert opportunity.history.first().history_user == clerk
    assert customer.history.first().history_user == clerk
    assert AuditEvent.objects.filter(verb="policy_issued", object_id=str(policy.pk)).exists()


def test_a_failure_rolls_everything_back(salesperson, clerk, checklist):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    with (
        mock.patch(
            "underwriting.services.policies.customer_services.customer_update",
            side_effect=RuntimeError("customers service down"),
        ),
        pytest.raises(RuntimeError),
    ):
        f.issue_policy(application, clerk)
    assert not Policy.objects.exists()
    assert not PremiumRecord.objects.exists()
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert Opportunity.objects.get(pk=application.opportunity_id).stage == "application"
    assert Customer.objects.get(pk=application.customer_id).stage == "prospect"
    assert not AuditEvent.objects.filter(verb="policy_issued").exists()


def test_an_incomplete_customer_file_is_named_and_nothing_is_saved(salesperson, clerk, checklist):
    customer = f.make_full_customer(salesperson, street="", occupation="")
    application = f.accepted_application(salesperson=salesperson, clerk=clerk, customer=customer)
    with pytest.raises(ValidationError, match="Complete the customer file") as exc:
        f.issue_policy(application, clerk)
    assert "street address" in str(exc.value) and "occupation" in str(exc.value)
    assert not Policy.objects.exists()
    assert Opportunity.objects.get(pk=application.opportunity_id).stage == "application"


def test_policy_number_unique_per_insurer(salesperson, clerk, checklist):
    first = f.accepted_application(salesperson=salesperson, clerk=clerk)
    f.issue_policy(first, clerk, number="DUP-1")
    second = f.accepted_application(salesperson=salesperson, clerk=clerk)
    # a different insurer may use the same number
    f.issue_policy(second, clerk, number="DUP-1")
    third = f.accepted_application(salesperson=salesperson, clerk=clerk)
    third.lines.update  # noqa: B018
    Policy.objects.filter(application=second).update(insurer=third.insurer)  # same insurer now
    with pytest.raises(ValidationError, match="already has a policy with this number"):
        f.issue_policy(third, clerk, number="DUP-1")


def test_issue_refused_before_acceptance_and_twice(salesperson, clerk, checklist):
    application = f.submitted_application(salesperson=salesperson, clerk=clerk)
    with pytest.raises(ValidationError, match="accepted application"):
        f.issue_policy(application, clerk)
    application = services.application_decide(
        actor=clerk,
        application=application,
        decision=Application.Status.ACCEPTED_CONDITIONS,
        extra_premium=Decimal("1000"),
        reduced_sum_insured=Decimal("400000"),
    )
    defaults = services.policy_defaults(application.lines.get())
    assert defaults["annual_premium"] == Decimal("16000")  # 15000 + the extra premium
    assert defaults["sum_insured"] == Decimal("400000")
    f.issue_policy(application, clerk)
    with pytest.raises(ValidationError):
        f.issue_policy(Application.objects.get(pk=application.pk), clerk)


def test_beneficiaries_are_recorded_on_the_policy(salesperson, clerk, checklist):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    services.application_set_beneficiaries(
        actor=clerk,
        application=application,
        beneficiaries=[
            {"name": "甲", "relation": "spouse", "share": "60"},
            {"name": "乙", "relation": "child", "share": "40"},
        ],
    )
    f.upload_required(application, salesperson)
    f.accept_all(application, clerk)
    services.application_submit(actor=clerk, application=application, channel="email")
    services.application_decide(actor=clerk, application=application, decision="accepted")
    policy = f.issue_policy(application, clerk)
    assert [(b["name"], b["share"]) for b in policy.beneficiaries] == [
        ("甲", "60.00"),
        ("乙", "40.00"),
    ]


# --- premiums ---------------------------------------------------------------------------------


def test_premium_records_first_year_and_renewal(salesperson, clerk, checklist):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    start = TODAY.replace(day=1) - dt.timedelta(days=800)  # over two years ago
    policy = f.issue_policy(
        application,
        clerk,
        effective_date=start,
        frequency="annual",
        payment_years=10,
        first_premium_paid_on=start,
    )
    records = list(policy.premiums.order_by("due_date"))
    assert [r.policy_year for r in records][:3] == [1, 2, 3]
    assert records[0].kind == PremiumRecord.Kind.FIRST_YEAR
    assert {r.kind for r in records[1:]} == {PremiumRecord.Kind.RENEWAL}
    # commission: the product's rate (0.25) on first-year premiums, the renewal rate after
    assert records[0].commission == Decimal("3750.00")
    assert records[1].commission_rate == Decimal("0.05")
    assert records[1].commission == Decimal("750.00")
    assert records[0].paid_on == start
    policy.refresh_from_db()
    assert policy.next_premium_due == records[1].due_date
    # running the schedule again adds nothing
    assert services.premium_schedule_extend(actor=clerk, policy=policy) == []


def test_monthly_installments_and_payment(salesperson, clerk, checklist):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    policy = f.issue_policy(
        application,
        clerk,
        effective_date=TODAY,
        frequency="monthly",
        annual_premium=Decimal("1000"),
    )
    assert policy.installment == Decimal("83.33")  # 1000 / 12, half up
    records = list(policy.premiums.order_by("due_date"))
    assert len(records) == 13  # this month and the next twelve
    assert all(r.kind == "first_year" for r in records[:12])
    assert records[12].kind == "renewal"
    services.premium_record_payment(actor=clerk, premium=records[0], paid_on=TODAY)
    policy.refresh_from_db()
    assert policy.next_premium_due == records[1].due_date
    with pytest.raises(ValidationError, match="already"):
        services.premium_record_payment(actor=clerk, premium=records[0])
    assert services.premium_totals(policy)["amount"] == Decimal("83.33")


def test_single_premium(salesperson, clerk, checklist):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    policy = f.issue_policy(
        application, clerk, effective_date=TODAY, frequency="single", first_premium_paid_on=TODAY
    )
    assert policy.payment_years == 0
    assert policy.premiums.count() == 1
    assert policy.next_premium_due is None


# --- cooling-off ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "term", "expected"),
    [
        ("life", 20, TODAY + dt.timedelta(days=15)),
        ("critical_illness", None, TODAY + dt.timedelta(days=15)),  # whole life
        ("medical", 1, None),  # one year or less: none
        ("property", 20, None),  # not life or health
        ("accident", 5, None),
    ],
)
def test_cooling_off_end_default_rule(category, term, expected):
    assert rules.cooling_off_end(receipt_date=TODAY, category=category, term_years=term) == expected


def test_cooling_off_end_is_configurable(superuser):
    assert rules.cooling_off_end(
        receipt_date=TODAY,
        category="accident",
        term_years=2,
        days=10,
        categories=["accident"],
        min_term_years=1,
    ) == TODAY + dt.timedelta(days=10)
    assert rules.cooling_off_end(receipt_date=None, category="life", term_years=20) is None
    params.set_value(rules.COOLING_OFF_DAYS, "20", actor=superuser)
    params.set_value(rules.COOLING_OFF_CATEGORIES, "life, accident", actor=superuser)
    params.set_value(rules.COOLING_OFF_MIN_TERM, "0", actor=superuser)
    assert rules.cooling_off_end(receipt_date=TODAY, category="medical", term_years=20) is None
    assert rules.cooling_off_end(
        receipt_date=TODAY, category="accident", term_years=1
    ) == TODAY + dt.timedelta(days=20)


def test_delivery_computes_cooling_off_and_is_a_milestone(
    salesperson, clerk, checklist, client_for
):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    policy = f.issue_policy(application, clerk)
    with pytest.raises(ValidationError) as exc:
        deliver(policy, clerk, explained_claims=False)
    assert "the claims process" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        deliver(policy, clerk, receipt=None)
    day = TODAY - dt.timedelta(days=2)
    deliver(Policy.objects.get(pk=policy.pk), clerk, receipt_signed_on=day)
    policy.refresh_from_db()
    assert policy.cooling_off_ends == day + dt.timedelta(days=15)  # critical illness, 20 years
    assert policy.delivered_by == clerk and policy.receipt
    event = AuditEvent.objects.get(verb="contract_delivered", object_id=str(policy.pk))
    assert event.actor == clerk
    # on the customer's timeline
    page = client_for(salesperson).get(f"/customers/customers/{policy.customer_id}/timeline/")
    assert page.status_code == 200
    assert "Contract" in page.content.decode() and policy.policy_number in page.content.decode()


def test_cancellation_within_cooling_off_with_refund(salesperson, clerk, checklist):
    application = f.accepted_application(salesperson=salesperson, clerk=clerk)
    policy = f.issue_policy(application, clerk, first_premium_paid_on=TODAY)
    with pytest.raises(ValidationError, match="no cooling-off"):
        services.policy_cancel_cooling_off(
            actor=clerk, policy=policy, cancelled_on=TODAY, refund_amount=Decimal("0"), reason="x"
        )
    deliver(policy, clerk, receipt_signed_on=TODAY - dt.timedelta(days=20))
    with pytest.raises(ValidationError, match="ended on"):
        services.policy_cancel_cooling_off(
            actor=clerk, policy=policy, cancelled_on=TODAY, refund_amount=Decimal("0"), reason="x"
        )
    other = f.issue_policy(
        f.accepted_application(salesperson=salesperson, clerk=clerk),
        clerk,
        first_premium_paid_on=TODAY,
    )
    deliver(other, clerk)
    services.policy_cancel_cooling_off(
        actor=clerk,
        policy=other,
        cancelled_on=TODAY,
        refund_amount=Decimal("14990"),
        reason="不需要了",
    )
    other.refresh_from_db()
    assert other.status == Policy.Status.CANCELLED
    assert other.refund_amount == Decimal("14990.00")
    assert other.next_premium_due is None
    assert list(other.premiums.values_list("refunded", flat=True)) == [True]  # unpaid ones removed
    assert AuditEvent.objects.filter(verb="policy_cancelled", object_id=str(other.pk)).exists()
