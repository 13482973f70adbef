"""List pages cost a constant number of queries, whatever their number of rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.roles import Role
from tests.factories import make_employee, make_team

pytestmark = pytest.mark.django_db


def add_employees(team, n):
    for _i in range(n):
        make_employee(Role.SALESPERSON, team=team)


def add_teams(n, supervisor):
    for _i in range(n):
        team = make_team(supervisor=supervisor)
        make_employee(Role.SALESPERSON, team=team)


def count_queries(client, url):
    cache.clear()
    assert client.get(url).status_code == 200  # warm: sessions, content types, My work
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


# Per request: session, user (the permissions, the access profile and the user's own
# employee record come from the cache once warm: core.permissions.load_access), the bell's
# unread count (once per request, though the table renders its own template),
# then the page: the rows' count (once: only the table paginates) and the rows. The
# employee list's team dropdown is remembered (core.querycache).
EMPLOYEE_LIST_QUERIES = 5
TEAM_LIST_QUERIES = 5


@pytest.mark.parametrize("persona", ["supervisor", "hr"])
def test_employee_list_queries_do_not_grow_with_rows(
    persona, personas, client_for, team_a, django_assert_num_queries
):
    client = client_for(personas[persona])
    add_employees(team_a, 2)
    url = "/org/employees/?per_page=50"
    few, response = count_queries(client, url)
    shown_few = len(response.context["table"].page)
    add_employees(team_a, 28)
    many, response = count_queries(client, url)
    assert len(response.context["table"].page) == shown_few + 28
    assert few == many
    with django_assert_num_queries(EMPLOYEE_LIST_QUERIES):
        client.get(url)


def test_employee_list_with_filters_and_sorting(personas, client_for, team_a):
    client = client_for(personas["hr"])
    add_employees(team_a, 2)
    url = f"/org/employees/?team={team_a.pk}&sort=-team&q=Sales&per_page=50"
    few, _response = count_queries(client, url)
    add_employees(team_a, 28)
    many, response = count_queries(client, url)
    assert len(response.context["table"].page) >= 30
    assert few == many


@pytest.mark.parametrize("persona", ["supervisor", "hr"])
def test_team_list_queries_do_not_grow_with_rows(
    persona, personas, client_for, django_assert_num_queries
):
    client = client_for(personas[persona])
    supervisor = personas["supervisor"]
    add_teams(2, supervisor)
    url = "/org/teams/?per_page=50"
    few, response = count_queries(client, url)
    shown_few = len(response.context["table"].page)
    add_teams(28, supervisor)
    many, response = count_queries(client, url)
    assert len(response.context["table"].page) == shown_few + 28
    assert few == many
    with django_assert_num_queries(TEAM_LIST_QUERIES):
        client.get(url)


def test_team_list_counts_members_in_the_query(personas, client_for, team_a):
    response = client_for(personas["hr"]).get("/org/teams/")
    counts = {row.record.code: row.record.member_count for row in response.context["table"].rows}
    assert counts == {"A": 3, "B": 2}  # B: the other salesperson and the shared colleague


CALENDAR_LIST_QUERIES = 5


def add_days(n, start):
    import datetime as dt

    from org.models import CalendarDay

    for i in range(n):
        CalendarDay.objects.create(
            day=start + dt.timedelta(days=i), kind="company", name=f"Day {i}", source="hr"
        )


@pytest.mark.parametrize("persona", ["salesperson", "hr"])
def test_calendar_list_queries_do_not_grow_with_rows(
    persona, personas, client_for, django_assert_num_queries
):
    import datetime as dt

    client = client_for(personas[persona])
    add_days(2, dt.date(2026, 1, 1))
    url = "/org/calendar/?year=2026&per_page=50"
    few, response = count_queries(client, url)
    assert len(response.context["table"].page) == 2
    add_days(28, dt.date(2026, 3, 1))
    many, response = count_queries(client, url)
    assert len(response.context["table"].page) == 30
    assert few == many
    with django_assert_num_queries(CALENDAR_LIST_QUERIES):
        client.get(url)
