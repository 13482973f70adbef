"""Certificates, their verification and the rewards for passing, including the interface
payroll reads (rewards_due_for_payroll) and writes (reward_mark_paid)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from core.models import AuditEvent
from training import selectors, services
from training.models import Certificate, QualificationReward

from .factories_quals import TODAY, make_certificate, make_kind, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_hr_records_a_verified_certificate_with_the_default_reward(hr, salesperson):
    kind = make_kind(validity_years=3, reward="1500")
    issued = dt.date(2025, 2, 28)
    cert = make_certificate(salesperson, hr, kind=kind, issued_on=issued, evidence=pdf_file())
    assert cert.status == Certificate.Status.VERIFIED and cert.verified_by == hr
    assert cert.expires_on == dt.date(2028, 2, 28)  # the kind's validity
    assert cert.evidence_name == "cert.pdf" and cert.evidence.read().startswith(b"%PDF")
    assert cert.reward.amount == Decimal("1500")
    assert cert.reward.status == QualificationReward.Status.PENDING
    assert AuditEvent.objects.filter(verb="certificate_recorded", actor=hr).exists()


def test_hr_sets_another_reward_amount(hr, salesperson):
    cert = make_certificate(salesperson, hr, reward_amount=Decimal("2500"))
    assert cert.reward.amount == Decimal("2500")


def test_no_reward_when_the_kind_has_none(hr, salesperson):
    cert = make_certificate(salesperson, hr, kind=make_kind(reward="0"))
    assert not QualificationReward.objects.filter(certificate=cert).exists()


def test_employee_records_their_own_and_hr_verifies(hr, salesperson):
    kind = make_kind(reward="800")
    cert = make_certificate(salesperson, salesperson, kind=kind)
    assert cert.status == Certificate.Status.PENDING and cert.recorded_by == salesperson
    assert not QualificationReward.objects.filter(certificate=cert).exists()
    assert list(selectors.certificates_to_verify(user=hr)) == [cert]
    assert not selectors.certificates_to_verify(user=salesperson).exists()
    services.certificate_verify(actor=hr, certificate=cert)
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.VERIFIED
    assert cert.reward.amount == Decimal("800")
    assert salesperson.notifications.filter(url=cert.get_absolute_url()).exists()


def test_employee_cannot_record_for_a_colleague(salesperson, other_salesperson):
    with pytest.raises(PermissionDenied):
        make_certificate(other_salesperson, salesperson)


def test_supervisor_cannot_verify(supervisor, salesperson):
    cert = make_certificate(salesperson, salesperson)
    with pytest.raises(PermissionDenied):
        services.certificate_verify(actor=supervisor, certificate=cert)


def test_reject_needs_a_reason_and_the_employee_corrects(hr, salesperson):
    cert = make_certificate(salesperson, salesperson)
    with pytest.raises(ValidationError):
        services.certificate_reject(actor=hr, certificate=cert, reason=" ")
    services.certificate_reject(actor=hr, certificate=cert, reason="證書影本不清楚")
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REJECTED
    services.certificate_update(actor=salesperson, certificate=cert, number="NEW-1")
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.PENDING and cert.number == "NEW-1"
    assert cert.rejection_reason == ""


def test_employee_cannot_change_a_verified_certificate(hr, salesperson):
    cert = make_certificate(salesperson, hr)
    with pytest.raises(ValidationError):
        services.certificate_update(actor=salesperson, certificate=cert, number="X")
    services.certificate_update(actor=hr, certificate=cert, number="X")
    cert.refresh_from_db()
    assert cert.number == "X"


def test_expiry_must_follow_the_issue(hr, salesperson):
    with pytest.raises(ValidationError):
        services.certificate_record(
            actor=hr,
            employee=salesperson.employee,
            kind=make_kind(),
            number="BAD",
            issued_on=dt.date(2025, 1, 1),
            expires_on=dt.date(2024, 1, 1),
        )


# --- the reward payroll reads ---------------------------------------------------------------


def _approved(hr, user, amount="1000"):
    cert = make_certificate(user, hr, reward_amount=Decimal(amount))
    return services.reward_decide(actor=hr, reward=cert.reward, approve=True)


def test_approve_and_the_payroll_interface(hr, salesperson, other_salesperson):
    this_month = TODAY().replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    reward = _approved(hr, salesperson)
    pending = make_certificate(other_salesperson, hr, reward_amount=Decimal("700")).reward
    assert list(selectors.rewards_due_for_payroll(month=TODAY())) == [reward]
    assert list(selectors.rewards_due_for_payroll(month=next_month)) == [reward]
    # approved this month: not due in a payroll month that ended before
    assert not selectors.rewards_due_for_payroll(month=last_month).exists()
    assert pending not in selectors.rewards_due_for_payroll(month=TODAY())

    paid = services.reward_mark_paid(actor=hr, reward=reward, month=TODAY())
    assert paid.status == QualificationReward.Status.PAID and paid.paid_month == this_month
    assert not selectors.rewards_due_for_payroll(month=TODAY()).exists()
    # idempotent for the same month, refused for another
    again = services.reward_mark_paid(actor=hr, reward=reward, month=this_month + dt.timedelta(3))
    assert again.paid_month == this_month and again.paid_at == paid.paid_at
    with pytest.raises(ValidationError, match="already paid"):
        services.reward_mark_paid(actor=hr, reward=reward, month=next_month)
    assert AuditEvent.objects.filter(verb="reward_paid").count() == 1


def test_only_an_approved_reward_is_paid(hr, salesperson):
    reward = make_certificate(salesperson, hr).reward
    with pytest.raises(ValidationError, match="approved"):
        services.reward_mark_paid(actor=hr, reward=reward, month=TODAY())


def test_payroll_needs_the_right(hr, salesperson):
    reward = _approved(hr, salesperson)
    with pytest.raises(PermissionDenied):
        services.reward_mark_paid(actor=salesperson, reward=reward, month=TODAY())


def test_reward_decisions(hr, salesperson):
    cert = make_certificate(salesperson, hr)
    services.reward_set_amount(actor=hr, reward=cert.reward, amount=Decimal("1234"))
    with pytest.raises(ValidationError):
        services.reward_decide(actor=hr, reward=cert.reward, approve=False, note="")
    reward = services.reward_decide(actor=hr, reward=cert.reward, approve=False, note="重複申請")
    assert reward.status == QualificationReward.Status.REJECTED and reward.amount == Decimal("1234")
    with pytest.raises(ValidationError):
        services.reward_decide(actor=hr, reward=reward, approve=True)
    with pytest.raises(PermissionDenied):
        services.reward_decide(
            actor=salesperson, reward=make_certificate(salesperson, hr).reward, approve=True
        )


def test_reward_of_an_unverified_certificate_cannot_be_approved(hr, salesperson):
    cert = make_certificate(salesperson, salesperson)
    with pytest.raises(ValidationError):
        services.reward_propose(actor=hr, certificate=cert, amount=Decimal("100"))
