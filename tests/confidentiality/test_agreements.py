"""Agreements: recording and signing, the customer-access gate (the access cache moves when
an agreement is signed), the daily reminders, the confidentiality training beside it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from confidentiality import rules, services
from confidentiality.models import Agreement
from confidentiality.selectors import (
    agreement_list_base,
    employees_without_agreement,
    expiring_agreements,
)
from core import params
from core.models import AuditEvent, Notification
from core.roles import Role
from customers.models import Customer
from tests.customers.factories import make_customer
from tests.factories import make_employee

from .factories import TODAY, make_agreement, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def gate_on(hr):
    params.set_value(rules.AGREEMENT_REQUIRED, True, actor=hr)


@pytest.fixture
def new_hire(team_a):
    """A salesperson who joined today: no agreement yet."""
    return make_employee(Role.SALESPERSON, team=team_a, username="newhire")


def test_hr_records_a_signed_agreement_with_scan_and_non_compete(hr, salesperson):
    agreement = make_agreement(
        salesperson,
        hr,
        scan=pdf_file(),
        expires_on=TODAY() + dt.timedelta(days=700),
        non_compete=True,
        non_compete_months=12,
        non_compete_compensation=Decimal("6000"),
    )
    assert agreement.state() == Agreement.State.IN_FORCE
    assert agreement.scan and agreement.scan_name == "agreement.pdf"
    assert agreement.history.first().history_user == hr
    assert AuditEvent.objects.filter(verb="agreement_signed", object_id=str(agreement.pk)).exists()


def test_an_unsigned_agreement_asks_the_employee_to_sign(hr, salesperson):
    agreement = make_agreement(salesperson, hr, signed=False)
    assert agreement.state() == Agreement.State.UNSIGNED
    note = Notification.objects.get(recipient=salesperson)
    assert note.url == agreement.get_absolute_url()


def test_only_hr_records_agreements(salesperson, supervisor, compliance):
    for user in (salesperson, supervisor, compliance):
        with pytest.raises(PermissionDenied):
            make_agreement(salesperson, user)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"non_compete_months": 6}, "non_compete"),
        ({"non_compete": True}, "non_compete_months"),
        ({"expires_on": TODAY() - dt.timedelta(days=400)}, "expires_on"),
        ({"signed_on": None, "scan": pdf_file()}, "signed_on"),
    ],
)
def test_inconsistent_terms_are_refused_on_their_field(hr, salesperson, fields, field):
    with pytest.raises(ValidationError) as exc:
        make_agreement(salesperson, hr, signed="signed_on" not in fields, **fields)
    errors = exc.value.message_dict
    assert field in errors or "__all__" in errors, errors
    assert not Agreement.objects.exists()


def test_a_scan_that_is_no_pdf_is_refused(hr, salesperson):
    fake = SimpleUploadedFile(
        "agreement.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        make_agreement(salesperson, hr, scan=fake)
    assert "scan" in exc.value.message_dict


def test_a_pdf_with_javascript_is_refused(hr, salesperson):
    active = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    with pytest.raises(ValidationError) as exc:
        make_agreement(salesperson, hr, scan=SimpleUploadedFile("a.pdf", active))
    assert "scan" in exc.value.message_dict


def test_signing_later_records_the_date_and_scan(hr, salesperson):
    agreement = make_agreement(salesperson, hr, signed=False)
    services.agreement_sign(actor=hr, agreement=agreement, signed_on=TODAY(), scan=pdf_file())
    agreement.refresh_from_db()
    assert agreement.state() == Agreement.State.IN_FORCE
    with pytest.raises(ValidationError):
        services.agreement_sign(actor=hr, agreement=agreement, signed_on=TODAY())


# --- the customer-access gate ---------------------------------------------------------------


def test_without_the_rule_a_new_hire_opens_customers(client_for, new_hire):
    make_customer(new_hire)
    assert client_for(new_hire).get("/customers/customers/").status_code == 200


def test_new_hire_is_refused_customers_until_signed_then_gets_in(client_for, new_hire, hr, gate_on):
    """End to end, with the access cache on: refused with the reason, and let in on the next
    request once HR records the signature (the agreement moves the access version)."""
    client = client_for(new_hire)
    response = client.get("/customers/customers/")
    assert response.status_code == 403
    assert "confidentiality agreement" in response.content.decode() or "保密協議" in (
        response.content.decode()
    )
    # the permission set without customer data is remembered: a second request too
    assert client.get("/customers/customers/").status_code == 403
    assert client.get("/sales/opportunities/").status_code == 403
    agreement = make_agreement(new_hire, hr, signed=False)
    assert client.get("/customers/customers/").status_code == 403  # handed over, unsigned
    services.agreement_sign(actor=hr, agreement=agreement, signed_on=TODAY(), scan=pdf_file())
    assert client.get("/customers/customers/").status_code == 200


def test_the_gate_closes_the_permission_set_not_only_the_list(new_hire, gate_on):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=new_hire.pk)
    assert not user.has_perm("customers.view_customer")
    assert not user.has_perm("sales.view_opportunity")
    assert user.has_perm("training.view_course")  # the rest of the job stays open
    assert not Customer.objects.visible_to(user).exists()


def test_an_expired_agreement_closes_customer_access(client_for, salesperson, hr, gate_on):
    make_agreement(
        salesperson,
        hr,
        signed_on=TODAY() - dt.timedelta(days=800),
        expires_on=TODAY() - dt.timedelta(days=1),
    )
    assert client_for(salesperson).get("/customers/customers/").status_code == 403


def test_turning_the_rule_on_takes_effect_at_once(client_for, new_hire, hr):
    client = client_for(new_hire)
    assert client.get("/customers/customers/").status_code == 200
    params.set_value(rules.AGREEMENT_REQUIRED, True, actor=hr)
    assert client.get("/customers/customers/").status_code == 403


def test_company_wide_staff_follow_the_same_rule(hr, manager, gate_on):
    from django.contrib.auth import get_user_model

    fresh = get_user_model().objects.get(pk=manager.pk)
    assert not fresh.has_perm("customers.view_customer")
    make_agreement(manager, hr)
    assert get_user_model().objects.get(pk=manager.pk).has_perm("customers.view_customer")


# --- reminders ------------------------------------------------------------------------------


def test_daily_reminders_unsigned_and_expiring_once(hr, salesperson, supervisor, new_hire):
    make_agreement(supervisor, hr, expires_on=TODAY() + dt.timedelta(days=10))
    make_agreement(salesperson, hr, expires_on=TODAY() + dt.timedelta(days=300))
    result = services.agreement_reminders()
    unsigned = set(employees_without_agreement().values_list("user__username", flat=True))
    assert "newhire" in unsigned and "salesperson" not in unsigned and "supervisor" not in unsigned
    assert result["unsigned"] == len(unsigned)
    assert result["expiring"] == 1
    assert Notification.objects.filter(
        recipient=new_hire, dedupe_key__startswith="agreement-unsigned:"
    ).exists()
    assert Notification.objects.filter(
        recipient=supervisor, dedupe_key__startswith="agreement-expiring"
    ).exists()
    hr_notes = Notification.objects.filter(recipient=hr)
    assert hr_notes.filter(dedupe_key__startswith="agreement-unsigned-hr").count() == 1
    assert hr_notes.filter(dedupe_key__startswith="agreement-expiring").count() == 1
    before = Notification.objects.count()
    services.agreement_reminders()  # the same day: nothing more
    assert Notification.objects.count() == before


def test_a_renewed_agreement_is_not_reminded_as_expiring(hr, supervisor):
    make_agreement(supervisor, hr, expires_on=TODAY() + dt.timedelta(days=10))
    make_agreement(supervisor, hr, signed_on=TODAY(), expires_on=TODAY() + dt.timedelta(days=1000))
    assert not expiring_agreements(days=30).exists()


def test_the_reminder_job_runs_and_is_scheduled(settings, hr, new_hire):
    from confidentiality.tasks import send_agreement_reminders

    send_agreement_reminders.delay()
    assert Notification.objects.filter(recipient=new_hire).exists()
    names = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "confidentiality.tasks.send_agreement_reminders" in names


# --- confidentiality training beside the agreement -----------------------------------------


def test_confidentiality_training_is_shown_beside_the_agreement(client_for, hr, salesperson):
    from training.models import Course
    from training.services import record_completion

    course = Course.objects.create(
        code="SEC-1",
        title="保密制度",
        content_type=Course.ContentType.CONFIDENTIALITY,
        delivery=Course.Delivery.INTERNAL,
        duration_hours=2,
        credit_hours=2,
    )
    other = Course.objects.create(
        code="SK-1",
        title="銷售技巧",
        content_type=Course.ContentType.SALES_SKILLS,
        delivery=Course.Delivery.INTERNAL,
        duration_hours=2,
        credit_hours=2,
    )
    agreement = make_agreement(salesperson, hr)
    assert agreement_list_base().get(pk=agreement.pk).training_completed_on is None
    done = TODAY() - dt.timedelta(days=30)
    record_completion(
        actor=hr,
        employee=salesperson.employee,
        course=course,
        completed_on=done,
        kind="session",
        hours=2,
    )
    record_completion(
        actor=hr,
        employee=salesperson.employee,
        course=other,
        completed_on=TODAY(),
        kind="session",
        hours=2,
    )
    assert agreement_list_base().get(pk=agreement.pk).training_completed_on == done
    page = client_for(hr).get(agreement.get_absolute_url()).content.decode()
    assert done.isoformat() in page
    listing = client_for(hr).get("/confidentiality/agreements/").content.decode()
    assert done.isoformat() in listing
