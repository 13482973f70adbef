"""Leave requests: submit, approve, refuse with reasons, cancel; the balance follows."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from core.models import AuditEvent, Notification
from payroll.attendance import services
from payroll.models import LeaveRequest

from .factories_attendance import approved_leave, leave_types, make_leave

pytestmark = pytest.mark.django_db


def test_request_notifies_the_supervisor_who_approves_it(salesperson, supervisor):
    request = make_leave(salesperson, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 4))
    assert request.days == 3 and request.status == LeaveRequest.Status.PENDING
    assert Notification.objects.filter(recipient=supervisor).count() == 1
    services.leave_request_approve(actor=supervisor, request=request, note="好")
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == supervisor
    assert Notification.objects.filter(recipient=salesperson).count() == 1
    assert AuditEvent.objects.filter(verb="leave_approved").count() == 1


def test_only_the_teams_supervisor_or_hr_decides(salesperson, other_salesperson, supervisor, hr):
    mine = make_leave(salesperson)
    with pytest.raises(PermissionDenied):
        services.leave_request_approve(actor=salesperson, request=mine)
    other = make_leave(other_salesperson)
    with pytest.raises(PermissionDenied):
        services.leave_request_approve(actor=supervisor, request=other)
    services.leave_request_approve(actor=hr, request=other)


def test_nobody_requests_for_someone_else(salesperson, other_salesperson):
    with pytest.raises(PermissionDenied):
        services.leave_request_submit(
            actor=other_salesperson,
            employee=salesperson.employee,
            leave_type=leave_types()["personal"],
            start=dt.date(2026, 3, 2),
            end=dt.date(2026, 3, 2),
        )


def test_refusal_needs_a_reason(salesperson, supervisor):
    request = make_leave(salesperson)
    with pytest.raises(ValidationError) as exc:
        services.leave_request_refuse(actor=supervisor, request=request, note=" ")
    assert "note" in exc.value.error_dict
    services.leave_request_refuse(actor=supervisor, request=request, note="月底人手不足")
    assert LeaveRequest.objects.get().status == "refused"


def test_overlapping_requests_are_refused_but_halves_fit(salesperson):
    make_leave(salesperson, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 4))
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        make_leave(salesperson, start=dt.date(2026, 3, 4), end=dt.date(2026, 3, 5))
    assert "overlap the request of 2026-03-02" in str(exc.value.error_dict["start"])
    make_leave(salesperson, start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 9), end_noon=True)
    half = make_leave(
        salesperson, start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 10), start_afternoon=True
    )
    assert half.days == D("1.5")


def test_weekend_only_and_reversed_dates_are_refused(salesperson):
    with pytest.raises(ValidationError) as exc:
        make_leave(salesperson, start=dt.date(2026, 3, 7), end=dt.date(2026, 3, 8))
    assert "start" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        make_leave(salesperson, start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 6))
    assert "end" in exc.value.error_dict


def test_annual_leave_over_the_balance_is_refused(salesperson, supervisor):
    # hired 2020-01-01 without prior service: 6 years → 5 days in 2026
    approved_leave(
        salesperson, supervisor, code="annual", start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 4)
    )
    balance = services.annual_leave_balance(salesperson.employee, 2026, dt.date(2026, 3, 5))
    assert (balance.entitlement, balance.taken, balance.remaining) == (5, 3, 2)
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        make_leave(salesperson, code="annual", start=dt.date(2026, 4, 6), end=dt.date(2026, 4, 8))
    assert "Only 2.0 days of annual leave are left for 2026" in str(exc.value.error_dict["end"])
    make_leave(salesperson, code="annual", start=dt.date(2026, 4, 6), end=dt.date(2026, 4, 7))
    balance = services.annual_leave_balance(salesperson.employee, 2026, dt.date(2026, 3, 5))
    assert (balance.pending, balance.bookable) == (2, 0)


def test_cancel_gives_the_days_back(salesperson, supervisor):
    request = make_leave(
        salesperson, code="annual", start=dt.date(2099, 3, 2), end=dt.date(2099, 3, 3)
    )
    services.leave_request_approve(actor=supervisor, request=request)
    services.leave_request_cancel(actor=salesperson, request=request)
    assert LeaveRequest.objects.get().status == "cancelled"
    with pytest.raises(ValidationError):
        services.leave_request_cancel(actor=salesperson, request=request)


def test_account_carries_over_the_previous_year(salesperson, supervisor, hr):
    employee = salesperson.employee
    services.annual_leave_account_open(actor=hr, employee=employee, year=2025)
    approved_leave(salesperson, supervisor, code="annual", start=dt.date(2025, 6, 2))
    account = services.annual_leave_account_open(actor=hr, employee=employee, year=2026)
    assert (account.entitlement, account.carried_over) == (5, 4)
    # the setting caps the days carried over
    from core import params
    from payroll import rules

    params.set_value(rules.LEAVE_CARRY_DAYS, 2, actor=hr)
    account = services.annual_leave_account_open(actor=hr, employee=employee, year=2026)
    assert account.carried_over == 2
    balance = services.annual_leave_balance(employee, 2026, dt.date(2026, 2, 1))
    assert balance.remaining == 7
    # after 31 March the carried days not taken lapse
    assert services.annual_leave_balance(employee, 2026, dt.date(2026, 4, 1)).remaining == 5


def test_untaken_leave_marked_for_pay(salesperson, hr):
    account = services.annual_leave_account_open(actor=hr, employee=salesperson.employee, year=2026)
    with pytest.raises(ValidationError):
        services.annual_leave_mark_untaken(
            actor=hr, account=account, days=6, month=dt.date(2026, 12, 1)
        )
    services.annual_leave_mark_untaken(
        actor=hr, account=account, days=3, month=dt.date(2026, 12, 9)
    )
    account.refresh_from_db()
    assert (account.untaken_paid_days, account.paid_in_month) == (3, dt.date(2026, 12, 1))
    with pytest.raises(PermissionDenied):
        services.annual_leave_mark_untaken(
            actor=salesperson, account=account, days=1, month=dt.date(2026, 12, 1)
        )
