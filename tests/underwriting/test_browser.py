"""In the browser: a clerk checks an application's papers and rejects one, the salesperson
replaces it, the clerk accepts it, submits, records the insurer's acceptance, issues the
policy and records the delivery of the contract."""

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from customers.models import Customer
from sales.models import Opportunity
from tests.customers.factories import PDF_BYTES
from tests.underwriting import factories as f
from underwriting.models import Application, Policy
from underwriting.services import ensure_default_checklist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_application_to_delivered_policy(
    login, clerk, salesperson, live_server, screenshot, tmp_path
):
    ensure_default_checklist()
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    docs = f.upload_required(application, salesperson)
    scan = tmp_path / "signed-form.pdf"
    scan.write_bytes(PDF_BYTES)
    documents_url = f"{live_server.url}/underwriting/applications/{application.pk}/documents/"

    # the clerk checks every paper and rejects the unsigned application form
    page = login(clerk)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(documents_url)
    for kind, doc in docs.items():
        row = page.locator(f"#doc-{doc.pk}")
        if kind == "application_form":
            row.locator("input[name=reason]").fill("被保險人未簽名")
            row.locator("button[value=reject]").click()
        else:
            for name in ("authentic", "complete", "accurate"):
                row.locator(f"input[name={name}]").check()
            row.locator("button[value=accept]").click()
        page.wait_for_load_state()
    # The page speaks the company language; compare with the catalog, whatever its wording.
    with translation.override("zh-hant"):
        rejected = gettext("Rejected documents to replace: %(docs)s.").split("%")[0].strip()
        accepted = str(Application.Status.ACCEPTED.label)
    expect(page.locator("#blockers")).to_contain_text(rejected)
    screenshot(page, "clerk-rejected")

    # the salesperson sees why and uploads a signed form
    page = login(salesperson)
    page.goto(documents_url)
    expect(page.locator(".check-application_form")).to_contain_text("被保險人未簽名")
    page.select_option("#id_kind", "application_form")
    page.set_input_files("#id_file", str(scan))
    page.click("#upload-button")
    expect(page.locator(".check-application_form")).to_have_attribute("data-state", "pending")

    # the clerk accepts the new form and submits to the insurer
    page = login(clerk)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(documents_url)
    row = page.locator("tr.doc-row[data-status=pending]")
    for name in ("authentic", "complete", "accurate"):
        row.locator(f"input[name={name}]").check()
    row.locator("button[value=accept]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/underwriting/applications/{application.pk}/")
    page.select_option("#submit-form select[name=channel]", "portal")
    page.fill("#submit-form input[name=insurer_reference]", "UW-2026-001")
    page.click("#submit-button")
    expect(page.locator("#underwriting-record")).to_contain_text("UW-2026-001")

    # the insurer accepts; the clerk records it and the policy
    page.check("#decision-form input[name=decision][value=accepted]")
    page.click("#decision-button")
    expect(page.locator("#decision")).to_contain_text(accepted)
    page.click("a.issue-line")
    page.fill("#id_policy_number", "PL-0001")
    page.fill("#id_effective_date", dt.date.today().isoformat())
    page.fill("#id_payment_years", "10")
    page.fill("#id_term_years", "20")
    page.click("#issue-button")
    expect(page.locator("#policy-facts")).to_contain_text("PL-0001")
    screenshot(page, "policy-issued")

    # the contract is delivered and explained
    page.click("#deliver-link")
    page.set_input_files("#id_receipt", str(scan))
    for name in ("coverage", "exclusions", "claims", "cooling_off"):
        page.check(f"#id_explained_{name}")
    page.click("#deliver-button")
    ends = (dt.date.today() + dt.timedelta(days=15)).isoformat()
    expect(page.locator("#cooling-off-ends")).to_contain_text(ends)
    screenshot(page, "delivered")

    policy = Policy.objects.get(policy_number="PL-0001")
    assert policy.delivered_by == clerk
    assert Application.objects.get(pk=application.pk).status == Application.Status.ISSUED
    assert Opportunity.objects.get(pk=application.opportunity_id).stage == "won"
    assert Customer.objects.get(pk=application.customer_id).stage == "customer"
