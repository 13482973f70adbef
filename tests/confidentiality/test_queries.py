"""The confidentiality lists and My work cost a constant number of queries."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from confidentiality import services
from core import mywork
from core.roles import Role
from tests.customers.factories import make_customer
from tests.factories import make_employee

from .factories import make_agreement, make_breach, make_version

pytestmark = pytest.mark.django_db
TODAY = dt.date.today

# the frame (session, user, notifications) then the page: the count of rows (remembered
# once warm), the rows with employee, team, text and the training subquery.
AGREEMENT_LIST = 5
UNSIGNED_LIST = 5
BREACH_LIST = 5
REQUEST_LIST = 5


def _count(client, url):
    client.get(url)  # warm My work's count, the settings and the per-process caches
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _people(n, team):
    return [make_employee(Role.SALESPERSON, team=team) for _i in range(n)]


def test_agreement_lists_are_constant(client_for, hr, team_a, django_assert_num_queries):
    version = make_version()
    client = client_for(hr)
    for user in _people(2, team_a):
        make_agreement(user, hr, version=version)
    few = _count(client, "/confidentiality/agreements/?per_page=100")
    unsigned_few = _count(client, "/confidentiality/agreements/unsigned/?per_page=100")
    for user in _people(30, team_a):
        make_agreement(user, hr, version=version, signed=False)
    assert _count(client, "/confidentiality/agreements/?per_page=100") == few
    assert _count(client, "/confidentiality/agreements/unsigned/?per_page=100") == unsigned_few
    with django_assert_num_queries(AGREEMENT_LIST):
        client.get("/confidentiality/agreements/?per_page=100")
    with django_assert_num_queries(UNSIGNED_LIST):
        client.get("/confidentiality/agreements/unsigned/?per_page=100")


def test_breach_and_request_lists_are_constant(
    client_for, compliance, salesperson, team_a, django_assert_num_queries
):
    client = client_for(compliance)
    # A request's user object is loaded fresh: the access it works out (in a service's
    # check) is remembered with the employee record it read (core.permissions).
    compliance = get_user_model().objects.get(pk=compliance.pk)
    make_breach(salesperson, compliance)
    customer = make_customer(salesperson)
    services.data_request_record(
        actor=salesperson, customer=customer, kind="export", received_on=TODAY(), details="副本"
    )
    few = _count(client, "/confidentiality/breaches/?per_page=100")
    requests_few = _count(client, "/confidentiality/requests/?per_page=100")
    for user in _people(20, team_a):
        make_breach(user, compliance)
        services.data_request_record(
            actor=salesperson,
            customer=make_customer(salesperson),
            kind="correction",
            received_on=TODAY(),
            details="更正",
        )
    assert _count(client, "/confidentiality/breaches/?per_page=100") == few
    assert _count(client, "/confidentiality/requests/?per_page=100") == requests_few
    with django_assert_num_queries(BREACH_LIST):
        client.get("/confidentiality/breaches/?per_page=100")
    with django_assert_num_queries(REQUEST_LIST):
        client.get("/confidentiality/requests/?per_page=100")


def test_my_work_costs_a_constant_number_of_queries(hr, team_a, django_assert_num_queries):
    from confidentiality.providers import agreement_work

    _people(3, team_a)
    hr.refresh_from_db()
    agreement_work(hr)  # warm the settings
    with django_assert_num_queries(3):  # without an agreement, ending soon (employee cached)
        items = agreement_work(hr)
    labels = [str(i.label) for i in items]
    assert len(labels) == 3
    assert mywork  # registered through the app's providers
