"""Dashboards: pace and working days, the figures shown (the statistics service's), who sees
which dashboard, and constant query counts as a team's records and members grow."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core import params
from core.roles import Role
from reports import dashboards, providers, rules, statistics
from reports.dashboards import MonthContext, pace, working_days
from reports.statistics import Scope
from tests.factories import make_employee
from tests.reports import factories as f

ON = "2026-03-31"  # the reference day: the last day of the fixture's month
D = Decimal


@pytest.fixture
def world(db):
    return f.march_world()


@pytest.fixture
def english(settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


# --- the calendar and the pace ------------------------------------------------------------------


def test_working_days():
    assert working_days(dt.date(2026, 3, 1), dt.date(2026, 4, 1)) == 22
    assert working_days(dt.date(2026, 3, 2), dt.date(2026, 3, 9)) == 5
    assert working_days(dt.date(2026, 3, 7), dt.date(2026, 3, 9)) == 0  # a weekend
    assert working_days(dt.date(2026, 3, 9), dt.date(2026, 3, 9)) == 0


def test_month_context():
    ctx = MonthContext.for_day(dt.date(2026, 3, 11))  # a Wednesday
    assert (ctx.working_days, ctx.elapsed, ctx.remaining) == (22, 7, 15)
    assert (ctx.to_date.start, ctx.to_date.end) == (dt.date(2026, 3, 1), dt.date(2026, 3, 12))
    assert (ctx.previous.start, ctx.previous.end) == (dt.date(2026, 2, 1), dt.date(2026, 2, 12))
    assert (ctx.last_year.start, ctx.last_year.end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 12))
    end = MonthContext.for_day(dt.date(2026, 3, 31))
    assert (end.previous.start, end.previous.end) == (dt.date(2026, 2, 1), dt.date(2026, 3, 1))


def test_pace_against_the_monthly_target():
    ctx = MonthContext.for_day(dt.date(2026, 3, 11))
    p = pace("premium_first_year", D("5000"), D("22000"), ctx, D("0.10"))
    assert p.expected == D("7000.00")  # 22000 × 7/22 working days
    assert p.completion == D("0.2273")
    assert p.needed_per_day == D("1133.33")  # 17000 over 15 working days left
    assert p.behind is True  # 5000 < 7000 × 0.9
    assert pace("premium_first_year", D("6300"), D("22000"), ctx, D("0.10")).behind is False
    assert pace("visits", 3, 22, ctx, D("0.10")).needed_per_day == D("1.3")
    no_target = pace("visits", 3, None, ctx, D("0.10"))
    assert no_target.target is None and no_target.behind is False
    first_day = MonthContext.for_day(dt.date(2026, 3, 2))
    assert pace("visits", 0, 22, first_day, D("0.10")).behind is False  # nothing expected yet


# --- the team dashboard ---------------------------------------------------------------------------


def test_team_dashboard_figures(world, client):
    client.force_login(world["sup_a"])
    response = client.get(reverse("reports:dashboard_team", args=[world["team_a"].pk]), {"on": ON})
    assert response.status_code == 200
    ctx = response.context
    rows = {r.key: r for r in ctx["rows"]}
    assert set(rows) == {world["p1"].pk, world["p2"].pk}
    p1 = rows[world["p1"].pk]
    assert p1.month["premium_first_year"] == D("12000.00")
    assert p1.month["visits"] == 2
    assert p1.today["visits"] == 1  # 31 March 23:30 local
    assert p1.premium_pace.target == D("15000.00")
    assert p1.premium_pace.completion == D("0.8000")
    assert p1.premium_pace.needed_per_day == D("3000.00")  # 3000 left, 1 working day left
    assert p1.rank == 1  # 80 % of target before P2's 0 %
    # 31 March: 21 of 22 working days gone. P1: premium 12000 < 15000 × 21/22 × 0.9; one
    # policy of 2; 2 visits of 6. P2: nothing of 10000; its one policy is on pace; 1 of 4 visits.
    assert [a.key for a in p1.alerts] == ["premium_first_year", "new_policies", "visits"]
    assert [a.key for a in rows[world["p2"].pk].alerts] == ["premium_first_year", "visits"]
    assert [r.key for r in ctx["alerts"]] == [world["p1"].pk, world["p2"].pk]
    kpis = {r.key: r for r in ctx["key_figures"]}
    summary = {
        r.key: r
        for r in statistics.summary(
            Scope.team(world["team_a"]),
            ctx["month_ctx"].to_date,
            keys=dashboards.KEY_FIGURES,
            previous=ctx["month_ctx"].previous,
            last_year=ctx["month_ctx"].last_year,
            target_range=(dt.date(2026, 3, 1), dt.date(2026, 4, 1)),
        )
    }
    assert kpis["premium_first_year"].value == summary["premium_first_year"].value == D("12000.00")
    assert kpis["premium_first_year"].target == D("30000.00")
    assert kpis["premium_first_year"].completion == D("0.4000")
    assert kpis["premium_first_year"].previous == D("5000.00")
    html = response.content.decode()
    assert html.count("<svg") == 5
    assert html.count("<details") == 5
    assert "¥12,000.00" in html


def test_pace_tolerance_is_a_company_setting(world, client):
    """P1: 12000 of 15000 with 21 of 22 working days gone: expected 14318.18; with the 10 %
    tolerance behind below 12886.36, with 20 % only below 11454.55."""
    client.force_login(world["sup_a"])
    url = reverse("reports:dashboard_team", args=[world["team_a"].pk])

    def premium_behind():
        rows = {r.key: r for r in client.get(url, {"on": ON}).context["rows"]}
        return rows[world["p1"].pk].premium_pace.behind

    assert premium_behind() is True
    params.set_value(rules.PACE_TOLERANCE, "0.20", actor=make_employee(Role.MANAGER))
    assert premium_behind() is False


def test_overdue_work_per_member(world, client):
    pol1 = world["pol1"]
    f.follow_up(pol1, due_date=dt.date(2026, 3, 20))  # overdue on the 31st
    f.renewal(pol1, due_date=dt.date(2026, 3, 25))  # pending, past due
    f.complaint(world["c2"], received_on=dt.date(2026, 3, 1))  # past its deadlines
    client.force_login(world["sup_a"])
    url = reverse("reports:dashboard_team", args=[world["team_a"].pk])
    rows = {r.key: r for r in client.get(url, {"on": ON}).context["rows"]}
    assert rows[world["p1"].pk].overdue["follow_ups"] == 1
    assert rows[world["p1"].pk].overdue["renewals"] == 1
    assert rows[world["p2"].pk].overdue["complaints"] == 1
    assert rows[world["p2"].pk].overdue_total == 1


def test_company_dashboard_by_team(world, client):
    manager = make_employee(Role.MANAGER)
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard_company"), {"on": ON})
    assert response.status_code == 200
    rows = {r.key: r for r in response.context["rows"]}
    assert rows[world["team_a"].pk].month["premium_first_year"] == D("12000.00")
    assert rows[world["team_b"].pk].month["premium_first_year"] == D("3000.00")
    assert rows[world["team_b"].pk].premium_pace.target == D("5000.00")  # its members' sum
    kpis = {r.key: r for r in response.context["key_figures"]}
    assert kpis["premium_first_year"].value == D("15000.00")
    assert kpis["premium_first_year"].target == D("35000.00")


def test_personal_dashboard(world, client):
    client.force_login(world["p1"])
    response = client.get(reverse("reports:dashboard_personal"), {"on": ON})
    assert response.status_code == 200
    paces = {p.key: p for p in response.context["paces"]}
    assert paces["premium_first_year"].value == D("12000.00")
    assert paces["visits"].target == 6
    assert response.context["today_figures"]["visits"] == 1
    assert len(response.context["charts"]) == 4  # no per-person target chart


def test_clerk_dashboard_shows_their_work(world, client):
    from sales.models import Proposal

    Proposal.objects.filter(reviewed_at__isnull=False).update(reviewed_by=world["clerk_a"])
    client.force_login(world["clerk_a"])
    response = client.get(reverse("reports:dashboard_personal"), {"on": "2026-03-05"})
    assert response.status_code == 200
    _label, reviewed = response.context["clerk_work"]["rows"][0]
    assert reviewed == {"month": 3, "today": 1}  # reviews on 1, 3 and 5 March
    assert response.context["key_figures"] == []
    assert response.context["overdue_of_teams"] is True


def test_dashboard_pages_carry_no_inline_style_or_script(world, client):
    client.force_login(world["sup_a"])
    html = client.get(
        reverse("reports:dashboard_team", args=[world["team_a"].pk]), {"on": ON}
    ).content.decode()
    main = html[html.index('<main class="app-main"') :]
    assert "<style" not in main
    assert not re.search(r"<script(?![^>]*\bsrc=)", main)
    assert not re.search(r'\sstyle="', main)
    assert "reports/charts.css" in html


# --- who sees what ---


def test_dashboard_home_redirects_by_role(world, client):
    manager = make_employee(Role.MANAGER)
    cases = [
        (manager, reverse("reports:dashboard_company")),
        (world["sup_a"], reverse("reports:dashboard_team", args=[world["team_a"].pk])),
        (world["clerk_a"], reverse("reports:dashboard_personal")),
        (world["p1"], reverse("reports:dashboard_personal")),
    ]
    for user, target in cases:
        client.force_login(user)
        response = client.get(reverse("reports:dashboard"))
        assert response.status_code == 302 and response.url == target, user


def test_dashboard_permissions(world, client):
    team_a, team_b = world["team_a"], world["team_b"]
    hr = make_employee(Role.HR)
    cases = [
        (world["p1"], "reports:dashboard_team", [team_a.pk], 404),
        (world["p1"], "reports:dashboard_person", [world["p2"].pk], 404),
        (world["p1"], "reports:dashboard_person", [world["p1"].pk], 200),
        (world["p1"], "reports:dashboard_company", [], 403),
        (world["sup_a"], "reports:dashboard_team", [team_b.pk], 404),
        (world["sup_a"], "reports:dashboard_person", [world["p2"].pk], 200),
        (world["sup_a"], "reports:dashboard_person", [world["p3"].pk], 404),
        (world["sup_a"], "reports:dashboard_company", [], 403),
        (world["clerk_a"], "reports:dashboard_team", [team_a.pk], 200),
        (world["clerk_a"], "reports:dashboard_team", [team_b.pk], 404),
        (hr, "reports:dashboard_personal", [], 403),
        (hr, "reports:dashboard", [], 403),
    ]
    for user, name, args, status in cases:
        client.force_login(user)
        assert client.get(reverse(name, args=args)).status_code == status, (user, name, args)


def test_switcher_offers_only_visible_scopes(world, client):
    client.force_login(world["sup_a"])
    response = client.get(reverse("reports:dashboard_team", args=[world["team_a"].pk]))
    urls = [s["url"] for s in response.context["switcher"]]
    assert urls == [
        reverse("reports:dashboard_team", args=[world["team_a"].pk]),
        reverse("reports:dashboard_personal"),
    ]


# --- menu and My work ---


def test_menu_entry_and_my_work(world, english):
    from core import navigation

    menu = navigation.menu_for(world["sup_a"], "/reports/dashboard/team/1/")
    reports = next(g for g in menu if g["group"].key == "reports")
    assert reports["items"][0]["item"].url_name == "reports:dashboard"
    assert reports["items"][0]["active"]
    hr = make_employee(Role.HR)
    assert all(
        i["item"].url_name != "reports:dashboard"
        for g in navigation.menu_for(hr)
        for i in g["items"]
    )
    assert dashboards.behind_pace_count(world["team_a"].pk, on=dt.date(2026, 3, 31)) == 2
    items = providers.dashboard_mywork(world["sup_a"])
    assert [i.url for i in items] == [reverse("reports:dashboard_team", args=[world["team_a"].pk])]
    assert providers.dashboard_mywork(world["p1"]) == []


# --- query counts ---


def _grow(w, n, members=0):
    """``n`` more sales of every kind for each salesperson of team A, and ``members`` more
    salespeople with their own records."""
    people = [(w["p1"], w["c1"]), (w["p2"], w["c2"])]
    for i in range(members):
        person = make_employee(Role.SALESPERSON, team=w["team_a"], name=f"新人{i}")
        people.append((person, f.customer(person)))
        f.target(w["team_a"], dt.date(2026, 3, 1), user=person, premium="1000", visits=1)
    for _person, cust in people:
        for i in range(n):
            day = dt.date(2026, 3, 1 + i % 28)
            pol = f.policy(cust, issued_on=day, annual_premium="1000")
            f.premium(pol, amount="1000", paid_on=day)
            f.visit(cust, starts_at=f.local(2026, 3, 1 + i % 28))
            f.opportunity(cust, stage="won", created=f.local(2026, 3, 2), channel="online")
            f.follow_up(pol, due_date=dt.date(2026, 3, 1))


def _queries(client, url):
    """The queries of a warm request (company settings and My-work counts are cached for
    half a minute: a fresh cache and one request first, so timing never matters)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client.get(url, {"on": ON})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"on": ON})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["team", "company", "personal"])
