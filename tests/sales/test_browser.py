"""From first call to an approved proposal in the browser: the salesperson records a visit,
fills a needs analysis, drafts and submits a proposal; the clerk returns it with a comment;
the salesperson revises and resubmits; the clerk approves. Every review stays on record."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.models import AuditEvent
from sales.models import NeedsAnalysis, Proposal, Visit
from tests.sales.factories import make_customer, make_opportunity, make_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_call_to_approved_proposal(login, salesperson, clerk, live_server, screenshot):
    customer = make_customer(salesperson, name="張偉", age=35)
    opportunity = make_opportunity(customer, stage="meeting", need="critical_illness")
    product = make_product(name="安心重疾保障計劃", max_age=55)
    base = live_server.url

    page = login(salesperson)
    page.on("dialog", lambda dialog: dialog.accept())

    # A visit, recorded from the opportunity.
    page.goto(f"{base}{opportunity.get_absolute_url()}")
    page.click(f"a[href$='?opportunity={opportunity.pk}']")
    page.select_option("#id_kind", "face_to_face")
    page.fill("#id_duration_minutes", "45")
    page.fill("#id_purpose", "需求了解")
    page.fill("#id_outcome", "客戶希望加強重疾保障")
    page.click("#object-form button[type=submit]")
    expect(page.locator(".page-title")).to_contain_text("張偉")
    visit = Visit.objects.get()
    assert (visit.customer, visit.opportunity, visit.owner) == (customer, opportunity, salesperson)
    screenshot(page, "visit")

    # The needs analysis, with the gaps computed and shown.
    page.goto(f"{base}/sales/needs-analyses/add/?customer={customer.pk}")
    page.fill("#id_dependants", "2")
    page.fill("#id_support_years", "10")
    page.fill("#id_annual_income", "200000")
    page.fill("#id_annual_expenses", "80000")
    page.fill("#id_total_assets", "600000")
    page.fill("#id_liquid_assets", "100000")
    page.fill("#id_liabilities", "300000")
    page.fill("#id_existing_ci_cover", "100000")
    page.select_option("#id_goal_protection", "1")
    page.click("#object-form button[type=submit]")
    expect(page.locator("#life-gap")).to_have_text("¥1,000,000.00")
    expect(page.locator("#ci-gap")).to_have_text("¥900,000.00")
    expect(page.locator("#premium-budget")).to_have_text("¥20,000.00")
    assert NeedsAnalysis.objects.get().prepared_by == salesperson
    screenshot(page, "needs-analysis")

    # Needs analysed: the stage moves on, and a proposal is drafted and submitted.
    page.goto(f"{base}{opportunity.get_absolute_url()}")
    page.click("button.stage-button[data-stage=needs_analysed]")
    page.click("#new-proposal")
    page.fill("#id_title", "家庭重疾保障")
    page.select_option("#id_lines-0-product", str(product.pk))
    page.fill("#id_lines-0-sum_insured", "500000")
    page.fill("#id_lines-0-annual_premium", "15000")
    page.fill("#id_lines-0-term", "終身")
    expect(page.locator("#line-total")).to_have_text("¥15,000.00")
    page.click("#object-form button[type=submit]")
    expect(page.locator("#total-premium")).to_have_text("¥15,000.00")
    expect(page.locator("#premium-ratio")).to_have_text("7.5%")
    page.click("#submit-proposal")
    expect(page.locator("#submit-proposal")).to_have_count(0)
    first = Proposal.objects.get()
    assert first.status == "submitted"
    screenshot(page, "submitted")

    # The clerk returns it with a comment.
    page = login(clerk)
    page.goto(f"{base}{first.get_absolute_url()}")
    page.check("#review-form input[value=return]")
    page.fill("#id_comment", "請把保額調整為四十萬")
    page.click("#review-submit")
    expect(page.locator("#review-comment")).to_contain_text("請把保額調整為四十萬")
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == ("returned", clerk)
    screenshot(page, "returned")

    # The salesperson revises: version 2 with the same line, changed and resubmitted.
    page = login(salesperson)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}{first.get_absolute_url()}")
    expect(page.locator("#review-comment")).to_contain_text("請把保額調整為四十萬")
    page.click("#revise-button")
    expect(page.locator("#id_lines-0-sum_insured")).to_have_value("500000.00")
    page.fill("#id_lines-0-sum_insured", "400000")
    page.fill("#id_lines-0-annual_premium", "12000")
    page.click("#object-form button[type=submit]")
    page.click("#submit-proposal")
    expect(page.locator("#submit-proposal")).to_have_count(0)
    second = Proposal.objects.get(version=2)
    assert second.status == "submitted" and second.previous == first

    # The clerk approves, with the judgement on compliance, reasonableness and feasibility.
    page = login(clerk)
    page.goto(f"{base}{second.get_absolute_url()}")
    expect(page.locator("#checklist .badge.text-bg-danger")).to_have_count(0)
    page.check("#review-form input[value=approve]")
    page.check("#id_compliant")
    page.check("#id_reasonable")
    page.check("#id_feasible")
    page.fill("#id_comment", "符合客戶需求與預算")
    page.click("#review-submit")
    expect(page.locator("#review-record")).to_contain_text(clerk.display_name)
    screenshot(page, "approved")

    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == "approved" and second.reviewed_by == clerk
    assert first.status == "revised"
    assert second.lines.get().sum_insured == Decimal("400000.00")
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="proposal_")
        .order_by("when", "pk")
        .values_list("verb", "actor__username")
    )
    assert verbs == [
        ("proposal_created", salesperson.username),
        ("proposal_submitted", salesperson.username),
        ("proposal_returned", clerk.username),
        ("proposal_revised", salesperson.username),
        ("proposal_submitted", salesperson.username),
        ("proposal_approved", clerk.username),
    ]
