"""Breaches: recorded and closed by compliance with history, read by HR and management;
``breaches_for`` for appraisal's rule-compliance item."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from confidentiality import services
from confidentiality.models import Breach
from confidentiality.selectors import breaches_for

from .factories import make_breach

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_compliance_records_updates_and_closes_a_breach_with_history(compliance, salesperson):
    breach = make_breach(salesperson, compliance, severity="minor")
    services.breach_update(
        actor=compliance, breach=breach, severity="severe", action_taken="停止客戶資料權限"
    )
    services.breach_close(actor=compliance, breach=breach, outcome="書面警告並扣績效分")
    breach.refresh_from_db()
    assert breach.status == Breach.Status.CLOSED and breach.closed_on == TODAY()
    history = list(breach.history.order_by("history_date"))
    assert [h.severity for h in history] == ["minor", "severe", "severe"]
    assert {h.history_user for h in history} == {compliance}
    with pytest.raises(ValidationError):
        services.breach_update(actor=compliance, breach=breach, what="x")
    with pytest.raises(ValidationError):
        services.breach_close(actor=compliance, breach=breach, outcome="again")


def test_only_compliance_records_breaches(hr, manager, supervisor, salesperson):
    for user in (hr, manager, supervisor):
        with pytest.raises(PermissionDenied):
            make_breach(salesperson, user)


def test_bad_dates_and_a_missing_outcome_are_refused(compliance, salesperson):
    with pytest.raises(ValidationError) as exc:
        make_breach(
            salesperson, compliance, occurred_on=TODAY(), found_on=TODAY() - dt.timedelta(1)
        )
    assert exc.value.messages
    breach = make_breach(salesperson, compliance)
    with pytest.raises(ValidationError) as exc:
        services.breach_close(actor=compliance, breach=breach, outcome="  ")
    assert "outcome" in exc.value.message_dict


def test_breaches_for_an_employee_and_period(compliance, salesperson, other_salesperson):
    old = make_breach(salesperson, compliance, found_on=TODAY() - dt.timedelta(days=400))
    a = make_breach(salesperson, compliance, found_on=TODAY() - dt.timedelta(days=20))
    b = make_breach(salesperson, compliance, found_on=TODAY(), severity="severe")
    services.breach_close(actor=compliance, breach=a, outcome="警告")
    make_breach(other_salesperson, compliance, found_on=TODAY())
    start, end = TODAY() - dt.timedelta(days=90), TODAY()
    found = list(breaches_for(salesperson.employee, start, end))
    assert found == [a, b]  # oldest first; closed ones count too
    assert old not in found
    assert [x.severity for x in found] == ["serious", "severe"]


def test_the_breach_pages(client_for, compliance, hr, salesperson):
    breach = make_breach(salesperson, compliance)
    assert "close-form" not in client_for(hr).get(breach.get_absolute_url()).content.decode()
    client = client_for(compliance)
    page = client.get(breach.get_absolute_url()).content.decode()
    assert "close-form" in page
    response = client.post(
        f"/confidentiality/breaches/{breach.pk}/close/", {"outcome": "", "closed_on": ""}
    )
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.status == "open"  # the empty outcome was refused with a message


def test_breaches_are_the_evidence_of_the_rule_compliance_item(compliance, salesperson):
    """The appraisal shows the breaches found in its period beside the rule-compliance item."""
    from django.utils import translation

    from appraisal.evidence import evidence_for, for_item

    today = dt.date.today()
    month_start = today.replace(day=1)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    make_breach(salesperson, compliance, found_on=month_start, what="客戶名單寄至私人信箱")
    make_breach(salesperson, compliance, found_on=month_start - dt.timedelta(days=1))
    with translation.override("en"):
        groups = for_item(
            evidence_for(salesperson.employee, month_start, next_month), "rule_compliance"
        )
    [group] = [g for g in groups if g.code == "confidentiality"]
    assert len(group.lines) == 1  # only the period's
    assert "客戶名單寄至私人信箱" in group.lines[0].label and "Serious" in group.lines[0].value
    assert group.lines[0].url.startswith("/confidentiality/breaches/")