def test_query_counts_are_constant(world, client, page):
    manager = make_employee(Role.MANAGER)
    viewer = {"team": world["sup_a"], "company": manager, "personal": world["p1"]}[page]
    url = {
        "team": reverse("reports:dashboard_team", args=[world["team_a"].pk]),
        "company": reverse("reports:dashboard_company"),
        "personal": reverse("reports:dashboard_personal"),
    }[page]
    client.force_login(viewer)
    first = _queries(client, url)
    _grow(world, 6)
    assert _queries(client, url) == first
    _grow(world, 2, members=3)
    assert _queries(client, url) == first


# The pinned counts of a warm request. The team dashboard's 22 are the frame (session,
# user, notifications; the permission sets, profile and shares come from the cache once
# warm), the team, and then one statement for each set of figures (the key figures' three
# ranges together, the members' month to date, today, the 12-month trend, the channel mix),
# plus targets, members, names, the 5 overdue kinds, the pipeline and the switcher's teams.
PINNED = {"team": 19, "company": 18, "personal": 15}


@pytest.mark.parametrize("page", ["team", "company", "personal"])
def test_query_counts_are_pinned(world, client, page):
    manager = make_employee(Role.MANAGER)
    viewer = {"team": world["sup_a"], "company": manager, "personal": world["p1"]}[page]
    url = {
        "team": reverse("reports:dashboard_team", args=[world["team_a"].pk]),
        "company": reverse("reports:dashboard_company"),
        "personal": reverse("reports:dashboard_personal"),
    }[page]
    client.force_login(viewer)
    assert _queries(client, url) == PINNED[page]


