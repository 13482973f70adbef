"""The training file: totals per year, the PDF (Chinese text and figures), the Excel export,
the sections registry, and what each person may open."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from training import file_sections
from training.selectors.file import hours_by_employee, training_file

from .factories_sessions import make_course, make_record

pytestmark = pytest.mark.django_db


def _fill(user):
    course = make_course(title="公司主力產品培訓")
    make_record(user, course=course, completed_on=dt.date(2025, 3, 1), hours="4")
    make_record(user, course=course, completed_on=dt.date(2026, 2, 1), hours="2.5")
    make_record(user, completed_on=dt.date(2026, 5, 1), hours="1")
    return course


def test_selector_totals(salesperson, hr):
    _fill(salesperson)
    data = training_file(salesperson.employee, hr)
    assert data["years"] == [(2026, Decimal("3.5"), 2), (2025, Decimal("4"), 1)]
    assert data["total_hours"] == Decimal("7.5")
    hours = hours_by_employee(user=hr, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert hours[salesperson.employee.pk]["hours"] == Decimal("3.5")
    assert hours[salesperson.employee.pk]["count"] == 2


def test_sections_registry(salesperson, hr, client_for):
    def certificates(employee, user):
        return {
            "key": "test-certs",
            "title": "證照",
            "columns": ["名稱", "到期日"],
            "rows": [["人身保險業務員", dt.date(2027, 1, 31)]],
        }

    file_sections.register(certificates)
    try:
        page = client_for(hr).get(reverse("training:file", args=[salesperson.employee.pk]))
        assert "人身保險業務員" in page.content.decode()
        assert 'id="file-test-certs"' in page.content.decode()
        xlsx = client_for(hr).get(
            reverse("training:file", args=[salesperson.employee.pk]) + "?export=xlsx"
        )
        book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        assert book["證照"]["A2"].value == "人身保險業務員"
    finally:
        file_sections._providers.remove(certificates)


def test_pdf_has_chinese_text_and_figures(salesperson, supervisor, client_for, settings):
    settings.LANGUAGE_CODE = "zh-hant"
    _fill(salesperson)
    response = client_for(supervisor).get(
        reverse("training:file", args=[salesperson.employee.pk]) + "?export=pdf",
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert salesperson.employee.name in text
    assert "公司主力產品培訓" in text
    assert "7.5" in text and "3.5" in text and "2026" in text


def test_excel_export(salesperson, client_for):
    _fill(salesperson)
    response = client_for(salesperson).get(reverse("training:my_file"), follow=True)
    assert response.context["total_hours"] == Decimal("7.5")
    xlsx = client_for(salesperson).get(
        reverse("training:file", args=[salesperson.employee.pk]) + "?export=xlsx"
    )
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    records = book.worksheets[0]
    rows = list(records.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows[:3]] == ["其他培訓", "公司主力產品培訓", "公司主力產品培訓"]
    assert float(rows[3][3]) == 7.5  # the total line
    years = book.worksheets[1]
    assert [c.value for c in years[2]][:2] == ["2026", 3.5]


def test_others_cannot_open_the_file(salesperson, other_salesperson, client_for):
    url = reverse("training:file", args=[salesperson.employee.pk])
    assert client_for(other_salesperson).get(url).status_code == 404
    assert client_for(salesperson).get(url).status_code == 200
