"""A clerk and a supervisor sign in, see their home page and navigation, switch language."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _nav_groups(page):
    return [
        el.get_attribute("data-group") for el in page.locator("#main-nav .nav-group-title").all()
    ]


def test_clerk_and_supervisor_shell(login, clerk, supervisor, compliance, live_server, screenshot):
    page = login(clerk)
    expect(page.locator("#my-work")).to_be_visible()
    groups = _nav_groups(page)
    assert "admin" in groups  # employees and teams (read-only)
    # the clerk's own confidentiality agreement, not the logs (compliance's)
    assert "confidentiality" in groups
    expect(page.locator("#main-nav a[href='/core/access-log/']")).to_have_count(0)
    screenshot(page, "clerk-home")

    page = login(supervisor)
    expect(page.locator("#user-menu")).to_contain_text(supervisor.display_name)
    page.click("#main-nav a[href='/org/employees/']")
    expect(page.locator("main table")).to_contain_text(supervisor.employee.employee_no)
    screenshot(page, "supervisor-employees")

    page = login(compliance)
    assert "confidentiality" in _nav_groups(page)
    expect(page.locator("#main-nav a[href='/core/access-log/']")).to_have_count(1)


def test_switch_language(login, clerk, live_server, screenshot):
    page = login(clerk)
    page.select_option("select[name=language]", "en")
    page.wait_for_load_state()
    expect(page.locator("#my-work .card-header")).to_have_text("My work")
    page.select_option("select[name=language]", "zh-hans")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#my-work .card-header")).to_have_text(re.compile("我的工作"))
    screenshot(page, "clerk-home-zh-hans")
    page.select_option("select[name=language]", "zh-hant")
    page.wait_for_load_state()
    expect(page.locator("#my-work .card-header")).to_have_text(re.compile("我的工作"))