# The first request after the shared cache is emptied (tests/queries.py): the frame also
# reads the permission sets, the access profile and the company settings afresh, and counts
# My work (for the supervisor also the clear exports waiting for approval and the team's
# training: overdue mandatory courses, external courses to approve, expired licences), with
# appraisal's items (one's own appraisal at the self stage and with an interview date; for the
# supervisor also the team's appraisals waiting for scores or an interview date) and
# confidentiality's (an unsigned agreement; open customer data requests for those with
# customers).
COLD = {"team": 58, "company": 38, "personal": 36}


@pytest.mark.parametrize("page", ["team", "company", "personal"])
def test_query_counts_cold_and_warm(world, client, page, django_assert_num_queries):
    from tests.queries import assert_cold_and_warm

    manager = make_employee(Role.MANAGER)
    viewer = {"team": world["sup_a"], "company": manager, "personal": world["p1"]}[page]
    url = {
        "team": reverse("reports:dashboard_team", args=[world["team_a"].pk]),
        "company": reverse("reports:dashboard_company"),
        "personal": reverse("reports:dashboard_personal"),
    }[page]
    client.force_login(viewer)
    assert_cold_and_warm(
        client,
        f"{url}?on={ON}",
        cold=COLD[page],
        warm=PINNED[page],
        assert_num_queries=django_assert_num_queries,
    )


