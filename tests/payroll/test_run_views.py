"""The run's pages and files: the payslip page and PDF, the register's totals, the
summaries, My payslips, the review page's differences, and pinned query counts."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import ExportLog
from payroll.models import PayItem
from tests.queries import assert_cold_and_warm

from .pay_factories import make_item, make_paid_employee, pay_setup, run_month, slip_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(hr):
    pay_setup()
    a = make_paid_employee(name="王小明")
    b = make_paid_employee(salary=D("60000"), base=D("50000"))
    make_item(a, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))
    make_item(
        b, PayItem.Kind.DEDUCTION, D("200"), dt.date(2026, 1, 1), dt.date(2026, 1, 1), label="餐費"
    )
    run = run_month(hr, 2026, 1, lock=True)
    return run, a, b


def _sheet_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_payslip_pdf_has_the_chinese_and_the_figures(month, client_for):
    run, a, _b = month
    slip = slip_of(run, a)
    client = client_for(a.user)
    response = client.get(reverse("payroll:payslip", args=[slip.pk]) + "?export=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "王小明" in text
    for figure in ("10,000.00", "10,500.00", "8,298.00", "102.00", "3,400.00", "交通補貼"):
        assert figure in text
    assert "養老" in text
    assert ExportLog.objects.filter(user=a.user, file_format="pdf").exists()


def test_register_totals_equal_the_payslips(month, client_for, hr):
    run, a, b = month
    response = client_for(hr).get(reverse("payroll:payrollrun_register", args=[run.pk]))
    rows = _sheet_rows(response)
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert len(body) == 2
    net = header.index("Net pay") if "Net pay" in header else header.index("實發工資")
    slips = {s.employee.employee_no: s for s in run.payslips.select_related("employee")}
    for row in body:
        assert D(str(row[net])) == slips[row[0]].net
    assert D(str(totals[net])) == sum(s.net for s in slips.values())
    assert D(str(totals[net])) == D("8298.00") + slip_of(run, b).net


def test_summaries_open(month, client_for, hr):
    run, a, _b = month
    client = client_for(hr)
    rows = _sheet_rows(client.get(reverse("payroll:payrollrun_contributions", args=[run.pk])))
    mine = next(r for r in rows if r[0] == a.employee_no)
    assert D(str(mine[3])) == D("12000") and D(str(mine[5])) == D("960")
    rows = _sheet_rows(client.get(reverse("payroll:payrollrun_tax", args=[run.pk])))
    mine = next(r for r in rows if r[0] == a.employee_no)
    assert D(str(mine[2])) == D("10500") and D("102") in [D(str(v)) for v in mine[3:] if v]


def test_review_page_highlights_differences(month, client_for, hr):
    run, a, _b = month
    make_item(a, PayItem.Kind.ALLOWANCE, D("100"), dt.date(2026, 2, 1), label="話費")
    february = run_month(hr, 2026, 2)
    response = client_for(hr).get(february.get_absolute_url())
    rows = {row["slip"].employee_id: row for row in response.context["rows"]}
    changed = {key for key, _v, is_changed, _p in rows[a.pk]["cells"] if is_changed}
    assert "allowances" in changed and "net" in changed and "base" not in changed
    assert response.context["changed_count"] >= 1


def test_my_payslips_only_locked_and_own(month, client_for, hr):
    run, a, b = month
    run_month(hr, 2026, 2)  # computed, not locked
    response = client_for(a.user).get(reverse("payroll:payslip_mine"))
    shown = [row.record for row in response.context["table"].page.object_list]
    assert [s.run_id for s in shown] == [run.pk]
    assert {s.employee_id for s in shown} == {a.pk}


def _more_employees(hr, n):
    for _ in range(n):
        make_paid_employee()


@pytest.mark.parametrize("n", [0, 8])
def test_review_page_queries(month, client_for, hr, n, django_assert_num_queries):
    _more_employees(hr, n)
    run = run_month(hr, 2026, 2)
    url = run.get_absolute_url()
    assert_cold_and_warm(
        client_for(hr),
        url,
        cold=REVIEW_COLD,
        warm=REVIEW_WARM,
        assert_num_queries=django_assert_num_queries,
    )


@pytest.mark.parametrize("n", [0, 8])
def test_list_queries(month, client_for, hr, n, django_assert_num_queries):
    _more_employees(hr, n)
    run_month(hr, 2026, 2)
    client = client_for(hr)
    for name, cold, warm in LIST_PINS:
        assert_cold_and_warm(
            client,
            reverse(name),
            cold=cold,
            warm=warm,
            assert_num_queries=django_assert_num_queries,
        )


REVIEW_COLD, REVIEW_WARM = 32, 10
LIST_PINS = [
    ("payroll:payrollrun_list", 28, 5),
    ("payroll:salarychange_list", 28, 5),
    ("payroll:payitem_list", 28, 5),
    ("payroll:payslip_mine", 27, 4),
    ("payroll:gradepay_list", 27, 4),
    ("payroll:bonustier_list", 27, 4),
]


def test_bank_list_clear_for_hr_masked_for_management(month, client_for, hr, manager):
    from core.models import AccessLog, AuditEvent
    from payroll import services
    from payroll.models import SalaryAccount

    run, a, _b = month
    account = services.salary_account_save(
        actor=hr,
        account=SalaryAccount(
            employee=a,
            bank_name="招商銀行",
            account_name=a.name,
            account_number="6225 8802 1234 5678",
        ),
    )
    assert account.account_number == "6225880212345678"
    assert AuditEvent.objects.filter(verb="salary_account_changed").exists()
    url = reverse("payroll:payrollrun_bank", args=[run.pk])
    rows = _sheet_rows(client_for(hr).get(url))
    mine = next(r for r in rows if r[0] == a.employee_no)
    assert mine[4] == "6225880212345678" and D(str(mine[5])) == D("8298.00")
    assert D(str(rows[-1][5])) == sum(s.net for s in run.payslips.all())
    rows = _sheet_rows(client_for(manager).get(url))
    mine = next(r for r in rows if r[0] == a.employee_no)
    assert mine[4] == "6225********5678"
    # the account page: masked; HR unmasks it on request, and that is logged
    page = client_for(manager).get(account.get_absolute_url() + "?show=1")
    assert "6225880212345678" not in page.content.decode()
    page = client_for(hr).get(account.get_absolute_url())
    assert "6225880212345678" not in page.content.decode()
    page = client_for(hr).get(account.get_absolute_url() + "?show=1")
    assert "6225880212345678" in page.content.decode()
    assert AccessLog.objects.filter(user=hr, action="unmask", field="account_number").exists()
