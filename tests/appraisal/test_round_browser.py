"""In the browser, a whole monthly round: HR opens it, the salesperson self-assesses, the
supervisor assesses, HR consolidates, the interview is recorded, and the salesperson sees
the result with its working and acknowledges it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from appraisal.models import Appraisal

from .factories import make_template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rate(page, level, points):
    for field in page.locator("#rating-form .rating-field").all():
        radio = field.locator(f"input[type=radio][value='{level}']")
        if radio.count():
            radio.check()
        else:
            field.locator("input").fill(str(points))


def test_a_whole_monthly_round(login, hr, salesperson, supervisor, live_server, screenshot):
    make_template(hr, "salesperson")

    page = login(hr)
    page.goto(f"{live_server.url}/appraisal/rounds/add/")
    page.select_option("#id_year", "2026")
    page.select_option("#id_month", "10")
    expect(page.locator("#round-deadlines")).to_be_visible()
    screenshot(page, "open-round")
    page.click("#open-round")
    expect(page.locator("#round-stages [data-stage=self]")).to_have_text("1")
    screenshot(page, "board")
    appraisal = Appraisal.objects.get(employee__user=salesperson)
    url = f"{live_server.url}/appraisal/appraisals/{appraisal.pk}/"

    page = login(salesperson)
    page.goto(url)
    expect(page.locator("#rating-form")).to_be_visible()
    _rate(page, 4, 80)
    page.fill("#id_comment", "我本月完成了主要目標。")
    screenshot(page, "self-assessment")
    page.click("#submit-rating")
    expect(page.locator(".alert-success")).to_be_visible()

    page = login(supervisor)
    page.goto(url)
    _rate(page, 5, 90)
    page.fill("#id_private_notes", "只給人資看的備註")
    page.click("#submit-rating")
    expect(page.locator(".alert-success")).to_be_visible()

    page = login(hr)
    page.goto(url)
    expect(page.locator("#appraisal-preview")).to_contain_text("90.50")
    page.fill("#id_calibration", "0")
    page.locator("#consolidate-form button[type=submit]").click()
    expect(page.locator("#final-score")).to_have_text("90.50")

    page = login(supervisor)
    page.goto(url)
    page.fill("#id_date", dt.date.today().isoformat())
    page.fill("#id_discussed", "回顧本月業績")
    page.fill("#id_goals", "下月多拜訪")
    page.locator("#interview-form button[type=submit]").click()
    expect(page.locator("#appraisal-interview")).to_contain_text("回顧本月業績")

    page = login(salesperson)
    page.goto(url)
    expect(page.locator("#final-score")).to_have_text("90.50")
    expect(page.locator("#result-working li").first).to_be_visible()
    assert "只給人資看的備註" not in page.content()
    page.click("#acknowledge")
    expect(page.locator("#appraisal-result")).to_be_visible()
    screenshot(page, "result")
    appraisal.refresh_from_db()
    assert appraisal.stage == "closed" and appraisal.grade == "excellent"
