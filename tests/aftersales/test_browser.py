"""In the browser: a clerk records a reached follow-up with a low satisfaction score and an
opinion that becomes a task for the salesperson, who finds it on their task page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from aftersales.models import FollowUp
from aftersales.services import ensure_default_claim_checklist
from sales.models import SalesTask
from tests.aftersales import factories as f
from underwriting.services import ensure_default_checklist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_low_satisfaction_opinion_becomes_a_task(
    login, clerk, salesperson, live_server, screenshot
):
    ensure_default_checklist()
    ensure_default_claim_checklist()
    policy = f.make_policy(salesperson, clerk)
    follow_up = FollowUp.objects.get(policy=policy)
    due = (dt.date.today() + dt.timedelta(days=3)).isoformat()

    page = login(clerk)
    page.goto(f"{live_server.url}/aftersales/follow-ups/?work=open")
    page.click(f"text={follow_up.reference}")
    page.click("#record-attempt")
    form = page.locator("#attempt-form")
    form.locator("input[name=reached][value='1']").check()
    for name in (
        "signed_in_person",
        "understands_coverage",
        "understands_exclusions",
        "understands_cooling_off",
    ):
        form.locator(f"input[name={name}][value='1']").check()
    form.locator("input[name=satisfaction][value='2']").check()
    form.locator("textarea[name=opinions]").fill("不清楚重疾險的等待期，希望業務員再來說明")
    form.locator("input[name=action][value=task]").check()
    form.locator("input[name=task_due_date]").fill(due)
    screenshot(page, "attempt-form")
    page.click("#attempt-button")

    expect(page.locator("#satisfaction")).to_contain_text("2/5")
    expect(page.locator("#sales-task-link")).to_be_visible()
    screenshot(page, "follow-up-done")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.satisfaction == 2
    task = SalesTask.objects.get(pk=follow_up.sales_task_id)
    assert task.assignee == salesperson and task.due_date.isoformat() == due

    # the salesperson finds the task with the customer's opinion
    page = login(salesperson)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    expect(page.locator("body")).to_contain_text("不清楚重疾險的等待期")
    screenshot(page, "salesperson-task")
