"""The exit-audit and retention pages cost a constant number of queries whatever their
rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from confidentiality.models import DestructionCandidate
from confidentiality.services import retention
from core.roles import Role
from sales.models import Visit
from tests.customers.factories import make_customer
from tests.factories import make_employee

from .exit_factories import make_exit, make_successor

pytestmark = pytest.mark.django_db
TODAY = dt.date.today

EXIT_LIST = 5
EXIT_DETAIL = 15
CANDIDATE_LIST = 6
BATCH_LIST = 6
RECORD_LIST = 6


def _count(client, url):
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _exits(hr, team, n):
    audits = []
    for _i in range(n):
        leaver = make_employee(Role.SALESPERSON, team=team)
        audits.append(make_exit(hr, leaver, make_successor(team), items=[("device", "手機")] * 3))
    return audits


def test_exit_pages_are_constant(client_for, hr, team_a):
    client = client_for(hr)
    first = _exits(hr, team_a, 2)[0]
    few = _count(client, "/confidentiality/exits/?per_page=100")
    detail = _count(client, first.get_absolute_url())
    _exits(hr, team_a, 20)
    for _i in range(10):
        first.items.create(kind="device", description="隨身碟")
    assert _count(client, "/confidentiality/exits/?per_page=100") == few == EXIT_LIST
    assert _count(client, first.get_absolute_url()) == detail == EXIT_DETAIL


def _visits(owner, n):
    customer = make_customer(owner)
    for _i in range(n):
        Visit.objects.create(
            customer=customer,
            kind="phone",
            starts_at=timezone.now() - dt.timedelta(days=365 * 7),
            purpose="介紹",
            owner=owner,
        )


def test_destruction_lists_are_constant(client_for, compliance, salesperson):
    client = client_for(compliance)
    second = make_employee(Role.COMPLIANCE)
    _visits(salesperson, 2)
    retention.retention_scan()

    def batch_of_all():
        batch = retention.destruction_propose(
            actor=compliance,
            candidates=list(DestructionCandidate.objects.filter(status="listed")),
        )
        retention.destruction_approve(actor=second, batch=batch)
        retention.destruction_execute(actor=compliance, batch=batch)

    batch_of_all()
    _visits(salesperson, 2)
    retention.retention_scan()
    urls = [
        "/confidentiality/destruction/candidates/?per_page=100",
        "/confidentiality/destruction/batches/?per_page=100",
        "/confidentiality/destruction/register/?per_page=100",
    ]
    few = [_count(client, url) for url in urls]
    _visits(salesperson, 30)
    retention.retention_scan()
    batch_of_all()
    _visits(salesperson, 30)
    retention.retention_scan()
    assert [_count(client, url) for url in urls] == few == [CANDIDATE_LIST, BATCH_LIST, RECORD_LIST]
