"""Confidentiality classes: every model has one; pages, PDFs and Excel files show the mark
of the record's class beside the downloader's watermark."""

import io

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.safestring import mark_safe
from openpyxl import load_workbook
from pypdf import PdfReader

from core import classification, exports, stamping
from core.classification import CONFIDENTIAL, INTERNAL, PUBLIC, SECRET
from tests.customers.factories import make_attachment, make_customer

PROJECT_APPS = {
    "core",
    "org",
    "customers",
    "sales",
    "underwriting",
    "aftersales",
    "reports",
    "training",
    "appraisal",
    "payroll",
    "confidentiality",
}


class Person:
    display_name = "張偉"
    username = "zhangwei"


def _pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _sheet_texts(data):
    wb = load_workbook(io.BytesIO(data))
    texts = [wb.properties.description or ""]
    for ws in wb.worksheets:
        texts.append(ws.oddHeader.center.text or "")
        for row in ws.iter_rows(values_only=True):
            texts.extend(str(v) for v in row if v is not None)
    return "\n".join(texts)


def test_every_model_has_a_class():
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        try:
            classification.model_level(model)
        except LookupError:
            missing.append(model._meta.label_lower)
    assert missing == [], f"declare a class in confidentiality/classes.py: {missing}"


def test_history_and_grant_rows_have_their_records_class():
    from customers.models import Customer

    assert classification.model_level(Customer.history.model) == CONFIDENTIAL
    grant = apps.get_model("customers", "CustomerUserObjectPermission")
    assert classification.model_level(grant) == CONFIDENTIAL


@pytest.mark.django_db
def test_a_paper_takes_its_class_from_its_kind(salesperson):
    from underwriting.models import ApplicationDocument

    assert classification.default_level(ApplicationDocument(kind="health_declaration")) == SECRET
    assert classification.default_level(ApplicationDocument(kind="application_form")) == (
        CONFIDENTIAL
    )
    # a customer's attachment keeps its class in its own field
    attachment = make_attachment(make_customer(salesperson), classification="internal")
    assert classification.level_of(attachment) == INTERNAL


def test_pdf_carries_the_class_mark_and_the_downloaders_name():
    with translation.override("zh-hant"):
        stored = exports.render_pdf(
            "pdf/base.html",
            {"body": mark_safe("<p>客戶名單</p>")},
            user=None,
            title="名單",
            stamped=False,
            level=SECRET,
        )
        assert "絕密" in _pdf_text(stored)  # the mark at the head of every page
        assert "張偉" not in _pdf_text(stored)
        stamped = stamping.stamp_pdf(stored, user=Person(), level=SECRET)
        text = _pdf_text(stamped)
    assert "絕密 — 由 張偉 於" in text.replace("\n", "")
    with translation.override("zh-hant"):
        public = stamping.stamp_pdf(stored, user=Person(), level=PUBLIC)
    assert "公開 — 由 張偉 於" in _pdf_text(public).replace("\n", "")


def test_excel_carries_the_class_mark_beside_the_watermark():
    sheet = exports.Sheet("名單", [exports.Column("姓名")], iter([["王小明"]]))
    with translation.override("zh-hant"):
        out = io.BytesIO()
        exports.write_workbook(out, [sheet], user=Person(), title="名單", level=SECRET)
    text = _sheet_texts(out.getvalue())
    assert "絕密 — 由 張偉 於" in text  # header, properties and the information sheet

    # a stored workbook is stamped per download with the class it is handed over as
    stored = io.BytesIO()
    sheet = exports.Sheet("名單", [exports.Column("姓名")], iter([["王小明"]]))
    exports.write_workbook(stored, [sheet], user=None, title="名單", stamped=False)
    stored.seek(0)
    with translation.override("zh-hant"):
        handle = stamping.stamp_file(stored, "xlsx", user=Person(), level=INTERNAL)
    text = _sheet_texts(handle.read())
    assert "內部 — 由 張偉 於" in text and stamping.PLACEHOLDER not in text


@pytest.mark.django_db
def test_pages_show_the_class_badge(client_for, salesperson):
    customer = make_customer(salesperson)
    client = client_for(salesperson)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert 'data-class="confidential"' in page and "機密" in page
    products = client.get("/sales/products/").content.decode()
    assert 'data-class="public"' in products


@pytest.mark.django_db
def test_a_list_export_carries_the_class_of_its_model(client_for, compliance, salesperson):
    response = client_for(compliance).get("/core/access-log/?export=xlsx")
    assert response.status_code == 200
    assert "機密 — 由" in _sheet_texts(b"".join(response.streaming_content))
    response = client_for(salesperson).get("/sales/products/?export=xlsx")
    assert response.status_code == 200
    assert "公開 — 由" in _sheet_texts(b"".join(response.streaming_content))
