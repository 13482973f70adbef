"""In the browser: HR records an external certificate for an employee with its reward,
approves the reward, and finds it on "rewards waiting for payroll"."""

import pytest
from playwright.sync_api import expect

from training.models import Certificate, QualificationReward

from .factories_quals import PDF_BYTES, make_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_records_a_certificate_and_its_reward_waits_for_payroll(
    login, hr, salesperson, live_server, screenshot, tmp_path
):
    salesperson.employee.name = "歐陽明月"
    salesperson.employee.save()
    kind = make_kind("保險代理人資格證", licence_required=True, reward="2000")
    evidence = tmp_path / "certificate.pdf"
    evidence.write_bytes(PDF_BYTES)

    page = login(hr)
    page.goto(f"{live_server.url}/training/certificates/add/")
    box = page.locator("#id_employee_search")
    box.click()
    box.press_sequentially("歐陽", delay=50)
    matches = page.locator("#id_employee_results [data-value]")
    expect(matches).to_have_count(1)
    matches.first.click()
    expect(page.locator("#id_employee")).to_have_value(str(salesperson.employee.pk))
    page.select_option("#id_kind", str(kind.pk))
    page.fill("#id_number", "AG-2026-0001")
    page.fill("#id_exam_passed_on", "2026-01-10")
    page.fill("#id_issued_on", "2026-02-01")
    page.fill("#id_reward_amount", "2500")
    page.set_input_files("#id_evidence", str(evidence))
    screenshot(page, "record-form")
    page.locator("form button[type=submit]").last.click()

    expect(page.locator("#certificate-facts")).to_contain_text("AG-2026-0001")
    expect(page.locator("#reward-facts")).to_contain_text("2,500")
    cert = Certificate.objects.get(number="AG-2026-0001")
    assert cert.status == "verified" and cert.expires_on.isoformat() == "2029-02-01"

    # approve the reward
    page.locator("#decide-reward-form input[value=approve]").check()
    page.click("#decide-reward-button")
    expect(page.locator("#reward-status")).to_contain_text("待薪資發放")
    screenshot(page, "reward-approved")
    assert QualificationReward.objects.get(certificate=cert).status == "approved"

    # waiting for payroll
    page.goto(f"{live_server.url}/training/rewards/payroll/")
    table = page.locator("#table-area")
    expect(table).to_contain_text("歐陽明月")
    expect(table).to_contain_text("AG-2026-0001")
    expect(table).to_contain_text("2,500")
    screenshot(page, "waiting-for-payroll")
