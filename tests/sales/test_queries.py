"""Query counts: a list page or the board costs the same whatever the number of rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sales import services
from sales.models import Campaign, MarketNote, SalesTask, Visit
from tests.sales.factories import make_customer, make_opportunity, make_proposal

pytestmark = pytest.mark.django_db

STAGES = ["new", "contacted", "meeting", "needs_analysed", "proposal", "application", "won", "lost"]


def _rows(n, salesperson, supervisor):
    team = salesperson.employee.team
    for i in range(n):
        customer = make_customer(salesperson)
        opp = make_opportunity(customer, stage=STAGES[i % len(STAGES)], need="life")
        Visit.objects.create(
            customer=customer,
            opportunity=opp,
            kind="phone",
            starts_at=timezone.now(),
            owner=salesperson,
        )
        if i % 3 == 0:
            make_proposal(make_opportunity(customer, need="medical"), salesperson)
        SalesTask.objects.create(
            team=team,
            assignee=salesperson,
            assigned_by=supervisor,
            title=f"t{i}",
            due_date=dt.date.today(),
        )
        MarketNote.objects.create(title=f"n{i}", content="x", author=salesperson)
        Campaign.objects.create(
            name=f"c{i}",
            channel="online",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 2, 1),
            owner=supervisor,
            team=team,
        )
        opp.campaign = Campaign.objects.latest("pk")
        opp.save()
        services.target_set(
            actor=supervisor,
            team=team,
            month=dt.date(2026, 1 + i % 12, 1) if i < 12 else dt.date(2027, 1 + i % 12, 1),
            premium=Decimal("1000"),
        )


# page -> queries for the supervisor once the session, permissions and the My-work count are
# warm: the frame's own (session, user, notifications, ...) plus the page's (count, rows;
# the filter dropdowns are remembered once warm). The board is one query for all its cards.
PAGES = {
    "sales:opportunity_list": 5,
    "sales:opportunity_board": 4,
    "sales:visit_list": 5,
    "sales:visit_agenda": 4,
    "sales:proposal_list": 5,
    "sales:needsanalysis_list": 5,
    "sales:product_list": 5,
    "sales:insurer_list": 5,
    "sales:campaign_list": 5,
    "sales:salestarget_list": 5,
    "sales:salestask_list": 5,
    "sales:marketnote_list": 5,
}


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_same_count_for_2_and_30_rows(
    page, salesperson, supervisor, clerk, client_for, django_assert_num_queries
):
    client = client_for(supervisor)
    url = reverse(page)
    _count(client, url)  # warm caches (params, content types, session)
    _rows(2, salesperson, supervisor)
    _count(client, url)  # the frame's My-work count is cached a minute: warm it again
    with django_assert_num_queries(PAGES[page]):
        assert client.get(url).status_code == 200
    _rows(28, salesperson, supervisor)
    _count(client, url)
    with django_assert_num_queries(PAGES[page]):
        response = client.get(url)
    assert response.status_code == 200


# (cold, warm) for the supervisor: the first request after the shared cache is emptied,
# then the same again (tests/queries.py).
# Cold: the supervisor's My work count also reads the clear exports waiting for approval and
# the team's training items (overdue mandatory courses, external courses, expired licences),
# appraisal's items (the supervisor's own appraisal at the self stage and with an interview
# date; the team's appraisals waiting for the supervisor's scores or an interview date) and
# confidentiality's (an unsigned agreement, open customer data requests).
COLD_WARM = {
    "sales:opportunity_list": (47, PAGES["sales:opportunity_list"]),
    "sales:opportunity_board": (43, PAGES["sales:opportunity_board"]),
}


@pytest.mark.parametrize("page", COLD_WARM)
def test_cold_and_warm(page, salesperson, supervisor, clerk, client_for, django_assert_num_queries):
    from tests.queries import assert_cold_and_warm

    _rows(30, salesperson, supervisor)
    cold, warm = COLD_WARM[page]
    assert_cold_and_warm(
        client_for(supervisor),
        reverse(page),
        cold=cold,
        warm=warm,
        assert_num_queries=django_assert_num_queries,
    )
