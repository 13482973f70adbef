"""The start page's "this month" panel: each role's main dashboard figures, or none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_supervisor_sees_the_team_month_with_a_link_to_the_dashboard(client_for, supervisor):
    team = supervisor.employee.team
    page = client_for(supervisor).get("/").content.decode()
    assert 'class="card mb-3 home-panel"' in page
    assert f'href="/reports/dashboard/team/{team.pk}/"' in page
    assert page.count('class="card h-100 kpi"') == 6


def test_salesperson_sees_own_month(client_for, salesperson):
    page = client_for(salesperson).get("/").content.decode()
    assert 'href="/reports/dashboard/me/"' in page and "home-panel" in page


def test_manager_sees_the_company(client_for, manager):
    page = client_for(manager).get("/").content.decode()
    assert 'href="/reports/dashboard/company/"' in page


@pytest.mark.parametrize("persona", ["clerk", "hr", "compliance"])
def test_no_panel_for_roles_without_sales_figures(client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert "home-panel" not in client_for(user).get("/").content.decode()


def test_panel_costs_the_same_queries_whatever_the_team_holds(client_for, supervisor, salesperson):
    from django.utils import timezone

    from tests.reports import factories as f

    client = client_for(supervisor)
    client.get("/")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx)

    empty = count()
    today = timezone.localdate()
    now = timezone.localtime()
    for _ in range(5):
        cust = f.customer(salesperson)
        pol = f.policy(cust, issued_on=today)
        f.premium(pol, amount="1000.00", paid_on=today)
        f.visit(cust, starts_at=now)
    assert count() == empty
