"""Customers' consents: a health note or a bank account is stored only with the customer's
separate consent (a field error otherwise), the customer's data export (logged) and
correction requests."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from confidentiality import services
from confidentiality.models import CustomerDataRequest
from core.models import AuditEvent, ExportLog
from customers import services as customer_services
from tests.customers.factories import give_consent, make_customer
from tests.underwriting import factories as uf
from underwriting import services as uw

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_a_health_note_needs_the_health_consent(salesperson):
    customer = make_customer(salesperson)
    with pytest.raises(ValidationError) as exc:
        customer_services.customer_update(
            actor=salesperson, customer=customer, health_note="高血壓，服藥中"
        )
    assert "health_note" in exc.value.message_dict
    customer.refresh_from_db()
    assert customer.health_note == ""
    give_consent(customer, "financial")  # the other kind does not count
    with pytest.raises(ValidationError):
        customer_services.customer_update(actor=salesperson, customer=customer, health_note="x")
    give_consent(customer, "health")
    customer_services.customer_update(actor=salesperson, customer=customer, health_note="高血壓")
    customer.refresh_from_db()
    assert customer.health_note == "高血壓"


def test_a_new_file_cannot_carry_a_health_note(salesperson):
    with pytest.raises(ValidationError) as exc:
        customer_services.customer_create(
            actor=salesperson, owner=salesperson, name="新客戶", health_note="心臟病史"
        )
    assert "health_note" in exc.value.message_dict


def test_a_withdrawn_consent_no_longer_counts(salesperson):
    customer = make_customer(salesperson)
    consent = give_consent(customer, "health")
    services.consent_withdraw(actor=salesperson, consent=consent, withdrawn_on=TODAY())
    with pytest.raises(ValidationError):
        customer_services.customer_update(actor=salesperson, customer=customer, health_note="x")
    # recorded again, it counts again
    give_consent(customer, "health")
    customer_services.customer_update(actor=salesperson, customer=customer, health_note="x")


def test_the_customer_form_shows_the_error_next_to_the_health_note(client_for, salesperson):
    customer = make_customer(salesperson)
    url = f"/customers/customers/{customer.pk}/edit/"
    client = client_for(salesperson)
    form = client.get(url).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and not isinstance(v, (list, tuple)) and k in form.fields
    }
    data.update(name=customer.name, health_note="糖尿病史", owner=salesperson.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "health_note" in errors, errors
    assert "consent" in str(errors["health_note"]) or "同意" in str(errors["health_note"])


def test_a_bank_account_needs_the_financial_consent(salesperson, clerk):
    full = uf.make_full_customer(salesperson)
    consent = full.sensitive_consents.get(kind="financial")
    services.consent_withdraw(actor=salesperson, consent=consent, withdrawn_on=TODAY())
    proposal = uf.make_accepted_proposal(full, salesperson=salesperson, clerk=clerk)
    with pytest.raises(ValidationError) as exc:
        uw.application_create_from_proposal(
            actor=clerk, proposal=proposal, bank_account="6222020200112233445"
        )
    assert "bank_account" in exc.value.message_dict
    # without an account the application is made; the account is refused on update
    application = uw.application_create_from_proposal(actor=clerk, proposal=proposal)[0]
    with pytest.raises(ValidationError) as exc:
        uw.application_update(actor=clerk, application=application, bank_account="62220202001")
    assert "bank_account" in exc.value.message_dict
    give_consent(full, "financial")  # given again
    uw.application_update(actor=clerk, application=application, bank_account="6222020200112233445")
    application.refresh_from_db()
    assert application.bank_account == "6222020200112233445"


def test_consents_are_recorded_by_those_who_look_after_the_file(salesperson, other_salesperson, hr):
    customer = make_customer(salesperson)
    for user in (other_salesperson, hr):
        with pytest.raises(PermissionDenied):
            give_consent(customer, "health", actor=user)
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=salesperson, customer=customer, kind="health", given_on=TODAY(), purpose=" "
        )
    assert "purpose" in exc.value.message_dict
    give_consent(customer, "health")
    with pytest.raises(ValidationError):
        give_consent(customer, "health")  # already on record
    assert AuditEvent.objects.filter(verb="consent_recorded", object_id=str(customer.pk)).exists()


def test_the_customer_data_export_holds_everything_and_is_logged(client_for, salesperson, clerk):
    customer = make_customer(salesperson, health_note="二型糖尿病")
    request = services.data_request_record(
        actor=salesperson, customer=customer, kind="export", received_on=TODAY(), details="副本"
    )
    url = f"/confidentiality/customers/{customer.pk}/export/"
    response = client_for(clerk).post(url, {"request": request.pk})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert "二型糖尿病" in values  # the customer's own data, clear
    assert customer.mobile in values
    assert any("健康" in str(v) or "Health" in str(v) for v in values)  # the consent sheet
    log = ExportLog.objects.get(user=clerk)
    assert log.clear_values and log.row_count > 0
    request.refresh_from_db()
    assert request.status == CustomerDataRequest.Status.DONE and request.handled_by == clerk
    assert AuditEvent.objects.filter(
        verb="customer_data_exported", object_id=str(customer.pk)
    ).exists()


def test_the_export_needs_the_right_to_see_sensitive_data(salesperson, manager):
    customer = make_customer(salesperson)
    with pytest.raises(PermissionDenied):
        services.customer_data_export(actor=manager, customer=customer)


def test_a_correction_request_is_handled_with_its_outcome(salesperson, clerk):
    customer = make_customer(salesperson)
    request = services.data_request_record(
        actor=salesperson,
        customer=customer,
        kind="correction",
        received_on=TODAY(),
        details="地址應為長安街2號",
    )
    with pytest.raises(ValidationError) as exc:
        services.data_request_handle(actor=clerk, request=request, status="done", outcome="")
    assert "outcome" in exc.value.message_dict
    services.data_request_handle(actor=clerk, request=request, status="done", outcome="已更正地址")
    request.refresh_from_db()
    assert request.handled_by == clerk and request.handled_at is not None
    with pytest.raises(ValidationError):
        services.data_request_handle(actor=clerk, request=request, status="done", outcome="again")
