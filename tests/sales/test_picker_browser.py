"""In the browser: a salesperson chooses the customer of a new opportunity by typing part of
the name into the type-ahead picker, with the keyboard; then, on a new visit, the
opportunity picker offers only the chosen customer's opportunities."""

import pytest
from playwright.sync_api import expect

from sales.models import Opportunity
from tests.sales.factories import make_customer, make_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_to_choose_a_customer_then_its_opportunity(
    login, salesperson, other_salesperson, live_server, screenshot
):
    wanted = make_customer(salesperson, name="歐陽明月")
    make_customer(salesperson, name="歐陽清風")
    make_customer(other_salesperson, name="歐陽別隊")  # another team's: never offered

    page = login(salesperson)
    page.goto(f"{live_server.url}/sales/opportunities/add/")
    box = page.locator("#id_customer_search")
    box.click()
    box.press_sequentially("歐陽", delay=50)
    results = page.locator("#id_customer_results [data-value]")
    expect(results).to_have_count(2)
    expect(page.locator("#id_customer_results")).not_to_contain_text("歐陽別隊")
    box.press_sequentially("明", delay=50)
    expect(results).to_have_count(1)
    screenshot(page, "customer-matches")
    box.press("ArrowDown")
    box.press("Enter")  # chooses the match, does not submit the form
    expect(box).to_have_value("歐陽明月")
    expect(page.locator("#id_customer")).to_have_value(str(wanted.pk))
    page.select_option("#id_need", "medical")
    page.select_option("#id_channel", "telemarketing")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("body")).to_contain_text("歐陽明月")
    opportunity = Opportunity.objects.get()
    assert opportunity.customer == wanted

    # the visit's opportunity picker is narrowed by the chosen customer
    other = make_customer(salesperson, name="上官雲")
    make_opportunity(other)
    page.goto(f"{live_server.url}/sales/visits/add/")
    page.locator("#id_customer_search").press_sequentially("歐陽明", delay=50)
    matches = page.locator("#id_customer_results [data-value]")
    expect(matches).to_have_count(1)
    matches.first.click()
    expect(page.locator("#id_customer")).to_have_value(str(wanted.pk))
    page.locator("#id_opportunity_search").click()
    options = page.locator("#id_opportunity_results [data-value]")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("歐陽明月")
    screenshot(page, "opportunity-narrowed")
    options.first.click()
    expect(page.locator("#id_opportunity")).to_have_value(str(opportunity.pk))


def test_choose_several_attendees_by_typing(login, supervisor, team_a, live_server):
    from core.roles import Role
    from sales.models import TeamMeeting
    from tests.factories import make_employee

    first = make_employee(Role.SALESPERSON, team=team_a, username="s1", name="司馬一")
    make_employee(Role.SALESPERSON, team=team_a, username="s2", name="司馬二")
    third = make_employee(Role.SALESPERSON, team=team_a, username="s3", name="司馬三")

    page = login(supervisor)
    page.goto(f"{live_server.url}/sales/meetings/add/")
    page.select_option("#id_team", str(team_a.pk))
    box = page.locator("#id_attendees_search")
    for name in ("司馬一", "司馬二", "司馬三"):
        box.click()
        box.fill("")
        box.press_sequentially(name, delay=50)
        matches = page.locator("#id_attendees_results [data-value]")
        expect(matches).to_have_count(1)
        expect(matches.first).to_contain_text(name)
        box.press("Enter")
        expect(page.locator(".picker-chip", has_text=name)).to_have_count(1)
    page.locator(".picker-chip", has_text="司馬二").locator("[data-picker-remove]").click()
    expect(page.locator(".picker-chip")).to_have_count(2)
    page.fill("#id_date", "2026-12-01")
    page.fill("#id_agenda", "週會")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("body")).to_contain_text("週會")
    meeting = TeamMeeting.objects.get()
    assert set(meeting.attendees.all()) == {first, third}
