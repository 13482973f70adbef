"""The qualification pages at work: recording with evidence, HR's steps, the expiry
report's Excel and PDF, form bounds, My work and query counts."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import AccessLog, ExportLog
from tests.factories import make_employee
from training import services
from training.models import Certificate, QualificationReward
from training.providers_quals import certificate_work

from .factories_quals import TODAY, make_certificate, make_kind, make_plan, make_rotation, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_employee_records_their_own_with_evidence(client_for, salesperson, hr):
    kind = make_kind(validity_years=2, reward="600")
    client = client_for(salesperson)
    url = reverse("training:certificate_add")
    page = client.get(url)
    assert "employee" not in page.context["form"].fields
    # a file that is not a PDF or an image is refused next to the field
    bad = SimpleUploadedFile("cert.pdf", b"MZ not a pdf", content_type="application/pdf")
    data = {"kind": kind.pk, "number": "A-1", "issued_on": "2025-03-01", "evidence": bad}
    response = client.post(url, data)
    assert response.status_code == 200 and "evidence" in response.context["form"].errors
    data["evidence"] = pdf_file()
    response = client.post(url, data)
    cert = Certificate.objects.get(number="A-1")
    assert response.status_code == 302 and response["Location"] == cert.get_absolute_url()
    assert cert.employee == salesperson.employee and cert.status == "pending"
    assert cert.expires_on == dt.date(2027, 3, 1)
    # the evidence is opened through the permission check, access-logged
    evidence = client.get(reverse("training:certificate_evidence", args=[cert.pk]))
    assert b"".join(evidence.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(user=salesperson, action="download").exists()
    # HR verifies with another reward amount and approves it
    hr_client = client_for(hr)
    step = reverse("training:certificate_step", args=[cert.pk, "verify"])
    hr_client.post(step, {"reward_amount": "900"})
    cert.refresh_from_db()
    assert cert.status == "verified" and cert.reward.amount == Decimal("900")
    hr_client.post(
        reverse("training:certificate_step", args=[cert.pk, "decide_reward"]),
        {"decision": "approve", "note": ""},
    )
    assert QualificationReward.objects.get(certificate=cert).status == "approved"
    payroll = hr_client.get(reverse("training:reward_payroll"))
    assert cert.number in payroll.content.decode()


def test_hr_records_for_anyone_and_form_bounds(client_for, hr, salesperson):
    kind = make_kind()
    client = client_for(hr)
    url = reverse("training:certificate_add")
    response = client.post(
        url,
        {
            "employee": salesperson.employee.pk,
            "kind": kind.pk,
            "number": "X" * 51,
            "issued_on": "1850-01-01",
            "expires_on": "2024-01-01",
            "reward_amount": "-5",
            "note": "n" * 501,
        },
    )
    errors = response.context["form"].errors
    assert {"number", "issued_on", "reward_amount", "note"} <= set(errors)
    assert not Certificate.objects.exists()
    response = client.post(
        url,
        {
            "employee": salesperson.employee.pk,
            "kind": kind.pk,
            "number": "HR-1",
            "issued_on": "2025-01-10",
            "expires_on": "2025-01-01",
        },
    )
    assert "expires_on" in response.context["form"].errors
    response = client.post(
        url,
        {
            "employee": salesperson.employee.pk,
            "kind": kind.pk,
            "number": "HR-1",
            "issued_on": "2025-01-10",
            "reward_amount": "1888",
        },
    )
    cert = Certificate.objects.get(number="HR-1")
    assert cert.status == "verified" and cert.reward.amount == Decimal("1888")


def test_expiry_report_excel_and_pdf(client_for, hr, supervisor, salesperson, other_salesperson):
    licence = make_kind("保險代理人資格證", licence_required=True)
    soon = make_certificate(
        salesperson, hr, kind=licence, number="SOON-1", expires_on=TODAY() + dt.timedelta(25)
    )
    gone = make_certificate(
        other_salesperson, hr, kind=licence, number="GONE-1", expires_on=TODAY() - dt.timedelta(3)
    )
    make_certificate(salesperson, hr, number="LATER-1", expires_on=TODAY() + dt.timedelta(200))
    client = client_for(hr)
    url = reverse("training:certificate_expiry")
    response = client.get(url + "?days=30&export=xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    numbers = [r[3] for r in rows[1:]]
    assert numbers == ["GONE-1", "SOON-1"]  # soonest first; the later one is outside
    assert rows[1][-1] == -3 and rows[2][-1] == 25
    info = dict(book.worksheets[-1].iter_rows(values_only=True))
    assert info["Rows"] == 2

    response = client.get(url + "?days=30&export=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "SOON-1" in text and "GONE-1" in text and "LATER-1" not in text
    assert "Expired" in text
    assert ExportLog.objects.filter(user=hr, file_format="pdf", row_count=2).exists()

    # the supervisor: their team only
    response = client_for(supervisor).get(url + "?days=30&export=pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "SOON-1" in text and "GONE-1" not in text
    assert soon.pk and gone.pk


def test_my_work_items(hr, supervisor, salesperson, other_salesperson, team_a):
    licence = make_kind(licence_required=True)
    make_certificate(salesperson, hr, kind=licence, expires_on=TODAY() - dt.timedelta(2))
    make_certificate(salesperson, hr, expires_on=TODAY() + dt.timedelta(10))
    make_certificate(other_salesperson, other_salesperson)
    make_rotation(other_salesperson, team_a)

    def items(user):
        return {i.label: i.count for i in certificate_work(user)}

    assert items(salesperson)["My certificates to renew"] == 2  # expiring and expired
    assert "Certificates to verify" not in items(salesperson)
    assert items(supervisor)["Expired licences in my team"] == 1
    assert items(supervisor)["Job rotations to evaluate"] == 1
    hr_items = items(hr)
    assert hr_items["Certificates to verify"] == 1
    assert hr_items["Qualification rewards to approve"] == 3 - 1  # the pending one has none


def _fill(hr, users, n):
    for i in range(n):
        user = users[i % len(users)]
        cert = make_certificate(user, hr, expires_on=TODAY() + dt.timedelta(days=i % 50 - 5))
        if i % 4 == 0:  # an expired licence
            licence = make_kind(licence_required=True)
            make_certificate(user, hr, kind=licence, expires_on=TODAY() - dt.timedelta(days=i + 1))
        if i % 2:
            services.reward_decide(actor=hr, reward=cert.reward, approve=True)
        make_rotation(user, users[0].employee.team)
    for _i in range(max(n // 4, 1)):
        colleague = make_employee("salesperson", team=users[0].employee.team)
        plan = make_plan(colleague)
        step = plan.steps.get()
        services.requirement_add(actor=hr, step=step, kind="tenure", months=6)
        services.requirement_add(actor=hr, step=step, kind="certificate", qualification=make_kind())


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


URLS = [
    "/training/certificates/",
    "/training/certificates/expiries/",
    "/training/certificates/expired-licences/",
    "/training/rewards/",
    "/training/rewards/payroll/",
    "/training/qualifications/",
    "/training/development-plans/",
    "/training/development-plans/readiness/",
    "/training/rotations/",
]
# The frame (session, user, unread notifications), then the table's count and its page of
# rows (permissions, profile and filter drop-downs come from the cache once warm); the
# payroll page adds its total, the readiness page one query per requirement kind (tenure has
# none; courses, certificates, appraisal grades) and the plans' steps and requirements.
PINNED = {
    "/training/certificates/": 5,
    "/training/certificates/expiries/": 5,
    "/training/certificates/expired-licences/": 5,
    "/training/rewards/": 5,
    "/training/rewards/payroll/": 6,
    "/training/qualifications/": 5,
    "/training/development-plans/": 5,
    "/training/development-plans/readiness/": 9,
    "/training/rotations/": 5,
}


def test_list_query_counts_do_not_grow(client_for, hr, salesperson, other_salesperson):
    client = client_for(hr)
    _fill(hr, [salesperson, other_salesperson], 2)
    small = {url: _count(client, url) for url in URLS}
    _fill(hr, [salesperson, other_salesperson], 24)
    large = {url: _count(client, url) for url in URLS}
    assert small == large
    assert small == PINNED
