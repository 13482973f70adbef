"""In the browser: with the company rule on, a new salesperson is refused the customer list
(with the reason); HR records the signed agreement; the new hire then opens the list."""

import pytest
from playwright.sync_api import expect

from confidentiality import rules
from confidentiality.models import Agreement
from core import params
from core.roles import Role
from tests.customers.factories import PDF_BYTES, make_customer
from tests.factories import make_employee

from .factories import make_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_records_a_signed_agreement_and_the_new_hire_opens_customers(
    login, hr, team_a, live_server, screenshot, tmp_path
):
    new_hire = make_employee(Role.SALESPERSON, team=team_a, username="newhire", name="歐陽新人")
    make_customer(new_hire, name="新人的客戶")
    version = make_version("2026-01")
    params.set_value(rules.AGREEMENT_REQUIRED, True, actor=hr)
    scan = tmp_path / "agreement.pdf"
    scan.write_bytes(PDF_BYTES)

    page = login(new_hire)
    response = page.goto(f"{live_server.url}/customers/customers/")
    assert response.status == 403
    expect(page.locator("#refusal-reason")).to_contain_text("保密協議")
    screenshot(page, "refused")

    page = login(hr)
    page.goto(f"{live_server.url}/confidentiality/agreements/add/")
    box = page.locator("#id_employee_search")
    box.click()
    box.press_sequentially("歐陽", delay=50)
    matches = page.locator("#id_employee_results [data-value]")
    expect(matches).to_have_count(1)
    matches.first.click()
    page.select_option("#id_version", str(version.pk))
    page.fill("#id_signed_on", "2026-12-01")
    page.set_input_files("#id_scan", str(scan))
    page.fill("#id_expires_on", "2029-11-30")
    screenshot(page, "record-form")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("#agreement-facts")).to_contain_text("2026-12-01")
    expect(page.locator("#scan-link")).to_be_visible()
    screenshot(page, "agreement")
    agreement = Agreement.objects.get(employee__user=new_hire)
    assert agreement.scan and agreement.state() == Agreement.State.IN_FORCE

    page = login(new_hire)
    response = page.goto(f"{live_server.url}/customers/customers/")
    assert response.status == 200
    expect(page.locator("#table-area")).to_contain_text("新人的客戶")
    screenshot(page, "customers")
