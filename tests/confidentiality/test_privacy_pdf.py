"""A customer's data copy as a PDF (read back as text), and the signed consent form's
download (access-logged)."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from confidentiality import services
from core.models import AccessLog, AuditEvent, ExportLog
from tests.customers.factories import PDF_BYTES, id_number, make_customer

pytestmark = pytest.mark.django_db


def test_customer_data_copy_as_pdf(client_for, salesperson, manager):
    number = id_number()
    customer = make_customer(salesperson, name="歐陽資料", id_type="prc_id", id_number=number)
    request = services.data_request_record(
        actor=salesperson,
        customer=customer,
        kind="export",
        received_on=dt.date.today(),
        details="資料副本",
    )
    url = f"/confidentiality/customers/{customer.pk}/export/pdf/"
    assert client_for(manager).post(url).status_code == 403
    response = client_for(salesperson).post(url, {"request": request.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "歐陽資料" in text and number in text  # their own data, in clear, Chinese readable
    log = ExportLog.objects.get(user=salesperson)
    assert log.file_format == "pdf" and log.clear_values and log.row_count >= 1
    assert AuditEvent.objects.filter(verb="customer_data_exported").exists()
    request.refresh_from_db()
    assert request.status == "done"


def test_signed_consent_form_download(client_for, salesperson, other_salesperson):
    customer = make_customer(salesperson)
    consent = services.consent_record(
        actor=salesperson,
        customer=customer,
        kind="health",
        given_on=dt.date.today(),
        purpose="核保評估",
        evidence=ContentFile(PDF_BYTES, name="consent.pdf"),
    )
    url = f"/confidentiality/customers/{customer.pk}/consents/{consent.pk}/form/"
    page = client_for(salesperson).get(f"/confidentiality/customers/{customer.pk}/")
    assert url in page.content.decode()
    response = client_for(salesperson).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(user=salesperson, action="download").count() == 1
    assert client_for(other_salesperson).get(url).status_code == 404
