"""One source of sales figures: the targets page (sales), the dashboards and the report files
(reports) and ``core.figures`` give the same premium income and new policies for the same
person and month, to the cent.

The data is built so that the old targets page (won opportunities' expected premium, won
opportunities as new policies) would disagree: a won opportunity whose policy is not issued,
premiums paid that differ from the expected premium, a renewal premium, a refunded premium of
a policy cancelled in the cooling-off period and an unpaid premium.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core import figures
from core.figures import Scope
from reports import services, statistics
from sales.models import Opportunity
from tests.reports import factories as f
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db

D = Decimal
# 12000.50 + 3000.25 first-year and 800.10 renewal premium paid; the refund, the unpaid
# premium and the won opportunity's 50000 expected premium do not count.
PREMIUM_INCOME = D("15800.85")
FIRST_YEAR = D("15000.75")
NEW_POLICIES = 2  # the cancelled policy is no sale


@pytest.fixture
def month_of_sales(team_a, salesperson, other_salesperson):
    day = day_in(LAST_MONTH)
    sell(salesperson, day, "12000.50")
    sell(salesperson, day, "3000.25")
    cust = f.customer(salesperson)
    old = f.policy(cust, issued_on=LAST_MONTH.start - dt.timedelta(days=400))
    f.premium(old, amount="800.10", paid_on=day, kind="renewal")
    f.premium(old, amount="800.10", paid_on=None, kind="renewal", due_date=day + dt.timedelta(1))
    cancelled = f.policy(cust, issued_on=day, annual_premium="5000", status="cancelled")
    f.premium(cancelled, amount="5000", paid_on=day, refunded=True)
    # Won this month, its policy not issued yet: the old page counted 50000 and one policy.
    won = f.opportunity(
        cust, stage="won", closed_on=day, expected_premium=D("50000"), created=f.local(2020, 1, 1)
    )
    in_month = f.local(day.year, day.month, day.day, 11)
    Opportunity.objects.filter(pk=won.pk).update(stage_changed_at=in_month)
    f.visit(cust, starts_at=in_month)
    sell(other_salesperson, day, "999.99")  # another team's sale: not the salesperson's
    return f.target(
        team_a, LAST_MONTH.start, user=salesperson, premium="20000", new_policies=4, visits=5
    )


def test_core_figures_of_a_person_and_month(month_of_sales, salesperson, team_a):
    scope = Scope.person(salesperson)
    values = figures.figures(scope=scope, period=LAST_MONTH)
    assert values["premium_total"] == PREMIUM_INCOME
    assert values["premium_first_year"] == FIRST_YEAR
    assert values["new_policies"] == NEW_POLICIES and type(values["new_policies"]) is int
    assert values["visits"] == 1
    assert values == statistics.compute(scope, LAST_MONTH.start, LAST_MONTH.end)
    # a pair of dates is the same period
    pair = figures.figures(scope=scope, period=(LAST_MONTH.start, LAST_MONTH.end))
    assert pair == values
    # per person within the team, in one call: the same figures
    by_person = figures.figures_by(
        scope=Scope.team(team_a), period=LAST_MONTH, by="person", measures=["premium_total"]
    )
    assert by_person[salesperson.pk] == {"premium_total": PREMIUM_INCOME}
    many = figures.figures_many([(scope, LAST_MONTH), (Scope.team(team_a), LAST_MONTH)])
    assert many[0] == values and many[1]["premium_total"] == PREMIUM_INCOME
    assert figures.targets(scope=scope, period=LAST_MONTH) == {
        "premium": D("20000.00"),
        "new_policies": 4,
        "visits": 5,
    }
    lines = {
        line.target_key: line for line in figures.against_targets(scope=scope, period=LAST_MONTH)
    }
    assert lines["premium"].measure == "premium_first_year"
    assert lines["premium"].actual == FIRST_YEAR
    assert lines["premium"].completion == D("0.7500")  # 15000.75 / 20000, half up
    assert lines["new_policies"].actual == NEW_POLICIES


def test_core_figures_refuses_what_it_does_not_know(salesperson):
    scope = Scope.person(salesperson)
    with pytest.raises(ValueError, match="unknown measures: premium"):
        figures.figures(scope=scope, period=LAST_MONTH, measures=["premium"])
    with pytest.raises(ValueError, match="not a date range"):
        figures.figures(scope=scope, period=(LAST_MONTH.end, LAST_MONTH.start))
    with pytest.raises(ValueError, match="not a scope"):
        figures.figures(scope=salesperson, period=LAST_MONTH)
    with pytest.raises(ValueError, match="no figures by"):
        figures.figures_by(scope=scope, period=LAST_MONTH, by="product")


def test_without_a_registered_source_figures_say_so(salesperson, monkeypatch):
    """An app that reads figures without reports installed gets a clear error, not zeros."""
    monkeypatch.setitem(figures._registry, "provider", None)
    with pytest.raises(ImproperlyConfigured, match="reports app"):
        figures.figures(scope=Scope.person(salesperson), period=LAST_MONTH)


def test_targets_page_dashboard_and_report_agree(
    month_of_sales, client, supervisor, salesperson, clerk
):
    # The targets page (sales), which used to show 50000.00 and 1.
    client.force_login(supervisor)
    page = client.get(reverse("sales:salestarget", args=[month_of_sales.pk]))
    assert page.status_code == 200
    lines = {line["key"]: line for line in page.context["lines"]}
    assert page.context["premium_income"] == PREMIUM_INCOME
    assert lines["premium_first_year"]["actual"] == FIRST_YEAR
    assert lines["premium_first_year"]["target"] == D("20000.00")
    assert lines["new_policies"]["actual"] == NEW_POLICIES
    assert lines["visits"]["actual"] == 1
    html = page.content.decode()
    assert 'data-figure="premium_total">¥15,800.85<' in html
    assert 'data-figure="new_policies">2<' in html
    assert "50,000" not in html

    # The person's dashboard on the month's last day (the month to date is the whole month).
    dashboard = client.get(
        reverse("reports:dashboard_person", args=[salesperson.pk]),
        {"on": LAST_MONTH.last_day.isoformat()},
    )
    assert dashboard.status_code == 200
    kpis = {row.key: row.value for row in dashboard.context["key_figures"]}
    assert kpis["premium_total"] == PREMIUM_INCOME
    assert kpis["premium_first_year"] == FIRST_YEAR
    assert kpis["new_policies"] == NEW_POLICIES
    assert dashboard.context["month_figures"]["new_policies"] == NEW_POLICIES

    # The person's report of the month: the stored figures and the Excel summary sheet.
    scope = Scope.person(salesperson)
    snapshot = services.snapshot_request(scope=scope, period=LAST_MONTH, actor=clerk)
    snapshot = services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)
    stored = {row["key"]: row["value"] for row in snapshot.figures["summary"]}
    assert stored["premium_total"] == str(PREMIUM_INCOME)
    assert stored["premium_first_year"] == str(FIRST_YEAR)
    assert stored["new_policies"] == NEW_POLICIES
    with snapshot.excel.open("rb") as fh:
        sheet = load_workbook(io.BytesIO(fh.read())).worksheets[0]
    cells = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    with translation.override(settings.LANGUAGE_CODE):
        premium_label = str(statistics.FIGURES_BY_KEY["premium_total"].label)
        policies_label = str(statistics.FIGURES_BY_KEY["new_policies"].label)
    assert D(str(cells[premium_label])) == PREMIUM_INCOME
    assert cells[policies_label] == NEW_POLICIES

    # And a team's target on the same page compares with the team's figures.
    team_target = f.target(
        salesperson.employee.team, LAST_MONTH.start, premium="30000", new_policies=6
    )
    team_page = client.get(reverse("sales:salestarget", args=[team_target.pk]))
    assert team_page.context["premium_income"] == PREMIUM_INCOME  # the team's only seller


def test_targets_page_costs_the_same_whatever_the_sales(
    month_of_sales, client, supervisor, salesperson, django_assert_num_queries
):
    """The actual figures are one statement: the page's count does not grow with the sales."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(supervisor)
    url = reverse("sales:salestarget", args=[month_of_sales.pk])
    client.get(url)  # warm the session, permissions and the My-work count
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    # Read now: the captured list is a window on a bounded log that later queries move.
    count = len(few.captured_queries)
    # the warm frame (session, user, notifications), the target, one figures statement
    assert count == 6
    figures_sql = [q["sql"] for q in few.captured_queries if "UNION ALL" in q["sql"]]
    assert len(figures_sql) == 1
    day = day_in(LAST_MONTH)
    for i in range(28):
        sell(salesperson, day, f"{100 + i}.01")
    client.get(url)
    with django_assert_num_queries(count):
        response = client.get(url)
    assert response.context["lines"][1]["actual"] == NEW_POLICIES + 28
