"""Filter drop-downs remembered between requests, and forgotten when a table they read
changes: a new tag, a renamed salesperson, a new hire, a moved clerk show at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.querycache import tables_read
from core.roles import Role
from customers.models import Customer, CustomerTag
from org.models import Team
from tests.factories import make_employee

pytestmark = pytest.mark.django_db

URL = "/customers/customers/"


def options(client, field):
    """The drop-down's (value, label) pairs and the SQL the page sent for its choices."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    choices = [
        (str(v), str(label)) for v, label in response.context["filter"].form.fields[field].choices
    ]
    table = {"owner": "core_user", "team": "org_team", "tags": "customers_customertag"}[field]
    read = [
        q
        for q in ctx.captured_queries
        if q["sql"].startswith(f'SELECT "{table}"."id"') and '"password"' not in q["sql"]
    ]  # (not the request's own user)
    return choices, len(read)


def test_the_drop_downs_are_read_once(client_for, manager):
    client = client_for(manager)
    first, read = options(client, "tags")
    assert read == 1
    again, read = options(client, "tags")
    assert (again, read) == (first, 0)


def test_a_new_or_renamed_row_shows_at_once(client_for, manager, salesperson):
    client = client_for(manager)
    options(client, "tags")
    CustomerTag.objects.create(name="高淨值")
    tags, read = options(client, "tags")
    assert read == 1 and "高淨值" in [label for _v, label in tags]
    salesperson.full_name = "改名了"
    salesperson.save()
    owners, read = options(client, "owner")
    assert read == 1 and (str(salesperson.pk), "改名了") in owners


def test_a_change_in_a_joined_table_shows_at_once(client_for, manager, team_a):
    """The salespeople drop-down reads users joined to their employee records."""
    client = client_for(manager)
    before, _read = options(client, "owner")
    hired = make_employee(Role.SALESPERSON, team=team_a, name="新同事")
    after, read = options(client, "owner")
    assert read == 1 and (str(hired.pk), "新同事") in after and len(after) == len(before) + 1
    employee = hired.employee
    employee.position = Role.CLERK
    employee.save()
    assert (str(hired.pk), "新同事") not in options(client, "owner")[0]


def test_a_many_to_many_change_shows_at_once(client_for, clerk, team_a, team_b):
    """The clerk's team drop-down is the teams they support (through team.clerks)."""
    client = client_for(clerk)
    teams, _read = options(client, "team")
    assert [label for _v, label in teams if _v] == [team_a.name]
    team_b.clerks.add(clerk)
    teams, read = options(client, "team")
    assert read == 1 and {label for _v, label in teams if _v} == {team_a.name, team_b.name}


def test_each_scope_has_its_own_choices(client_for, clerk, manager, team_a, team_b):
    assert len(options(client_for(manager), "team")[0]) == 3  # "—" and both teams
    assert len(options(client_for(clerk), "team")[0]) == 2  # "—" and team A only


def test_the_tables_a_query_reads():
    qs = Customer.objects.filter(owner__employee__team__in=Team.objects.filter(active=True))
    sql = str(qs.query)
    assert [m._meta.label_lower for m in tables_read(sql, Customer)] == [
        "core.user",
        "customers.customer",
        "org.employee",
        "org.team",
    ]


def test_a_table_version_moves_again_on_commit(django_capture_on_commit_callbacks):
    """A request that read the old rows before the commit must not keep them."""
    from django.core.cache import cache

    from core.querycache import _version_key

    with django_capture_on_commit_callbacks() as callbacks:
        CustomerTag.objects.create(name="新標籤")
    moved = cache.get(_version_key(CustomerTag))
    assert moved is not None and callbacks
    for callback in callbacks:
        callback()
    assert cache.get(_version_key(CustomerTag)) != moved


def test_every_model_moves_its_version_without_having_been_read():
    """The receivers are connected at start-up for every model, not when a process first
    remembers a result: a worker that only writes still tells the web processes."""
    from django.core.cache import cache

    from core.querycache import _version_key

    assert cache.get(_version_key(CustomerTag)) is None
    CustomerTag.objects.create(name="只寫不讀")
    assert cache.get(_version_key(CustomerTag)) is not None