# --- in the browser ---


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_supervisor_reaches_the_team_dashboard(live_server, login, screenshot):
    """The menu's Dashboard lands the supervisor on the team's; the charts are styled under
    the content security policy (nothing refused) and each opens its table."""
    from playwright.sync_api import expect

    w = f.march_world()
    page = login(w["sup_a"])
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.click("#main-nav a[href='/reports/dashboard/']")
    page.wait_for_url(f"**/reports/dashboard/team/{w['team_a'].pk}/")
    page.goto(f"{page.url}?on={ON}")
    expect(page.locator("#dashboard-members")).to_contain_text(w["p1"].display_name)
    expect(page.locator(".dashboard-alerts")).to_contain_text(w["p2"].display_name)
    stroke = page.eval_on_selector(
        "#chart-trend_premium .series.color-0 .line", "e => getComputedStyle(e).stroke"
    )
    assert stroke == "rgb(31, 95, 191)"  # the shared stylesheet reached the inline SVG
    chart = page.locator("#chart-trend_premium")
    expect(chart.locator("details table")).not_to_be_visible()
    chart.locator("summary").click()
    expect(chart.locator("details table")).to_contain_text("¥12,000.00")
    screenshot(page, "team-dashboard")
    page.click(f"#dashboard-members a:has-text('{w['p1'].display_name}')")
    expect(page.locator("#dashboard-pace")).to_be_visible()
    screenshot(page, "member-dashboard")
    assert refused == []
